"""A unit's current sick-leave cases as last computed (DOMAIN.md §7), kept for the next request
that asks for the same unit, day and settings (``api.runtime.unit_cases_memo``).

While the unit's rows in the rehabstod view are unchanged (the view's revision token of the
unit, ``projections.sick_leave_timelines``) and no patient's key was destroyed since (the key
store's count of forgettings) the result is served as it is. Once the unit changed, the unit's
changes since the result's token are followed (``projections.unit_changes``: the revisions each
write ended and wrote), and only the rows written since are read, opened and computed anew: a
patient's case depends on nothing but the patient's row, the day and the settings, so the case
of a revision the previous result holds is taken from it, its JSON too, and an unchanged row is
neither read, opened (no key read, no decryption) nor computed. When the changes kept do not
lead to the token now, the rows' revisions are read instead, and the rows of revisions not seen
before. After a forget nothing is taken over: every row is opened anew, and a forgotten
patient's does not open.

A result also keeps each of its rows opened (as text, by the row's revision: text is nothing
Python's cyclic collector walks, parsed timelines would be), so that a request for the same unit
on another day or with other settings (a result of its own) reads and opens only the rows no
result of the unit opened since the last forget. On a later day a row's case is carried from
the same settings' result of an earlier day while nothing of the row starts or stops in between
(``domain.sickleave.days``); with another maxGap on the same day the case of a row none of whose
gaps lies between the two maxGaps is taken unread (``same_chains``), and that of a row whose
chain the engine finds the same; the engine runs for the other rows.

Every user of a unit (its doctors, its rehab coordinators) asks for the same unit's cases: the
engine's result before any user's scope or filter is one and the same for them. What a user may
see is narrowed per scope and filter, and what a response of that scope and filter is made of
(its body, the patients packed for its access entry) is kept with the result (``kept``) for
the next request that asks the same while the unit is unchanged. Every read still leaves its
own access-log entry.
"""

from __future__ import annotations

import threading
from bisect import bisect_left, insort
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol, TypeVar, cast

from domain.sickleave.days import case_on, unchanged_until
from domain.sickleave.engine import chain_case, current_chain, list_order
from domain.sickleave.model import SickLeaveCase, SjukfallSettings
from domain.sickleave.timeline import PatientTimeline, distinct_gaps, same_chains
from projections.sick_leave_timelines import read

LISTINGS = 4
"""What is kept per result for its scopes and filters (the least recently made goes first):
a unit's coordinators and a few doctors asking again and again. A body is about 0.8 KB per case
shown (2 MB for a unit of 30,000 certificates), so at most a few listings per result."""

INSERTED = 64
"""Up to this many cases computed anew are put in place among the cases taken over; more, and
all are sorted again."""

Stored = tuple[str, str, str]
"""A row as it rests: (revision, patient sealed, entries)."""
Row = tuple[str, str, str]
"""A row opened: (personnummer, patient_names, entries), as ``read`` takes it."""
Opened = Mapping[str, Row | None]
"""Rows opened, by revision; None for a forgotten patient's."""
T = TypeVar("T")
class Rows(Protocol):
    """The overview's rows of a unit for one day and window
    (``projections.sick_leave_timelines.UnitRows``)."""

    def revisions(self) -> list[str]: ...

    def changed(self) -> tuple[set[str], list[Stored]] | None: ...

    def all(self) -> list[Stored]: ...

    def of(self, revisions: Sequence[str]) -> list[Stored]: ...

    def opened(self, rows: Sequence[Stored]) -> list[Row | None]: ...


