"""A unit's current sick-leave cases as last computed (DOMAIN.md §7), kept for the next request
that asks for the same unit, day and settings.

While the unit's rows in the rehabstod view are unchanged (the view's revision token of the
unit, ``projections.sick_leave_timelines``) and no patient's key was destroyed since (the key
store's count of forgettings) the result is served as it is. Once the unit changed, the rows
are read again and only those that changed are opened and computed anew: a patient's case
depends on nothing but the patient's row, the day and the settings, so the case of a row read
before with the same stored text is taken from the previous result, its JSON too. The row is
matched as it rests, sealed: the same sealed text opens to the same values while its key
stands, so an unchanged row is neither opened (no key read, no decryption) nor computed. After a
forget nothing is taken over: every row is opened anew, and a forgotten patient's does not open.

A result also keeps each row's patient as opened (personnummer and names, by the row's sealed
patient text), so that a request for the same unit on another day or with other settings (a
result of its own) opens only the rows no result of the unit opened since the last forget: at
midnight, or when a user changes maxGap, only the engine runs for the unit's rows.

Every user of a unit (its doctors, its rehab coordinators) asks for the same unit's cases: the
engine's result before any user's scope or filter is one and the same for them. What a user may
see is narrowed per scope and filter, and what a response of that scope and filter is made of
(its body, the patients packed for its access entry) is kept with the result (``kept``) for
the next request that asks the same while the unit is unchanged. Every read still leaves its
own access-log entry.
"""

from __future__ import annotations

import threading
from collections import ChainMap, OrderedDict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar, cast

from domain.sickleave.engine import current_case, list_order
from domain.sickleave.model import SickLeaveCase, SjukfallSettings
from projections.sick_leave_timelines import read

SIZE = 16
"""Results kept per process (the least recently asked for goes first): each holds its cases and
its rows' text, about 3 KB per listed patient, so a few tens of MB at most for units of tens of
thousands of certificates."""

LISTINGS = 4
"""What is kept per result for its scopes and filters (the least recently made goes first):
a unit's coordinators and a few doctors asking again and again. A body is about 0.8 KB per case
shown (2 MB for a unit of 30,000 certificates), so at most a few listings per result."""

Row = tuple[str, str, str]
"""A row opened: (personnummer, patient_names, entries), as ``read`` takes it."""
Stored = tuple[str, str]
"""A row as it rests: (patient sealed, entries)."""
Patient = tuple[str, str]
"""A row's patient opened: (personnummer, patient_names)."""
Opener = Callable[[list[Stored]], list[Row | None]]
"""Opens stored rows, each to its ``Row`` or None (the patient forgotten)."""
Revision = tuple[str | None, int]
"""(the unit's revision token, the count of keys destroyed so far)"""
T = TypeVar("T")
Key = tuple[str, date, int, int]
"""(unit, day, maxGap, maxDaysSinceEnded)"""


@dataclass(frozen=True, slots=True)
class UnitCases:
    """The engine's cases of a unit in the overview's order, each one's JSON by its id (filled
    as responses need it), the case (or None) of each stored row it was computed from, and the
    patient of each row that opened, by its sealed text."""

    cases: list[SickLeaveCase]
    encoded: dict[int, bytes] = field(default_factory=dict)
    by_row: dict[Stored, SickLeaveCase | None] = field(default_factory=dict)
    patients: dict[str, Patient] = field(default_factory=dict)
    listings: OrderedDict[Hashable, Any] = field(default_factory=OrderedDict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def kept(self, key: Hashable, make: Callable[[], T]) -> T:
        """What ``make`` gives for ``key`` (a scope and filter), made once for this result."""
        with self.lock:
            if key in self.listings:
                self.listings.move_to_end(key)
                return cast(T, self.listings[key])
        made = make()
        with self.lock:
            self.listings[key] = made
            while len(self.listings) > LISTINGS:
                self.listings.popitem(last=False)
        return made


def computed(stored: Iterable[Sequence[Any]], opener: Opener, today: date,
             settings: SjukfallSettings, previous: UnitCases | None = None,
             patients: Mapping[str, Patient] | None = None) -> UnitCases:
    """The cases of the timelines' ``stored`` rows (patient sealed, entries), taking those of
    rows unchanged since ``previous`` (same unit, day and settings, no forget since) from it;
    only the others are computed, and only those whose patient neither ``previous`` nor
    ``patients`` (another result of the unit, no forget since) holds are opened (``opener``,
    all at once)."""
    known = previous.by_row if previous is not None else {}
    seen = ChainMap(previous.patients if previous is not None else {}, dict(patients or {}))
    rows: list[Stored] = [(values[0], values[1]) for values in stored]
    fresh = [row for row in rows if row not in known and row[0] not in seen]
    opened = {row[0]: (clear[0], clear[1])
              for row, clear in zip(fresh, opener(fresh) if fresh else [], strict=True)
              if clear is not None}
    by_row: dict[Stored, SickLeaveCase | None] = {}
    kept_patients: dict[str, Patient] = {}
    for row in rows:
        patient = opened.get(row[0]) or seen.get(row[0])
        if patient is not None:
            kept_patients[row[0]] = patient
        if row in known:
            by_row[row] = known[row]
        else:
            by_row[row] = None if patient is None else current_case(
                read((*patient, row[1])), today, settings)
    cases = sorted((case for case in by_row.values() if case is not None), key=list_order)
    encoded = previous.encoded if previous is not None else {}
    return UnitCases(cases, {id(c): encoded[id(c)] for c in cases if id(c) in encoded}, by_row,
                     kept_patients)


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

    def patients_of(self, unit: str, forgettings: int) -> Mapping[str, Patient]:
        """The patients opened for the unit's latest result kept while ``forgettings`` keys
        had been destroyed (none after a forget since: those opened before are not used)."""
        with self._lock:
            for (kept_unit, *_), (revision, result) in reversed(self._kept.items()):
                if kept_unit == unit and revision[1] == forgettings:
                    return result.patients
        return {}

    def put(self, key: Key, revision: Revision, result: UnitCases) -> None:
        with self._lock:
            self._kept[key] = (revision, result)
            self._kept.move_to_end(key)
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
