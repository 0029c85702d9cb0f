"""Intygsstatistik (DOMAIN.md §8): the facts the statistics are computed from, and their scopes.

A projection turns events into facts and keeps the cases built from them as rows; the reports
are queries over those rows. Facts never carry a personnummer: a patient is a keyed pseudonym
(``pseudonym``), so the statistics store cannot be joined back to a person without the key.

Scopes (nivåer): riket (national, open to all), region (one län), vårdgivare (care giver) and
vårdenhet (care unit).
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from domain.shared.errors import (
    InvalidReportPeriodError,
    InvalidStatisticsScopeError,
    PseudonymKeyTooShortError,
)

LAN_CODES: tuple[str, ...] = ("01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13",
                              "14", "17", "18", "19", "20", "21", "22", "23", "24", "25")
"""The 21 län codes in use; ``UNKNOWN_LAN`` ("00") stands for a unit whose län is not known."""
UNKNOWN_LAN = "00"
SICK_LEAVE_TYPES = frozenset({"lisjp", "fk7263"})
MIN_KEY_LENGTH = 16

Sex = Literal["F", "M"]
Degree = Literal[25, 50, 75, 100]


def _known_lan(value: object) -> object:
    """Any code that is not one of the 21 län (None, '', '02', '99') is counted as unknown."""
    return value if value in LAN_CODES else UNKNOWN_LAN


LanCode = Annotated[str, BeforeValidator(_known_lan)]


def pseudonym(personnummer: str, key: str) -> str:
    """A stable, keyed pseudonym for a patient (HMAC-SHA256, hex).

    Pass the normalised 12-digit personnummer. The key must stay secret with the projection: the
    personnummer space is small, so an unkeyed hash could be reversed by trying them all.
    """
    if len(key) < MIN_KEY_LENGTH:
        raise PseudonymKeyTooShortError(f"A pseudonym key needs {MIN_KEY_LENGTH}+ characters.")
    return hmac.new(key.encode(), personnummer.encode(), hashlib.sha256).hexdigest()


def age_on(born: date, day: date) -> int:
    """§8: the age in whole years on ``day`` (0 for a day before the birth)."""
    return max(day.year - born.year - ((day.month, day.day) < (born.month, born.day)), 0)


class SickLeavePeriod(BaseModel):
    """One period of a sick-leave certificate: degree in percent, first and last day inclusive."""

    model_config = ConfigDict(frozen=True)

    degree: Degree
    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> SickLeavePeriod:
        if self.end < self.start:
            raise ValueError("a sick-leave period cannot end before it starts")
        return self


class CertificateFact(BaseModel):
    """One signed certificate as the statistics see it. No personnummer, only a pseudonym."""

    model_config = ConfigDict(frozen=True)

    certificate_id: str
    type_id: str
    patient: str = Field(min_length=1, description="pseudonym(personnummer, key)")
    sex: Sex
    age: int = Field(ge=0, le=130, description="the patient's age on the last day of the sick "
                     "leave (the end of the latest period; the signing day without periods)")
    care_unit: str
    care_giver: str
    lan: LanCode = UNKNOWN_LAN
    doctor: str | None = None
    doctor_age: int | None = Field(default=None, ge=18, le=100, description="the signing "
                                  "doctor's age in the signing year (HSA's year of birth)")
    doctor_sex: Sex | None = None
    doctor_title: str | None = Field(default=None, max_length=40,
                                     description="a code of staff_attributes.TITLES")
    signed: date
    periods: tuple[SickLeavePeriod, ...] = ()
    diagnosis: str | None = None
    revoked: bool = False
    test: bool = False
    complemented: bool = False

    @property
    def counted(self) -> bool:
        """§8: revoked certificates are removed from the facts; test certificates never enter."""
        return not (self.revoked or self.test)

    @property
    def feeds_sick_leave(self) -> bool:
        """§8: only lisjp and fk7263 feed sick-leave facts, and only with a period."""
        return self.counted and self.type_id in SICK_LEAVE_TYPES and bool(self.periods)

    @property
    def start(self) -> date:
        return min(p.start for p in self.periods)

    @property
    def end(self) -> date:
        return max(p.end for p in self.periods)


class MessageSubject(StrEnum):
    """Ämne of a question between care and Försäkringskassan (DOMAIN.md §6)."""

    KOMPLT = "KOMPLT"
    AVSTMN = "AVSTMN"
    KONTKT = "KONTKT"
    OVRIGT = "OVRIGT"
    PAMINN = "PAMINN"


class MessageFact(BaseModel):
    """One message (ärende) about a certificate, counted by subject."""

    model_config = ConfigDict(frozen=True)

    message_id: str
    certificate_id: str
    subject: MessageSubject
    sent: date
    care_unit: str
    care_giver: str
    lan: LanCode = UNKNOWN_LAN
    sex: Sex
    type_id: str | None = Field(default=None, description="the certificate's type")
    complement_questions: tuple[str, ...] = Field(
        default=(), description="a request to complement (KOMPLT): the ids of the certificate's "
        "questions it asks to complement, each once")


class ScopeLevel(StrEnum):
    NATIONAL = "national"
    REGION = "region"
    CARE_GIVER = "care_giver"
    CARE_UNIT = "care_unit"


class Scope(BaseModel):
    """Whose facts a report counts. ``id`` is a län code (region) or an HSA id."""

    model_config = ConfigDict(frozen=True)

    level: ScopeLevel
    id: str | None = None

    @model_validator(mode="after")
    def _id_fits_level(self) -> Scope:
        if (self.level is ScopeLevel.NATIONAL) != (self.id is None):
            raise InvalidStatisticsScopeError("Only the national scope goes without an id.")
        if self.level is ScopeLevel.REGION and self.id not in LAN_CODES:
            raise InvalidStatisticsScopeError(f"Unknown län code {self.id!r}.")
        return self

    @property
    def suppressed(self) -> bool:
        """§8: national and region reports show a cell below 5 as 0; the others do not."""
        return self.level in (ScopeLevel.NATIONAL, ScopeLevel.REGION)



NATIONAL = Scope(level=ScopeLevel.NATIONAL)


class ReportPeriod(BaseModel):
    """The days a report looks at, first and last inclusive."""

    model_config = ConfigDict(frozen=True)

    first: date
    last: date

    @model_validator(mode="after")
    def _ordered(self) -> ReportPeriod:
        if self.last < self.first:
            raise InvalidReportPeriodError("A report period cannot end before it starts.")
        return self

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last
