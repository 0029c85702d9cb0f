"""A unit's current sick-leave cases as last computed (DOMAIN.md §7), kept for the next request
that asks for the same unit, day and settings while the unit's rows in the rehabstod view are
unchanged (the view's revision token of the unit, ``projections.sick_leave_timelines``).

Every user of a unit (its doctors, its rehab coordinators) asks for the same unit's cases: the
engine's result before any user's scope or filter is one and the same for them, and so is each
case's JSON. What a user may see is still narrowed per request, and every read still leaves its
own access-log entry.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass

from domain.sickleave.model import SickLeaveCase

SIZE = 16
"""Results kept per process (the least recently asked for goes first): a result is about 2 KB
per listed case, so a few tens of MB at most for units of tens of thousands of certificates."""


@dataclass(frozen=True, slots=True)
class UnitCases:
    """The engine's cases of a unit in the engine's order, and each one's JSON by its id."""

    cases: list[SickLeaveCase]
    encoded: dict[int, bytes]


class UnitCasesMemo:
    """The last ``SIZE`` results by key: (unit, revision token, day, settings)."""

    def __init__(self, size: int = SIZE) -> None:
        self._size = size
        self._kept: OrderedDict[Hashable, UnitCases] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> UnitCases | None:
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
            return found

    def put(self, key: Hashable, computed: UnitCases) -> None:
        with self._lock:
            self._kept[key] = computed
            self._kept.move_to_end(key)
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
