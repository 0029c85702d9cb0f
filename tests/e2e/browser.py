"""Debian's headless Chromium for the browser tests, with the outside network cut.

``open_page`` drives Chromium over the DevTools protocol (``--remote-debugging-pipe``: JSON
messages on file descriptors 3 and 4, no extra library). Every request the page makes is paused
first: one to the site under test goes on, any other (a CDN, Google Fonts, another site's
favicon) is failed on the spot and recorded, so nothing leaves the machine. Name resolution and
a dead proxy for every host but loopback cut the network a second time, for whatever the pause
might not see. What the page did comes back as a ``Visit``: the requests that failed or answered
4xx/5xx, the ones blocked, the console errors, and the value of a script run once it is ready.
"""

from __future__ import annotations

import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI

from tests.ports import free_port

CHROMIUM = shutil.which("chromium")
SKIP_REASON = "Debian's chromium is installed by scripts/test.sh (scripts/chromium.sh)"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# For --dump-dom and --screenshot runs: the console on stderr, time to run the page's scripts.
DUMP_FLAGS = [*FLAGS, "--enable-logging=stderr", "--v=0", "--virtual-time-budget=15000"]
OFFLINE = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
           "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=127.0.0.1"]
LOCAL_SCHEMES = ("data:", "blob:", "about:")


@contextmanager
def served(app: FastAPI) -> Iterator[str]:
    """``app`` on a free loopback port in a thread, for a real browser; yields its origin."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@dataclass
class Visit:
    origin: str
    failed: list[str] = field(default_factory=list)  # "<url> <reason or HTTP status>"
    blocked: list[str] = field(default_factory=list)  # outside requests cut before leaving
    console_errors: list[str] = field(default_factory=list)
    result: Any = None


class _Pipe:
    """One DevTools session over Chromium's pipe: commands out, responses and events in."""

    def __init__(self, process: subprocess.Popen[bytes], write_fd: int, read_fd: int) -> None:
        self.process, self.write_fd, self.read_fd = process, write_fd, read_fd
        self.buffer, self.next_id, self.session = b"", 0, ""
        # Called on every event of the session as it arrives, also while a call waits: a paused
        # request must be answered, or the page (and an evaluation in it) waits for ever.
        self.listener: Callable[[str, dict[str, Any]], None] = lambda method, params: None

    def send(self, method: str, params: dict[str, Any] | None = None, *,
             session: bool = True) -> int:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.write_fd, json.dumps(message).encode() + b"\0")
        return self.next_id

    def call(self, method: str, params: dict[str, Any] | None = None, *, session: bool = True,
             timeout: float = 30) -> dict[str, Any]:
        wanted = self.send(method, params, session=session)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in self.read(deadline - time.monotonic()):
                if message.get("id") == wanted:
                    if "error" in message:
                        raise RuntimeError(f"{method}: {message['error']}")
                    return dict(message.get("result", {}))
        raise TimeoutError(f"Chromium did not answer {method} in {timeout} s")

    def read(self, timeout: float) -> list[dict[str, Any]]:
        """The messages that arrive within ``timeout``; events go to the listener first."""
        ready, _, _ = select.select([self.read_fd], [], [], max(timeout, 0))
        if not ready:
            return []
        chunk = os.read(self.read_fd, 1 << 20)
        if not chunk:
            raise RuntimeError("Chromium closed its DevTools pipe")
        self.buffer += chunk
        *complete, self.buffer = self.buffer.split(b"\0")
        messages = [json.loads(raw) for raw in complete]
        for message in messages:
            if "method" in message and message.get("sessionId") == self.session:
                self.listener(message["method"], message.get("params", {}))
        return messages


# Puts the pipes' ends on fds 3 and 4, then becomes Chromium (a shell may not name fds past 9).
_ONTO_3_AND_4 = ("import os, sys; os.dup2(int(sys.argv[1]), 3); os.dup2(int(sys.argv[2]), 4); "
                 "os.execv(sys.argv[3], sys.argv[3:])")