@dataclass(frozen=True, slots=True)
class UnitCases:
    """The engine's cases of a unit in the overview's order, each one's JSON by its id (filled
    as responses need it), the case (or None) of each row's revision it was computed from, and
    each of those rows opened."""

    cases: list[SickLeaveCase]
    encoded: dict[int, bytes] = field(default_factory=dict)
    by_revision: dict[str, SickLeaveCase | None] = field(default_factory=dict)
    rows: dict[str, Row | None] = field(default_factory=dict)
    until: dict[str, int] = field(default_factory=dict)
    """By revision, the first day (a day number) its case may be another than ``case_on``
    makes of it (``domain.sickleave.days``); worked out for the rows computed for a result
    that follows another (after a change, on a later day), not for a result computed cold
    (its rows are computed again on the next day asked, and their days worked out then)."""
    gaps: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """By revision, its row's ``distinct_gaps``: another maxGap on the same day keeps the case
    of a row none of whose gaps lies between the two (``same_chains``)."""
    settings: SjukfallSettings | None = None
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

    def made(self, key: Hashable) -> Any:
        """What was made for ``key``, or None (nothing made)."""
        with self.lock:
            return self.listings.get(key)


_EMPTY = UnitCases([])


def computed(rows: Rows, today: date, settings: SjukfallSettings,
             previous: UnitCases | None = None,
             latest: tuple[date, UnitCases] | None = None,
             earlier: tuple[date, UnitCases] | None = None) -> UnitCases:
    """The cases of the unit's ``rows``, taking those of revisions ``previous`` (same unit,
    day and settings, no forget since; or ``unit_cases_gap.other_gap`` of a result for another
    maxGap) holds from it; only the others are computed, and only those neither ``previous``,
    ``latest`` (another result of the unit, no forget since) nor ``earlier`` holds are read in
    full and opened. A case computed for the same row and day
    in ``latest`` (other settings) is taken, its JSON too, when the row's current chain is the
    same (a case depends on nothing but the row, the chain and the day); one computed for the
    same row and settings on an ``earlier`` day is carried to today (``case_on``) while
    nothing of the row starts or stops in between."""
    before = previous or _EMPTY
    other = latest[1].rows if latest is not None else {}
    alike = latest[1].by_revision if latest is not None and latest[0] == today else {}
    near, near_gap = _same_day(latest, today, settings) or (_EMPTY, settings.max_gap)
    carried = _carried(earlier, today)
    if carried.rows and carried.rows is not other:
        other = {**carried.rows, **other}
    now, opened = _opened(rows, before.rows, other)
    taken = before.by_revision  # set operations below: thousands of rows, a few changed
    by_revision, kept = dict(taken), dict(before.rows)
    until, gaps = dict(before.until), dict(before.gaps)
    left = taken.keys() - now
    gone = [by_revision.pop(revision) for revision in left]
    for revision in left:
        del kept[revision]
        until.pop(revision, None)
        gaps.pop(revision, None)
    fresh: list[SickLeaveCase] = []
    day, dated = today.toordinal(), previous is not None or earlier is not None
    for revision in now - taken.keys():
        row = opened[revision] if revision in opened else (
            before.rows[revision] if revision in before.rows else other[revision])
        if revision in near.gaps and revision in near.by_revision \
                and same_chains(near.gaps[revision], settings.max_gap, near_gap):
            case, gaps[revision] = near.by_revision[revision], near.gaps[revision]
            if revision in near.until:
                until[revision] = near.until[revision]
        elif day < carried.until.get(revision, day):
            was = carried.by_revision[revision]
            case, until[revision] = None if was is None else case_on(was, today), \
                carried.until[revision]
            if revision in carried.gaps:
                gaps[revision] = carried.gaps[revision]
        elif row is None:
            case = None
        else:
            timeline = read(row)
            case = _case(timeline, today, settings, alike.get(revision))
            gaps[revision] = distinct_gaps(timeline)
            if dated:  # worked out for a result that follows another, never when cold
                until[revision] = unchanged_until(timeline, today, settings)
        by_revision[revision], kept[revision] = case, row
        if case is not None:
            fresh.append(case)
    cases, encoded = _ordered(before, by_revision, gone, fresh)
    if alike:
        taken_over = latest[1].encoded if latest is not None else {}
        encoded |= {id(case): taken_over[id(case)] for case in fresh if id(case) in taken_over}
    return UnitCases(cases, encoded, by_revision, kept, until, gaps, settings)


