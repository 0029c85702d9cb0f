"""Filters on a unit's sjukfall list (DOMAIN.md §7). Every bound is inclusive; an empty set or a
None bound does not filter. A case passes when it passes every criterion given.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, model_validator

from domain.shared import icd10
from domain.shared.errors import InvalidSjukfallSettingsError
from domain.shared.validation import IssueCode, ValidationIssue
from domain.sickleave.model import SickLeaveCase

_MAX_DAYS = 100_000
_MAX_AGE = 150
_Bound = TypeVar("_Bound", int, date)


class SjukfallFilter(BaseModel):
    """What a user filters the list on.

    - ``min_days``/``max_days``: the case's length in covered days.
    - ``chapters``: ICD-10 chapters (``V``, ``XIII``) of the case's main diagnosis.
    - ``min_age``/``max_age``: the patient's age on the day the cases were computed.
    - ``ends_from``/``ends_to``: the case's end date ("ending soon").
    - ``doctor_ids``: HSA ids of the doctor of the active certificate.
    - ``occupations``: a case passes when one of its occupations is in the set.
    - ``text``: case-insensitive part of the patient's name or personnummer (with or without the
      dash), a diagnosis code (with or without the dot) or description, or the doctor's name.
    - ``unanswered_questions``: True keeps cases with an open KOMPLT or other question, False
      those without any.
    """

    model_config = ConfigDict(frozen=True)

    min_days: int | None = None
    max_days: int | None = None
    chapters: frozenset[str] = frozenset()
    min_age: int | None = None
    max_age: int | None = None
    ends_from: date | None = None
    ends_to: date | None = None
    doctor_ids: frozenset[str] = frozenset()
    occupations: frozenset[str] = frozenset()
    text: str = ""
    unanswered_questions: bool | None = None

    @model_validator(mode="after")
    def _consistent(self) -> SjukfallFilter:
        issues = [issue for issue in (
            _interval("days", self.min_days, self.max_days, _MAX_DAYS),
            _interval("age", self.min_age, self.max_age, _MAX_AGE),
            _ordered("endDate", self.ends_from, self.ends_to),
        ) if issue is not None]
        if issues:
            raise InvalidSjukfallSettingsError(" ".join(i.message for i in issues), issues)
        return self


def apply_filter(cases: Iterable[SickLeaveCase], f: SjukfallFilter) -> list[SickLeaveCase]:
    """The cases that pass the filter, in their order."""
    if f == _NO_FILTER:  # the overview as first opened: every case passes
        return list(cases)
    return [case for case in cases if matches(case, f)]


def matches(case: SickLeaveCase, f: SjukfallFilter) -> bool:
    return (_within(case.days, f.min_days, f.max_days)
            and (not f.chapters or case.diagnosis.chapter in f.chapters)
            and _within(case.age, f.min_age, f.max_age)
            and _within(case.end, f.ends_from, f.ends_to)
            and (not f.doctor_ids or case.doctor_id in f.doctor_ids)
            and (not f.occupations or not f.occupations.isdisjoint(case.occupations))
            and _matches_text(case, f.text)
            and (f.unanswered_questions is None
                 or f.unanswered_questions == (case.open_questions > 0)))


def _within(value: _Bound, low: _Bound | None, high: _Bound | None) -> bool:
    return (low is None or value >= low) and (high is None or value <= high)


def _matches_text(case: SickLeaveCase, text: str) -> bool:
    needle = text.strip().casefold()
    if not needle:
        return True
    pnr = case.personnummer
    diagnoses = (case.diagnosis, *case.secondary_diagnoses)
    haystack = [case.patient_name, pnr, f"{pnr[:8]}-{pnr[8:]}", case.doctor_name,
                *(d.code for d in diagnoses), *(d.description or "" for d in diagnoses)]
    code = icd10.normalise(text).casefold()
    return (any(needle in hay.casefold() for hay in haystack)
            or (bool(code) and any(code in d.code.casefold() for d in diagnoses)))


def _interval(field: str, low: int | None, high: int | None, top: int) -> ValidationIssue | None:
    for bound, name in ((low, "min"), (high, "max")):
        if bound is not None and not 0 <= bound <= top:
            return _issue(field, f"The {name} {field} must be 0-{top}, not {bound}.")
    if low is not None and high is not None and low > high:
        return _issue(field, f"The min {field} ({low}) is above the max ({high}).")
    return None


def _ordered(field: str, low: date | None, high: date | None) -> ValidationIssue | None:
    if low is not None and high is not None and low > high:
        return _issue(field, f"The {field} range ends ({high}) before it starts ({low}).")
    return None


def _issue(field: str, message: str) -> ValidationIssue:
    return ValidationIssue(question_id=field, field=field, code=IssueCode.INVALID_RANGE,
                           message=message)


_NO_FILTER = SjukfallFilter()  # after the helpers its check calls
