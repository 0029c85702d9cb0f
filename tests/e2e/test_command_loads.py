"""A command over HTTP reads each aggregate it touches once, and its response is made from the
command's result alone: no read of the store after the save (issue 16, the write path). The
store's reads and writes are counted where they happen, on the real recorder."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from commands.certificates import Certificates
from tests.factories import lisjp_content, personnummer
from tests.factories.http import UNIT_BODY


class StoreTrace:
    """Every read (events of one aggregate) and write (one insert) of the recorder, in order."""

    def __init__(self, app: Certificates) -> None:
        self.steps: list[str] = []
        read, write = app.recorder.select_events, app.recorder.insert_events

        def traced_read(originator_id: Any, **kwargs: Any) -> Any:
            self.steps.append(f"read {originator_id}")
            return read(originator_id, **kwargs)

        def traced_write(events: Any, **kwargs: Any) -> Any:
            self.steps.append("write")
            return write(events, **kwargs)

        app.recorder.select_events = traced_read  # type: ignore[method-assign]
        app.recorder.insert_events = traced_write  # type: ignore[method-assign]


@pytest.fixture
def trace(certificates: Certificates) -> Iterator[StoreTrace]:
    yield StoreTrace(certificates)


@pytest.fixture
def today(certificates: Certificates) -> Any:
    return certificates.clock().date()


def test_each_lifecycle_command_reads_its_certificate_once_and_nothing_after_saving(
        client: TestClient, auth: dict[str, str], trace: StoreTrace, today: Any) -> None:
    """Create, edit, sign and send a LISJP: each command reads the certificate at most once,
    writes once, and reads nothing after its write (the response comes from the result)."""
    created = client.post("/v1/certificates", headers=auth, json={
        "type": "lisjp", "patient": {"personnummer": personnummer()}, "careUnit": UNIT_BODY})
    assert created.status_code == 201
    assert trace.steps == ["write"]
    cert = f"/v1/certificates/{created.json()['id']}"
    steps = [("PUT", "/content", {"version": 1, "content": lisjp_content(today)}),
             ("POST", "/sign", {"version": 2}), ("POST", "/send", {"recipient": "FKASSA"})]
    for version, (method, suffix, body) in enumerate(steps, start=2):
        trace.steps.clear()
        answer = client.request(method, cert + suffix, headers=auth, json=body)
        assert answer.status_code == 200, answer.text
        assert answer.json()["version"] == version
        reads = Counter(step for step in trace.steps if step.startswith("read"))
        assert reads == Counter({f"read {created.json()['id']}": 1}), trace.steps
        assert trace.steps[-1] == "write", trace.steps
