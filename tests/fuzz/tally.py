"""The fuzzing tier's tally of cases, printed at the end of the run (``tests/conftest.py``).
Under pytest-xdist each worker leaves its tally in a file named by its controller's process id,
and the controller adds them up. Light on imports: the controller loads it without the tier."""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

EXAMPLES = int(os.environ.get("INTYG_FUZZ_EXAMPLES", "20"))
SEED = os.environ.get("INTYG_FUZZ_SEED")  # unset: the same cases every run (derandomized)


@dataclass
class Tally:
    cases: int = 0
    seconds: float = 0.0
    operations: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    statuses: Counter[int] = field(default_factory=Counter)

    def add(self, other: Tally) -> None:
        self.cases += other.cases
        self.seconds = max(self.seconds, other.seconds)  # workers fuzz side by side
        self.operations |= other.operations
        self.roles |= other.roles
        self.statuses.update(other.statuses)

    def as_json(self) -> dict[str, Any]:
        return {"cases": self.cases, "seconds": self.seconds, "operations": sorted(self.operations),
                "roles": sorted(self.roles), "statuses": dict(self.statuses)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Tally:
        return cls(data["cases"], data["seconds"], set(data["operations"]), set(data["roles"]),
                   Counter({int(k): v for k, v in data["statuses"].items()}))

    def summary(self) -> str:
        answers = ", ".join(f"{status}: {n}" for status, n in sorted(self.statuses.items()))
        return (f"fuzzing tier: {self.cases} cases over {len(self.operations)} operations x "
                f"{len(self.roles)} roles in {self.seconds:.0f} s; answers {answers} "
                f"({EXAMPLES} examples per operation and role, INTYG_FUZZ_EXAMPLES; "
                f"seed {SEED or 'fixed'}, INTYG_FUZZ_SEED)")


TALLY = Tally()


def _file(controller: int, worker: str) -> Path:
    return Path(tempfile.gettempdir()) / f"intyg-fuzz-tally-{controller}-{worker}.json"


def leave(worker: str) -> None:
    """In a worker: this process's tally, for its controller to add up."""
    if TALLY.cases:
        _file(os.getppid(), worker).write_text(json.dumps(TALLY.as_json()))


def added_up() -> Tally:
    """This process's tally and those its workers left (their files removed)."""
    total = Tally()
    total.add(TALLY)
    pattern = _file(os.getpid(), "*")
    for path in sorted(pattern.parent.glob(pattern.name)):
        total.add(Tally.from_json(json.loads(path.read_text())))
        path.unlink()
    return total
