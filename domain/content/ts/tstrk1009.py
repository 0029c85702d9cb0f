"""TSTRK1009: läkares anmälan till Transportstyrelsen om olämplighet att inneha körkort – the
doctor's report that a patient is (probably) unfit to hold a driving licence (TYPES.md §8).

Signing sends it to Transportstyrelsen at once (sign = send); it is not renewable. The
national validator reports by field path only; here each failure also carries the question id
of the table in TYPES.md §8 (2, 46, 47, 48, 1), and the patient's address is on ``patient``.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel

from domain.content.common.answers import CAMEL_CONTENT_CONFIG
from domain.content.common.checks import (
    check_care_unit,
    check_choice,
    check_past_date,
    check_plain_text,
)
from domain.content.common.limits import Limit
from domain.content.common.patient_address import PatientAdress, check_patient_address
from domain.content.ts.common import (
    check_alone,
    check_categories,
    check_identity,
)
from domain.shared.care import CareUnit
from domain.shared.validation import ValidationIssue

CONTENT_VERSION = 1
ANMALAN_AVSER = ("OLAMPLIGHET", "SANNOLIK_OLAMPLIGHET")
"""KV_KORKORTSOLAMPLIGHET: the patient is unfit, or probably unfit."""
BEHORIGHETER = ("ALLA", "A_B_TRAKTOR", "C_E", "D", "TAXI", "KANINTETASTALLNING")
"""Licence groups: all, AM-BE and tractor, C1-CE, D1-DE, taxi, cannot tell."""
MAX_GROUPS = 4
STANDS_ALONE = ("ALLA", "KANINTETASTALLNING")

QUESTION_IDS: dict[str, str] = {
    "identitetStyrktGenom": "2",
    "anmalanAvser": "46",
    "medicinskaForhallanden": "47",
    "senasteUndersokningsdatum": "48",
    "intygetAvserBehorigheter": "1",
    "informationOmTsBeslutOnskas": "49",
    "patient": "patient",
}


class _Group(BaseModel):
    model_config = CAMEL_CONTENT_CONFIG


class IdentitetStyrktGenom(_Group):
    typ: str | None = None


class AnmalanAvser(_Group):
    typ: str | None = None


class IntygetAvserBehorigheter(_Group):
    typer: Annotated[list[str] | None, Limit(MAX_GROUPS)] = None


class Tstrk1009Content(_Group):
    """The answers of a TSTRK1009, by their national names, and the patient's address."""

    identitet_styrkt_genom: IdentitetStyrktGenom | None = None
    anmalan_avser: AnmalanAvser | None = None
    medicinska_forhallanden: str | None = None
    senaste_undersokningsdatum: str | None = None
    intyget_avser_behorigheter: IntygetAvserBehorigheter | None = None
    information_om_ts_beslut_onskas: bool | None = None
    patient: PatientAdress | None = None


def validate_tstrk1009(
    content: Tstrk1009Content, today: date, care_unit: CareUnit
) -> list[ValidationIssue]:
    """Every failing rule of TYPES.md §8, in the order of the form; empty when complete."""
    groups = (content.intyget_avser_behorigheter or IntygetAvserBehorigheter()).typer
    field = "intygetAvserBehorigheter.typer"
    return [
        *check_identity((content.identitet_styrkt_genom or IdentitetStyrktGenom()).typ,
                        "identitetStyrktGenom.typ"),
        *check_choice((content.anmalan_avser or AnmalanAvser()).typ, ANMALAN_AVSER, "46",
                      "anmalanAvser.typ"),
        *check_plain_text(content.medicinska_forhallanden, "47", "medicinskaForhallanden",
                          required=True),
        *check_past_date(content.senaste_undersokningsdatum, "48", "senasteUndersokningsdatum",
                         today, None),
        *check_categories(groups, BEHORIGHETER, question_id="1", field=field,
                          max_count=MAX_GROUPS),
        *(found for code in STANDS_ALONE for found in check_alone(groups, code, "1", field)),
        *check_patient_address(content.patient),
        *check_care_unit(care_unit),
    ]
