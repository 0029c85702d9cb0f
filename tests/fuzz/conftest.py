"""The fuzzing tier: one seeded embedded ledger for the whole tier, and the tally of cases it
ran, printed at the end of the run."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.fuzz.fuzzing import TALLY
from tests.fuzz.world import FuzzWorld, fuzz_world


@pytest.fixture(scope="session")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzWorld]:
    with fuzz_world(tmp_path_factory.mktemp("fuzz")) as seeded:
        yield seeded


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if TALLY.cases:
        terminalreporter.write_line(TALLY.summary())
