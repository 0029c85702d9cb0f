"""The fuzzing tier: one seeded embedded ledger for the whole tier. Its tally of cases is
printed by ``tests/conftest.py``, which the controller of a parallel run loads too; a worker
leaves its tally when the tier's last test is torn down, before it reports its end."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fuzz.tally import leave
from tests.fuzz.world import FuzzWorld, fuzz_world


@pytest.fixture(scope="session")
def ledger(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzWorld]:
    with fuzz_world(tmp_path_factory.mktemp("fuzz")) as seeded:
        yield seeded
    worker = getattr(request.config, "workerinput", None)
    if worker is not None:
        leave(worker["workerid"])
