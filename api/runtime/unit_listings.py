"""What one scope and filter of a unit's overview shows (DOMAIN.md §7), kept with the unit's
result (``api.runtime.unit_cases.UnitCases.kept``): the response body, the patients and
certificates its PDL access entry keeps (``ReadSubjects``) and the cases shown.

After a change at the unit most cases shown are the very ones shown before (taken over from the
previous result by revision). The access entry's subjects depend on nothing but the set of
patients shown and the set of certificates shown, so when the cases that left the listing and
those that came name the same patients and the same certificates (a row rewritten with its case
unchanged, a question answered) the subjects worked out before are the new listing's too, and
packing thousands of patients again is skipped. Every read still stores its own entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from domain.access.entry import ReadSubjects
from domain.sickleave.model import SickLeaveCase


@dataclass(frozen=True, slots=True)
class Listing:
    body: bytes
    subjects: ReadSubjects
    shown: Sequence[SickLeaveCase]


Subjects = Callable[[Sequence[SickLeaveCase]], ReadSubjects]
"""Works out what an access entry keeps of the cases shown (``ReadLog.subjects``)."""


def listing(shown: Sequence[SickLeaveCase], body: bytes, subjects: Subjects,
            before: Listing | None = None) -> Listing:
    """The listing of the cases ``shown``, its subjects taken from ``before`` (the same scope
    and filter of the unit's previous result) when they show the same patients and
    certificates."""
    if before is not None and same_subjects(before.shown, shown):
        return Listing(body, before.subjects, shown)
    return Listing(body, subjects(shown), shown)


def same_subjects(before: Sequence[SickLeaveCase], now: Sequence[SickLeaveCase]) -> bool:
    """Whether ``now`` shows the same set of patients and the same set of certificates as
    ``before``: the cases in both (the same objects) name the same, so it is enough that the
    cases that left and the cases that came name the same patients and certificates."""
    were, are = set(map(id, before)), set(map(id, now))
    if were == are:
        return True
    left = [case for case in before if id(case) not in are]
    came = [case for case in now if id(case) not in were]
    return (_patients(left) == _patients(came)
            and _certificates(left) == _certificates(came))


def _patients(cases: Iterable[SickLeaveCase]) -> set[str]:
    return {case.personnummer for case in cases}


def _certificates(cases: Iterable[SickLeaveCase]) -> set[str]:
    return {certificate for case in cases for certificate in case.certificate_ids}
