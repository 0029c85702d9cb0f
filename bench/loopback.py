"""An app served as ``intyg serve`` serves it, by uvicorn on a loopback port, in this process,
with a plain keep-alive HTTP/1.1 client from the standard library: the requests a benchmark
times are real HTTP, without the in-process portal of Starlette's ``TestClient`` (2.2 ms a
request for an empty route on this machine, against 0.5 ms over uvicorn; README.md).

Either harness answers ``get(path, params, headers)`` with the status and the body, so a
benchmark can take its figures through both (``--test-client``)."""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Protocol
from urllib.parse import urlencode

import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.ports import free_port


class Client(Protocol):
    def get(self, path: str, params: Mapping[str, Any], headers: Mapping[str, str],
            ) -> tuple[int, bytes]: ...


class _Loopback:
    def __init__(self, port: int) -> None:
        self._conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def get(self, path: str, params: Mapping[str, Any], headers: Mapping[str, str],
            ) -> tuple[int, bytes]:
        self._conn.request("GET", f"{path}?{urlencode(params, doseq=True)}", headers=headers)
        response = self._conn.getresponse()
        return response.status, response.read()


class _InProcess:
    def __init__(self, client: TestClient) -> None:
        self._client = client

    def get(self, path: str, params: Mapping[str, Any], headers: Mapping[str, str],
            ) -> tuple[int, bytes]:
        response = self._client.get(path, params=dict(params), headers=dict(headers))
        return response.status_code, response.content


@contextmanager
def served(app: FastAPI, *, test_client: bool = False) -> Iterator[Client]:
    """The app served (its startup and shutdown run) and a client of it."""
    if test_client:
        with TestClient(app) as client:
            yield _InProcess(client)
        return
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None,
                                           access_log=False))
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"uvicorn did not start on 127.0.0.1:{port}")
        time.sleep(0.02)
    try:
        yield _Loopback(port)
    finally:
        server.should_exit = True
        thread.join(timeout=30)
