"""The fuzzing tier: one seeded embedded ledger for the whole tier, and the tally of cases it
ran, printed at the end of the run. Under pytest-xdist each worker leaves its tally in a file
named by its controller's process id, and the controller adds them up for the summary."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fuzz.fuzzing import TALLY, Tally
from tests.fuzz.world import FuzzWorld, fuzz_world


@pytest.fixture(scope="session")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzWorld]:
    with fuzz_world(tmp_path_factory.mktemp("fuzz")) as seeded:
        yield seeded


def _tally_file(controller: int, worker: str) -> Path:
    return Path(tempfile.gettempdir()) / f"intyg-fuzz-tally-{controller}-{worker}.json"


def pytest_sessionfinish(session: pytest.Session) -> None:
    worker = getattr(session.config, "workerinput", None)
    if worker is not None and TALLY.cases:
        _tally_file(os.getppid(), worker["workerid"]).write_text(json.dumps(TALLY.as_json()))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    total = Tally()
    total.add(TALLY)
    pattern = _tally_file(os.getpid(), "*")
    for path in sorted(pattern.parent.glob(pattern.name)):
        total.add(Tally.from_json(json.loads(path.read_text())))
        path.unlink()
    if total.cases:
        terminalreporter.write_line(total.summary())