def _launch(profile: Path) -> _Pipe:
    """Chromium reads DevTools commands on fd 3 and writes on fd 4 (``--remote-debugging-pipe``).
    The ends are first moved above 9, so that neither stands on 3 or 4 while they are placed."""
    assert CHROMIUM is not None
    to_browser, from_browser = os.pipe(), os.pipe()
    reads, writes = (fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
                     for fd in (to_browser[0], from_browser[1]))
    os.close(to_browser[0])
    os.close(from_browser[1])
    command = [CHROMIUM, *FLAGS, *OFFLINE, "--remote-debugging-pipe",
               f"--user-data-dir={profile}", "about:blank"]
    process = subprocess.Popen(  # our own fixed command line
        [sys.executable, "-c", _ONTO_3_AND_4, str(reads), str(writes), *command],
        pass_fds=(reads, writes), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    os.close(reads)
    os.close(writes)
    return _Pipe(process, to_browser[1], from_browser[0])


def _close(pipe: _Pipe) -> None:
    try:
        pipe.send("Browser.close", session=False)
        pipe.process.wait(timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        pipe.process.kill()
        pipe.process.wait(timeout=10)
    finally:
        os.close(pipe.write_fd)
        os.close(pipe.read_fd)


def open_page(url: str, *, origin: str, profile: Path, ready: str, result: str,
              timeout: float = 60) -> Visit:
    """Open ``url`` offline, wait until the script ``ready`` is true and the network is quiet,
    then run the script ``result``. Only ``origin`` (and data:, blob:) may be fetched."""
    pipe = _launch(profile)
    visit = Visit(origin)
    try:
        target = pipe.call("Target.createTarget", {"url": "about:blank"}, session=False)
        attached = pipe.call("Target.attachToTarget",
                             {"targetId": target["targetId"], "flatten": True}, session=False)
        pipe.session = attached["sessionId"]
        watch = _Watch(pipe, visit)
        for domain in ("Network", "Runtime", "Log", "Page"):
            pipe.call(f"{domain}.enable")
        pipe.call("Fetch.enable", {"patterns": [{"urlPattern": "*"}]})
        pipe.send("Page.navigate", {"url": url})
        deadline = time.monotonic() + timeout
        while not (watch.quiet() and _evaluate(pipe, ready)):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} was not ready in {timeout} s: {visit}")
            watch.pump(0.25)
        visit.result = _evaluate(pipe, result)
        watch.pump(0)
        return visit
    finally:
        _close(pipe)


def _evaluate(pipe: _Pipe, script: str) -> Any:
    answer = pipe.call("Runtime.evaluate", {"expression": script, "returnByValue": True})
    return answer.get("result", {}).get("value")


class _Watch:
    """Answers paused requests (on to the origin, blocked elsewhere) and records what failed."""

    def __init__(self, pipe: _Pipe, visit: Visit) -> None:
        self.pipe, self.visit = pipe, visit
        self.urls: dict[str, str] = {}
        self.in_flight: set[str] = set()
        self.last_activity = time.monotonic()
        pipe.listener = self.handle

    def quiet(self) -> bool:
        self.pump(0)
        return not self.in_flight and time.monotonic() - self.last_activity > 0.5

    def pump(self, seconds: float) -> None:
        self.pipe.read(seconds)

    def handle(self, method: str, params: dict[str, Any]) -> None:
        if method == "Fetch.requestPaused":
            self.paused(params["requestId"], params["request"]["url"])
        elif method == "Network.requestWillBeSent":
            self.last_activity = time.monotonic()
            self.urls[params["requestId"]] = params["request"]["url"]
            if not params["request"]["url"].startswith(LOCAL_SCHEMES):  # a worker's blob: lives on
                self.in_flight.add(params["requestId"])
        elif method in ("Network.loadingFinished", "Network.loadingFailed"):
            self.last_activity = time.monotonic()
            self.in_flight.discard(params["requestId"])
            if method == "Network.loadingFailed":
                url = self.urls.get(params["requestId"], "?")
                self.visit.failed.append(f"{url} {params.get('errorText')}")
        elif method == "Network.responseReceived" and params["response"]["status"] >= 400:
            self.visit.failed.append(f"{params['response']['url']} "
                                     f"HTTP {params['response']['status']}")
        elif method == "Runtime.exceptionThrown":
            self.visit.console_errors.append(json.dumps(params["exceptionDetails"])[:500])
        elif method == "Runtime.consoleAPICalled" and params["type"] == "error":
            self.visit.console_errors.append(json.dumps(params["args"])[:500])
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            self.visit.console_errors.append(params["entry"].get("text", "")[:500])

    def paused(self, request_id: str, url: str) -> None:
        if url.startswith((f"{self.visit.origin}/", *LOCAL_SCHEMES)):
            self.pipe.send("Fetch.continueRequest", {"requestId": request_id})
        else:
            self.visit.blocked.append(url)
            self.pipe.send("Fetch.failRequest",
                           {"requestId": request_id, "errorReason": "BlockedByClient"})