def _same_day(latest: tuple[date, UnitCases] | None, today: date,
              settings: SjukfallSettings) -> tuple[UnitCases, int] | None:
    """``latest`` when it is of the same day and maxDaysSinceEnded (another maxGap), with its
    maxGap."""
    if latest is None or latest[0] != today or latest[1].settings is None \
            or latest[1].settings.max_days_since_ended != settings.max_days_since_ended:
        return None
    return latest[1], latest[1].settings.max_gap


def _carried(earlier: tuple[date, UnitCases] | None, today: date) -> UnitCases:
    """The result whose cases may be carried to ``today``: ``earlier``'s when its day is
    before today."""
    return earlier[1] if earlier is not None and earlier[0] < today else _EMPTY


def _case(timeline: PatientTimeline, today: date, settings: SjukfallSettings,
          alike: SickLeaveCase | None) -> SickLeaveCase | None:
    """The row's current case: ``alike`` (the row's case on the same day with other settings)
    when it is the case of the same chain and active certificate."""
    found = current_chain(timeline, today, settings)
    if found is None:
        return None
    chain, anchor = found
    entries = timeline.entries
    if alike is not None and alike.active_certificate_id == entries[anchor].certificate_id \
            and alike.certificate_ids == tuple(entries[i].certificate_id for i in chain):
        return alike
    return chain_case(timeline, chain, anchor, today)


def _opened(rows: Rows, seen: Opened, other: Opened) -> tuple[set[str], dict[str, Row | None]]:
    """The rows' revisions and the rows neither ``seen`` nor ``other`` holds, opened. With
    ``seen`` (the rows of the result before) the unit's changes since are followed first: the
    revisions seen less those ended, and the rows written since. Else, with anything to match,
    the revisions, then the rows of those not held; a row rewritten in between (its revision
    gone) has the window read again. With nothing to match all rows are read at once."""
    if seen:
        changed = rows.changed()
        if changed is not None:
            ended, written = changed
            return (seen.keys() - ended) | {row[0] for row in written}, _opened_rows(
                rows, [row for row in written if row[0] not in other])
    if seen or other:
        revisions = rows.revisions()
        wanted = list(set(revisions).difference(seen.keys(), other.keys()))
        stored = rows.of(wanted) if wanted else []
        if len(stored) == len(wanted):
            return set(revisions), _opened_rows(rows, stored)
    stored = rows.all()
    return {row[0] for row in stored}, _opened_rows(
        rows, [row for row in stored if row[0] not in seen and row[0] not in other])


def _opened_rows(rows: Rows, stored: list[Stored]) -> dict[str, Row | None]:
    opened = rows.opened(stored) if stored else []
    return {row[0]: clear for row, clear in zip(stored, opened, strict=True)}


def _ordered(before: UnitCases, by_revision: Mapping[str, SickLeaveCase | None],
             gone: list[SickLeaveCase | None], fresh: list[SickLeaveCase],
             ) -> tuple[list[SickLeaveCase], dict[int, bytes]]:
    """The cases in the overview's order and the JSON kept of them: those taken over from
    ``before`` stay in its order (the ``gone`` ones, of rows no longer in the unit's window or
    rewritten, taken out), a few ``fresh`` ones are put in place, many are sorted."""
    encoded = dict(before.encoded)
    for case in gone:
        if case is not None:
            encoded.pop(id(case), None)
    if len(fresh) > INSERTED:
        cases = sorted((c for c in by_revision.values() if c is not None), key=list_order)
        return cases, encoded
    cases = list(before.cases)
    for case in gone:
        if case is not None:
            _remove(cases, case)
    for case in fresh:
        insort(cases, case, key=list_order)
    return cases, encoded


def _remove(cases: list[SickLeaveCase], case: SickLeaveCase) -> None:
    """``case`` taken out of ``cases`` (in the overview's order, one case per patient: its
    place found by halving)."""
    at = bisect_left(cases, list_order(case), key=list_order)
    if at < len(cases) and cases[at] is case:
        del cases[at]
    else:  # not where its order puts it: never, while the order is the overview's
        del cases[next(at for at, kept in enumerate(cases) if kept is case)]
