"""Answers and code lists every form family builds on: the content models' configuration,
dates and texts, and the national code lists first written for the FK 7804 family (LISJP,
AG7804) and reused by the läkarutlåtanden, AG1-14 and the AF certificates.

Dates and codes are plain strings in these models on purpose: a draft may hold a malformed date
or an unknown code, and validation then reports it on its national question id instead of the
draft being refused. Wrong *shapes* (a list where a text belongs, unknown keys) are refused here.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic.alias_generators import to_camel

from domain.content.common.limits import bounded_schema
from domain.content.common.protection import CODE, Code, IsoDate
from domain.shared import icd10

CONTENT_CONFIG = ConfigDict(populate_by_name=True, extra="forbid", frozen=True,
                            json_schema_extra=bounded_schema)
CAMEL_CONTENT_CONFIG = ConfigDict(**CONTENT_CONFIG, alias_generator=to_camel)
"""CONTENT_CONFIG with each alias (the national camelCase name) generated from the snake_case
field name, for the nested TS, DB and DOI models."""
_ISO_DATE = re.compile(r"^[12]\d{3}-\d{2}-\d{2}$")


class GrundForMUTyp(StrEnum):
    """What the certificate is based on (grund för medicinskt underlag, KV_FKMU_0001 subset)."""

    UNDERSOKNING = "UNDERSOKNING"
    TELEFONKONTAKT = "TELEFONKONTAKT"
    JOURNALUPPGIFTER = "JOURNALUPPGIFTER"
    ANNAT = "ANNAT"


class SysselsattningsTyp(StrEnum):
    """The patient's occupation (sysselsättning, KV_FKMU_0002)."""

    NUVARANDE_ARBETE = "NUVARANDE_ARBETE"
    ARBETSSOKANDE = "ARBETSSOKANDE"
    FORALDRALEDIG = "FORALDRALEDIG"
    STUDIER = "STUDIER"


class Sjukskrivningsgrad(StrEnum):
    """How much the work capacity is reduced (KV_FKMU_0003)."""

    HELT_NEDSATT = "HELT_NEDSATT"
    TRE_FJARDEDEL = "TRE_FJARDEDEL"
    HALFTEN = "HALFTEN"
    EN_FJARDEDEL = "EN_FJARDEDEL"


DEGREE_PERCENT: dict[str, int] = {
    Sjukskrivningsgrad.HELT_NEDSATT: 100,
    Sjukskrivningsgrad.TRE_FJARDEDEL: 75,
    Sjukskrivningsgrad.HALFTEN: 50,
    Sjukskrivningsgrad.EN_FJARDEDEL: 25,
}


class PrognosTyp(StrEnum):
    """The doctor's prognosis for a return to work (KV_FKMU_0006)."""

    STOR_SANNOLIKHET = "STOR_SANNOLIKHET"
    SANNOLIKT_INTE = "SANNOLIKT_INTE"
    PROGNOS_OKLAR = "PROGNOS_OKLAR"
    ATER_X_ANTAL_DGR = "ATER_X_ANTAL_DGR"


class DagarTillArbete(StrEnum):
    """Within how many days the patient is expected back at work (KV_FKMU_0007)."""

    TRETTIO_DGR = "TRETTIO_DGR"
    SEXTIO_DGR = "SEXTIO_DGR"
    NITTIO_DGR = "NITTIO_DGR"
    HUNDRAATTIO_DAGAR = "HUNDRAATTIO_DAGAR"
    TREHUNDRASEXTIOFEM_DAGAR = "TREHUNDRASEXTIOFEM_DAGAR"


class Atgard(StrEnum):
    """Work-oriented measures (arbetslivsinriktade åtgärder, KV_FKMU_0004)."""

    EJ_AKTUELLT = "EJ_AKTUELLT"
    ARBETSTRANING = "ARBETSTRANING"
    ARBETSANPASSNING = "ARBETSANPASSNING"
    SOKA_NYTT_ARBETE = "SOKA_NYTT_ARBETE"
    BESOK_ARBETSPLATS = "BESOK_ARBETSPLATS"
    ERGONOMISK = "ERGONOMISK"
    HJALPMEDEL = "HJALPMEDEL"
    KONFLIKTHANTERING = "KONFLIKTHANTERING"
    KONTAKT_FHV = "KONTAKT_FHV"
    OMFORDELNING = "OMFORDELNING"
    OVRIGA_ATGARDER = "OVRIGA_ATGARDER"


class Kodsystem(StrEnum):
    """Diagnosis code systems: ICD-10-SE, or KSH97-P (the primary-care short list)."""

    ICD_10_SE = "ICD_10_SE"
    KSH_97_P = "KSH_97_P"


class GrundForMU(BaseModel):
    """One basis (question 1): its type (1.1), date (1.2) and, for ANNAT only, a description
    (1.3)."""

    model_config = CONTENT_CONFIG

    typ: Code = None
    datum: IsoDate = None
    beskrivning: str | None = None


class Diagnos(BaseModel):
    """One diagnosis row (question 6): code, description and code system.

    The code is kept in its normal form (upper case, trimmed, no dot: ``m54.4`` -> ``M544``,
    DOMAIN.md §4); whether it exists is for validation to say.
    """

    model_config = CONTENT_CONFIG

    kod: Code = None
    beskrivning: str | None = None
    kodsystem: Annotated[str, CODE] = Kodsystem.ICD_10_SE.value

    @field_validator("kod")
    @classmethod
    def _normal_form(cls, value: str | None) -> str | None:
        return icd10.normalise(value) if value is not None else None


class Period(BaseModel):
    """An inclusive date range, ``from`` to ``tom`` (till och med), both ISO dates."""

    model_config = CONTENT_CONFIG

    from_: IsoDate = Field(default=None, alias="from")
    tom: IsoDate = None


class Sjukskrivning(BaseModel):
    """One sick-leave period (question 32): a degree and a date range."""

    model_config = CONTENT_CONFIG

    sjukskrivningsgrad: Code = None
    period: Period | None = None


class Prognos(BaseModel):
    """The prognosis (question 39): its type (39.1) and, for ATER_X_ANTAL_DGR, the days (39.3)."""

    model_config = CONTENT_CONFIG

    typ: Code = None
    dagar_till_arbete: Code = Field(default=None, alias="dagarTillArbete")


def parse_date(raw: str | None) -> date | None:
    """The date of an ISO ``yyyy-MM-dd`` string with a year 1xxx/2xxx, or None if it is not one."""
    if raw is None or not _ISO_DATE.match(raw):
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def has_text(value: str | None) -> bool:
    """True when a free text holds more than whitespace."""
    return value is not None and value.strip() != ""
