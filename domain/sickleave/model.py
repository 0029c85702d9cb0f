"""Sick-leave cases (sjukfall) for Rehabstöd, DOMAIN.md §7: the values going in and coming out.

The engine (``domain.sickleave.engine``) reads plain immutable values, not events: a projection
keeps one
``SickLeaveCertificate`` per certificate and hands them over. Input values are pydantic models
(checked where they are made); computed cases are plain frozen dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from domain.shared import icd10
from domain.shared.errors import InvalidSjukfallSettingsError
from domain.shared.identities import HsaId, Personnummer
from domain.shared.validation import IssueCode, ValidationIssue

SICK_LEAVE_TYPES = frozenset({"lisjp", "fk7263"})
MAX_GAP_LIMIT = 90
MAX_DAYS_SINCE_ENDED_LIMIT = 14

Degree = Literal[25, 50, 75, 100]
Sex = Literal["F", "M"]


class SickLeavePeriod(BaseModel):
    """One period of a certificate: a degree in percent from ``start`` to ``end``, both
    inclusive."""

    model_config = ConfigDict(frozen=True)

    degree: Degree
    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> SickLeavePeriod:
        if self.end < self.start:
            raise ValueError("a sick-leave period cannot end before it starts")
        return self

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


class SickLeaveCertificate(BaseModel):
    """What Rehabstöd needs of one lisjp or fk7263 certificate.

    ``signed_at`` is None for an unsigned certificate. ``open_komplt`` / ``open_other`` count the
    certificate's unanswered KOMPLT questions and other questions.
    """

    model_config = ConfigDict(frozen=True)

    certificate_id: str
    certificate_type: str
    personnummer: Personnummer
    patient_name: str
    sex: Sex
    protected_identity: bool = False
    care_unit_id: HsaId
    care_giver_id: HsaId
    doctor_id: HsaId
    doctor_name: str
    signed_at: datetime | None
    diagnosis_code: str | None
    secondary_codes: tuple[str, ...] = Field(default=(), max_length=2)
    periods: tuple[SickLeavePeriod, ...]
    occupations: tuple[str, ...] = ()
    smittskydd: bool = False
    revoked: bool = False
    test: bool = False
    open_komplt: int = Field(default=0, ge=0)
    open_other: int = Field(default=0, ge=0)

    @field_validator("diagnosis_code")
    @classmethod
    def _normal_form(cls, value: str | None) -> str | None:
        code = icd10.normalise(value) if value is not None else ""
        return code or None

    @field_validator("secondary_codes")
    @classmethod
    def _normal_forms(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(code for code in map(icd10.normalise, value) if code)

    @property
    def start(self) -> date:
        return min(period.start for period in self.periods)

    @property
    def end(self) -> date:
        return max(period.end for period in self.periods)

    def is_active_on(self, day: date) -> bool:
        """Active on ``day``: one of its periods contains the day."""
        return any(period.contains(day) for period in self.periods)

    def ended_recently(self, day: date, max_days_since_ended: int) -> bool:
        """Not active, ended before ``day`` and end + maxDaysSinceEnded + 1 > ``day``."""
        return (not self.is_active_on(day) and self.end < day
                and self.end.toordinal() + max_days_since_ended + 1 > day.toordinal())

    def degree_on(self, day: date) -> int | None:
        return next((p.degree for p in self.periods if p.contains(day)), None)

    @property
    def degrees(self) -> tuple[int, ...]:
        """The degrees of its periods in date order."""
        return tuple(p.degree for p in sorted(self.periods, key=lambda p: p.start))


class SjukfallSettings(BaseModel):
    """The unit's Rehabstöd settings: the longest gap in days that still joins two certificates
    (0-90) and how many days after its end a case is still listed (0-14)."""

    model_config = ConfigDict(frozen=True)

    max_gap: int = 5
    max_days_since_ended: int = 0

    @model_validator(mode="after")
    def _in_range(self) -> SjukfallSettings:
        issues = [issue for issue in (
            range_issue("maxGap", self.max_gap, 0, MAX_GAP_LIMIT),
            range_issue("maxDaysSinceEnded", self.max_days_since_ended, 0,
                        MAX_DAYS_SINCE_ENDED_LIMIT),
        ) if issue is not None]
        if issues:
            raise InvalidSjukfallSettingsError(" ".join(i.message for i in issues), issues)
        return self


def range_issue(field: str, value: int | None, low: int, high: int) -> ValidationIssue | None:
    """An issue naming ``field`` when ``value`` is given and outside ``low``-``high``."""
    if value is None or low <= value <= high:
        return None
    return ValidationIssue(question_id=field, field=field, code=IssueCode.INVALID_RANGE,
                           message=f"{field} must be {low}-{high}, not {value}.")


@dataclass(frozen=True, slots=True)
class CaseDiagnosis:
    """A diagnosis code with the WHO description and ICD-10 chapter, None when not in the list."""

    code: str
    description: str | None
    chapter: str | None

    @classmethod
    def of(cls, code: str) -> CaseDiagnosis:
        found = icd10.lookup(code)
        return cls(code, found.description if found else None, found.chapter if found else None)


@dataclass(frozen=True, slots=True)
class SickLeaveCase:
    """One sjukfall as Rehabstöd lists it on day D (``today``).

    Patient details, diagnoses, degrees, doctor and occupations come from the case's active
    certificate (``active_certificate_id``); ``active`` says whether that certificate is active
    on D. ``days`` counts the distinct days covered by the periods of all its certificates.
    """

    personnummer: str
    patient_name: str
    sex: Sex
    age: int
    protected_identity: bool
    care_unit_id: str
    care_giver_id: str
    diagnosis: CaseDiagnosis
    secondary_diagnoses: tuple[CaseDiagnosis, ...]
    start: date
    end: date
    days: int
    degrees: tuple[int, ...]
    degree_today: int | None
    doctor_id: str
    doctor_name: str
    occupations: tuple[str, ...]
    days_until_end: int
    open_komplt: int
    open_other: int
    certificate_ids: tuple[str, ...]
    active_certificate_id: str
    active: bool

    @property
    def certificate_count(self) -> int:
        return len(self.certificate_ids)

    @property
    def open_questions(self) -> int:
        return self.open_komplt + self.open_other
