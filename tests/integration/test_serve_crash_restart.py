"""``intyg serve`` killed with SIGKILL in production and started again: its read models are back
to current within seconds (ARCHITECTURE.md invariant 3: a crash neither skips nor applies twice,
and here: nor stalls). Real PostgreSQL and Kafka, the server as a process of its own."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from commands.settings import Settings
from tests.factories import care_unit, staff_at
from tests.integration.kafka_support import cli_env
from tests.integration.process_support import bearer, create_draft
from tests.ports import free_port

pytestmark = pytest.mark.kafka
ROOT = Path(__file__).parents[2]
# A dead member of a consumer group held every view for about 40 s (the session timeout, then
# a rebalance); a restart that needs no group is current in well under this.
CURRENT_WITHIN_SECONDS = 10.0


class Server:
    """``intyg serve`` with the relay and every read model in it, on a port of its own."""

    def __init__(self, settings: Settings, log_dir: Path) -> None:
        self.settings, self.log_dir = settings, log_dir
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self) -> None:
        self.starts += 1
        env = {**cli_env(self.settings), "INTYG_LOG_FORMAT": "json",
               "INTYG_RELAY_IN_SERVE": "true", "INTYG_PROJECTIONS_IN_SERVE": "true",
               "INTYG_READ_WAIT_SECONDS": "1"}
        with (self.log_dir / f"serve-{self.starts}.log").open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "api.cli.main", "serve", "--port", str(self.port)],
                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while not self._healthy():
            assert self.process.poll() is None, f"serve exited, see {out.name}"
            assert time.monotonic() < deadline, "serve did not answer /health"
            time.sleep(0.1)

    def _healthy(self) -> bool:
        try:
            return httpx.get(f"{self.url}/health", timeout=1).status_code == 200
        except httpx.TransportError:
            return False

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)


@pytest.fixture
def server(settings: Settings, tmp_path: Path) -> Iterator[Server]:
    server = Server(settings, tmp_path)
    yield server
    if server.process is not None and server.process.poll() is None:
        server.process.kill()
        server.process.wait(timeout=10)


def seconds_until_listed(server: Server, auth: dict[str, str], unit: str,
                         created: dict[str, Any], limit: float = 90) -> float:
    """How long until the unit's draft list, read with ``?after=`` the draft's position,
    answers 200 with the draft in it (503 while the view has not reached it)."""
    start = time.monotonic()
    url = f"{server.url}/v1/units/{unit}/drafts"
    while True:
        answer = httpx.get(url, params={"after": created["position"]}, headers=auth, timeout=10)
        if answer.status_code == 200:
            assert created["id"] in {d["id"] for d in answer.json()}
            return time.monotonic() - start
        assert answer.status_code == 503, answer.text
        assert time.monotonic() - start < limit, "the view never reached the position"


def test_read_models_are_current_within_seconds_when_serve_restarts_after_kill_9(
        settings, server, record_property):
    """Hardening item 9: after a SIGKILL of ``intyg serve`` and a restart, a read with
    ``?after=`` of a new command's position succeeds within seconds of the server answering
    again, not after a consumer group's session timeout (about 40 s before)."""
    unit = care_unit()
    auth = bearer(settings, staff_at(unit))
    server.start()
    seconds_until_listed(server, auth, unit.hsa_id, create_draft(server.url, auth))
    server.kill()
    restarted = time.monotonic()
    server.start()
    up = time.monotonic()
    seconds_until_listed(server, auth, unit.hsa_id, create_draft(server.url, auth))
    current = time.monotonic() - up
    record_property("serve_up_after_crash_s", round(up - restarted, 2))
    record_property("read_models_current_after_up_s", round(current, 2))
    print(f"serve up {up - restarted:.2f} s after the crash restart, "
          f"read models current {current:.2f} s later")
    assert current < CURRENT_WITHIN_SECONDS
