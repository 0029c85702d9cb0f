"""``intyg`` commands as processes of their own for the process-model tests: each with its log
(JSON lines) in a file the test reads, killed at the end of the test if still running."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import jwt

from commands.settings import Settings
from domain.shared.care import Staff
from tests.factories import personnummer
from tests.factories.http import UNIT_BODY
from tests.integration.kafka_support import cli_env

ROOT = Path(__file__).parents[2]


def bearer(settings: Settings, staff: Staff) -> dict[str, str]:
    """A care user's token, signed with the settings' secret, valid for an hour."""
    claims = {"sub": staff.hsa_id, "name": staff.name, "role": staff.role.value,
              "care_unit": staff.care_unit_hsa_id, "care_giver": staff.care_giver_hsa_id,
              "iss": settings.jwt_issuer, "exp": datetime.now(UTC) + timedelta(hours=1)}
    token = jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm="HS256")
    return {"Authorization": f"Bearer {token}"}


def create_draft(url: str, auth: dict[str, str]) -> dict[str, Any]:
    """A lisjp draft for a new patient at the unit of ``auth``, created over HTTP."""
    body = {"type": "lisjp", "patient": {"personnummer": personnummer()}, "careUnit": UNIT_BODY}
    created = httpx.post(f"{url}/v1/certificates", json=body, headers=auth, timeout=10)
    assert created.status_code == 201, created.text
    found: dict[str, Any] = created.json()
    return found


class Intyg:
    """One ``intyg ARGS`` process, its output (both streams) in ``log``."""

    def __init__(self, settings: Settings, log: Path, args: list[str],
                 env: dict[str, str] | None = None) -> None:
        self.log = log
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "api.cli.main", *args], cwd=ROOT,
                env={**cli_env(settings), "INTYG_LOG_FORMAT": "json", **(env or {})},
                stdout=out, stderr=subprocess.STDOUT)

    def lines(self, *events: str) -> list[dict[str, Any]]:
        """The JSON log lines of ``events``, oldest first (other output is skipped)."""
        found = []
        for text in self.log.read_text(errors="replace").splitlines():
            try:
                line = json.loads(text)
            except ValueError:
                continue
            if isinstance(line, dict) and line.get("event") in events:
                found.append(line)
        return found

    def pids_of(self, name: str) -> list[int]:
        """The process ids the supervisor started child ``name`` as, oldest first."""
        return [int(line["pid"]) for line in self.lines("process_started")
                if line.get("process_name") == name]

    def stop(self, seconds: float = 60) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=seconds)

    def kill(self) -> None:
        """This process, and every child a supervisor logged starting that still runs."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        for line in self.lines("process_started"):
            if alive(int(line["pid"])):
                os.kill(int(line["pid"]), signal.SIGKILL)


def wait_for(condition: Callable[[], Any], seconds: float = 90, what: str = "condition") -> Any:
    deadline = time.monotonic() + seconds
    while not (found := condition()):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)
    return found


def alive(pid: int) -> bool:
    """Whether a process of that id exists (and is no zombie)."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return status.rsplit(")", 1)[1].split()[0] != "Z"


def started(settings: Settings, tmp: Path) -> Iterator[Callable[..., Intyg]]:
    """A factory of ``Intyg`` processes; those still running at the end are killed."""
    running: list[Intyg] = []

    def start(*args: str, env: dict[str, str] | None = None) -> Intyg:
        process = Intyg(settings, tmp / f"intyg-{len(running)}.log", list(args), env)
        running.append(process)
        return process

    yield start
    for process in running:
        process.kill()
