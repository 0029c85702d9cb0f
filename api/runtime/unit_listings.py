"""What one scope and filter of a unit's overview shows (DOMAIN.md §7), kept with the unit's
result (``api.runtime.unit_cases.UnitCases.kept``): the response body, where each case's JSON
starts in it, the patients and certificates its PDL access entry keeps (``ReadSubjects``) and
the cases shown.

After a change at the unit most cases shown are the very ones shown before (taken over from the
previous result by revision), in the same order. So a new listing is made from the one before
(``listing``'s ``before``) by matching the cases shown by identity:

- **The body** is the runs of cases shown before in the same order, each one slice of the body
  before, with the JSON of the cases that came put between them: one copy of a few contiguous
  pieces in place of gathering thousands of small ones.
- **The access entry's subjects** depend on nothing but the set of patients shown and the set
  of certificates shown, so when the cases that left and those that came name the same patients
  (a row rewritten, a question answered, a renewal joined, another maxGap) the patients packed
  before are the new listing's too (with the count of certificates moved), and packing
  thousands of patients again is skipped (``subjects_after``). Every read still stores its own
  entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import accumulate, compress, count, pairwise, repeat
from operator import add, ne, sub

from domain.access.entry import ReadSubjects
from domain.sickleave.model import SickLeaveCase

PIECES = 64
"""Up to this many runs and cases that came are spliced into the body before; more (a listing
mostly new) and the body is gathered case by case."""

_CAME = -2
"""The place before of a case that was not shown before (never one less than a place)."""


@dataclass(frozen=True, slots=True)
class Listing:
    body: bytes
    starts: Sequence[int]
    """Where each case's JSON starts in ``body``, and last ``len(body)``: case ``i`` is
    ``body[starts[i]:starts[i + 1] - 1]`` (each case's JSON is followed by one byte, ``,`` or
    the closing ``]``)."""
    subjects: ReadSubjects
    shown: Sequence[SickLeaveCase]


Subjects = Callable[[Sequence[SickLeaveCase]], ReadSubjects]
"""Works out what an access entry keeps of the cases shown (``ReadLog.subjects``)."""
Encode = Callable[[SickLeaveCase], bytes]
"""A case's JSON."""


def listing(shown: Sequence[SickLeaveCase], encoded: dict[int, bytes], encode: Encode,
            subjects: Subjects, before: Listing | None = None) -> Listing:
    """The listing of the cases ``shown`` as a JSON array (each case's JSON taken from
    ``encoded`` by the case's id, or encoded and kept there), made from ``before`` (the same
    scope and filter of the unit's previous result) where it can."""
    if before is None or not before.shown or not shown:
        return _gathered(shown, encoded, encode, subjects)
    places = list(map(dict(zip(map(id, before.shown), count())).get, map(id, shown),
                      repeat(_CAME)))
    cuts = [0, *compress(range(1, len(places)), map(ne, map(sub, places[1:], places[:-1]),
                                                    repeat(1))), len(places)]
    if len(cuts) > PIECES:
        return _gathered(shown, encoded, encode, subjects)
    came = [shown[at] for at in cuts[:-1] if places[at] == _CAME]
    kept = subjects_after(before, places, came, partial(subjects, shown))
    return Listing(*_spliced(before, shown, places, cuts, encoded, encode), kept, shown)


def _gathered(shown: Sequence[SickLeaveCase], encoded: dict[int, bytes], encode: Encode,
              subjects: Subjects) -> Listing:
    """The listing made case by case."""
    return Listing(*json_array(shown, encoded, encode), subjects(shown), shown)


def json_array(cases: Sequence[SickLeaveCase], encoded: dict[int, bytes], encode: Encode,
               ) -> tuple[bytes, list[int]]:
    """The cases as a JSON array, each case's JSON taken from ``encoded`` (by the case's id:
    the kept ones looked up in one pass of C loops) or encoded and kept there; and where each
    case starts in it (``Listing.starts``)."""
    parts: list[bytes | None] = list(map(encoded.get, map(id, cases)))
    if None in parts:
        for at, case in enumerate(cases):
            if parts[at] is None:
                parts[at] = encoded[id(case)] = encode(case)
    ready: list[bytes] = parts  # type: ignore[assignment]  # every None was filled above
    starts = list(accumulate(map(add, map(len, ready), repeat(1)), initial=1))
    if not ready:
        return b"[]", starts
    ready[0] = b"[" + ready[0]  # the brackets on the first and last piece: one copy of
    ready[-1] = ready[-1] + b"]"  # megabytes, not three (after the first: one is both)
    return b",".join(ready), starts


def _spliced(before: Listing, shown: Sequence[SickLeaveCase], places: list[int],
             cuts: list[int], encoded: dict[int, bytes], encode: Encode,
             ) -> tuple[bytes, list[int]]:
    """The body of ``shown`` from the runs of ``before``'s body (``cuts`` split ``shown`` into
    runs of consecutive places before, and cases that came, one each)."""
    was, old = memoryview(before.body), before.starts
    pieces: list[bytes | memoryview] = []
    starts: list[int] = []
    at = 1  # past the opening "["
    for first, end in pairwise(cuts):
        place = places[first]
        if place == _CAME:
            case = shown[first]
            piece: bytes | memoryview = encoded.get(id(case)) or encoded.setdefault(
                id(case), encode(case))
            starts.append(at)
        else:
            last = place + end - first
            piece = was[old[place]:old[last] - 1]
            starts += map(add, old[place:last], repeat(at - old[place]))
        pieces.append(piece)
        at += len(piece) + 1
    starts.append(at)
    return _array(pieces), starts


def _array(pieces: Sequence[bytes | memoryview]) -> bytes:
    """The pieces (a few) as a JSON array, joined in one copy."""
    if not pieces:
        return b"[]"
    framed: list[bytes | memoryview] = [b"["]
    for piece in pieces:
        framed += (piece, b",")
    framed[-1] = b"]"
    return b"".join(framed)


def subjects_after(before: Listing, places: list[int], came: Sequence[SickLeaveCase],
                   worked_out: Callable[[], ReadSubjects]) -> ReadSubjects:
    """The subjects of a listing that holds ``before``'s cases at ``places`` (``_CAME`` for
    those in ``came``); the cases in both (the same objects) name the same, so only the cases
    that left and came tell. Naming the same patients and certificates: ``before``'s subjects.
    The same patients with other certificates (a renewal joined a case, another maxGap): its
    patients as packed before, and the count of certificates moved by those that left and
    came (a patient's certificates are shown in the patient's case alone). Else, or for a
    read about one patient (whose entry keeps the ids), ``worked_out``."""
    if len(places) - len(came) == len(before.shown) and not came:
        return before.subjects
    left = [before.shown[at] for at in sorted(set(range(len(before.shown))).difference(places))]
    if _patients(left) != _patients(came):
        return worked_out()
    were, are = _certificates(left), _certificates(came)
    if were == are:
        return before.subjects
    if before.subjects.certificate_ids or len(places) < 2:
        return worked_out()
    count = before.subjects.certificate_count - len(were - are) + len(are - were)
    return ReadSubjects(before.subjects.patients, (), count)


def _patients(cases: Iterable[SickLeaveCase]) -> set[str]:
    return {case.personnummer for case in cases}


def _certificates(cases: Iterable[SickLeaveCase]) -> set[str]:
    return {certificate for case in cases for certificate in case.certificate_ids}
