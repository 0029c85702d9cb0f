"""The results of Rehabstöd's unit overview kept in the API process
(``api.runtime.unit_cases``): the last ``SIZE`` asked for, each with the unit's token and the
key store's count of forgettings it was computed at, and the ones a new result may be made from
(the unit's latest, and the same settings' on an earlier day)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date

from api.runtime.unit_cases import UnitCases

SIZE = 16
"""Results kept per process (the least recently asked for goes first): each holds its cases and
its rows opened, about 3 KB per listed patient (the rows opened are one and the same for the
results of one unit), so a few tens of MB at most for units of tens of thousands of
certificates."""

Revision = tuple[str | None, int]
"""(the unit's revision token, the count of keys destroyed so far)"""
Key = tuple[str, date, int, int]
"""(unit, day, maxGap, maxDaysSinceEnded)"""


class UnitCasesMemo:
    """The last ``SIZE`` results, each with the ``Revision`` it was computed at."""

    def __init__(self, size: int = SIZE) -> None:
        self._size = size
        self._kept: OrderedDict[Key, tuple[Revision, UnitCases]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Key) -> tuple[Revision, UnitCases] | None:
        """The result kept for ``key`` and its revision token, or None."""
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
            return found

    def earlier(self, key: Key, forgettings: int) -> tuple[date, UnitCases] | None:
        """The kept result of the same unit and settings as ``key`` for the nearest day before
        its day, kept while ``forgettings`` keys had been destroyed."""
        unit, today, *settings = key
        found: tuple[date, UnitCases] | None = None
        with self._lock:
            for (kept_unit, day, *kept_settings), (revision, result) in self._kept.items():
                if kept_unit == unit and kept_settings == settings and day < today \
                        and revision[1] == forgettings and (found is None or day > found[0]):
                    found = day, result
        return found

    def same_day(self, key: Key, revision: Revision) -> UnitCases | None:
        """The latest kept result of the same unit, day and maxDaysSinceEnded as ``key`` with
        another maxGap, computed at ``revision`` (the unit unchanged since, no forget)."""
        unit, today, max_gap, max_days = key
        with self._lock:
            for (kept_unit, day, gap, days), (kept, result) in reversed(self._kept.items()):
                if (kept_unit, day, days, kept) == (unit, today, max_days, revision) \
                        and gap != max_gap:
                    return result
        return None

    def latest(self, unit: str, forgettings: int) -> tuple[date, UnitCases] | None:
        """The unit's latest result (and its day) kept while ``forgettings`` keys had been
        destroyed (none after a forget since: the rows opened before are not used)."""
        with self._lock:
            for (kept_unit, day, *_), (revision, result) in reversed(self._kept.items()):
                if kept_unit == unit and revision[1] == forgettings:
                    return day, result
        return None

    def put(self, key: Key, revision: Revision, result: UnitCases) -> None:
        with self._lock:
            self._kept[key] = (revision, result)
            self._kept.move_to_end(key)
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
