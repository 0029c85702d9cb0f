"""AG7804 (läkarintyg om arbetsförmåga – arbetsgivaren): the employer's certificate, usually made
from a signed LISJP. Structure and question ids are LISJP's, plus 100 (does the patient want the
diagnosis passed to the employer) and 103 (contact with the employer); TYPES.md §4, v1.

Question ids follow TYPES.md §4 and LISJP's one rule: each issue is on the (sub-)question of the
answer its field names, so where §4 names the parent question for a fault of a sub-answer (1.1
for the grund description, 39.1 for the prognosis days, 32 beside a 100 % period, 33 and 103
for a forbidden motivation or contact reason) it is reported on the sub-answer's id instead
(1.3, 39.3, 33 / 33.2, 103.2).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, Field

from domain.content.common.answers import (
    CONTENT_CONFIG,
    Atgard,
    Diagnos,
    GrundForMU,
    Prognos,
    Sjukskrivning,
)
from domain.content.common.checks import check_care_unit, check_contact, check_text, issue
from domain.content.common.diagnoses import MAX_ROWS as MAX_DIAGNOSES
from domain.content.common.diagnoses import check_diagnoses, has_diagnosis
from domain.content.common.grund import MAX_BASES, check_grund
from domain.content.common.limits import Limit
from domain.content.common.protection import CODE
from domain.content.fk.choices import (
    MAX_OCCUPATIONS,
    UNLESS_SMITTSKYDD,
    check_measures,
    check_occupation,
    check_prognosis,
)
from domain.content.fk.lisjp import LisjpContent
from domain.content.fk.periods import MAX_PERIODS, check_periods, check_working_hours
from domain.shared.care import CareUnit
from domain.shared.validation import IssueCode, ValidationIssue

CONTENT_VERSION = 1
# The v1 validator's constant is 8 (its comment says 10): TYPES.md §4 keeps the constant.
MAX_MEASURES = 8
MAX_OVRIGT = 4000
MEASURES = tuple(a for a in Atgard if a not in {Atgard.SOKA_NYTT_ARBETE, Atgard.KONFLIKTHANTERING})

QUESTION_IDS: dict[str, str] = {
    "avstangningSmittskydd": "27",
    "grundForMU": "1",
    "sysselsattning": "28",
    "nuvarandeArbete": "29",
    "onskarFormedlaDiagnos": "100",
    "diagnoser": "6",
    "funktionsnedsattning": "35",
    "aktivitetsbegransning": "17",
    "pagaendeBehandling": "19",
    "planeradBehandling": "20",
    "sjukskrivningar": "32",
    "forsakringsmedicinsktBeslutsstod": "37",
    "arbetstidsforlaggning": "33",
    "arbetstidsforlaggningMotivering": "33.2",
    "arbetsresor": "34",
    "prognos": "39",
    "arbetslivsinriktadeAtgarder": "40",
    "arbetslivsinriktadeAtgarderBeskrivning": "44",
    "ovrigt": "25",
    "kontaktMedAg": "103",
    "anledningTillKontakt": "103.2",
}


class Ag7804Content(BaseModel):
    """The answers of an AG7804, by their national (camelCase) names."""

    model_config = CONTENT_CONFIG

    avstangning_smittskydd: bool | None = Field(default=None, alias="avstangningSmittskydd")
    grund_for_mu: Annotated[list[GrundForMU] | None, Limit(MAX_BASES)] = Field(
        default=None, alias="grundForMU")
    sysselsattning: Annotated[list[str] | None, Limit(MAX_OCCUPATIONS), CODE] = None
    nuvarande_arbete: str | None = Field(default=None, alias="nuvarandeArbete")
    onskar_formedla_diagnos: bool | None = Field(default=None, alias="onskarFormedlaDiagnos")
    diagnoser: Annotated[list[Diagnos] | None, Limit(MAX_DIAGNOSES)] = None
    funktionsnedsattning: str | None = None
    aktivitetsbegransning: str | None = None
    pagaende_behandling: str | None = Field(default=None, alias="pagaendeBehandling")
    planerad_behandling: str | None = Field(default=None, alias="planeradBehandling")
    sjukskrivningar: Annotated[list[Sjukskrivning] | None, Limit(MAX_PERIODS)] = None
    forsakringsmedicinskt_beslutsstod: str | None = Field(
        default=None, alias="forsakringsmedicinsktBeslutsstod")
    arbetstidsforlaggning: bool | None = None
    arbetstidsforlaggning_motivering: str | None = Field(
        default=None, alias="arbetstidsforlaggningMotivering")
    arbetsresor: bool | None = None
    prognos: Prognos | None = None
    arbetslivsinriktade_atgarder: Annotated[list[str] | None, Limit(MAX_MEASURES), CODE] = Field(
        default=None, alias="arbetslivsinriktadeAtgarder")
    arbetslivsinriktade_atgarder_beskrivning: str | None = Field(
        default=None, alias="arbetslivsinriktadeAtgarderBeskrivning")
    ovrigt: Annotated[str | None, Limit(MAX_OVRIGT)] = None
    kontakt_med_ag: bool | None = Field(default=None, alias="kontaktMedAg")
    anledning_till_kontakt: str | None = Field(default=None, alias="anledningTillKontakt")


def validate_ag7804(
    content: Ag7804Content, today: date, care_unit: CareUnit
) -> list[ValidationIssue]:
    """Every failing rule of TYPES.md §4, in the order of the form; empty when complete.

    Smittskydd (27) lifts the requirements to answer 1, 28, 35, 17, 39, 40 and 33; periods and
    100 stay required, and answers that are given are still checked.
    """
    required = content.avstangning_smittskydd is not True
    return [
        *check_grund(content.grund_for_mu, today, required=required,
                     condition=UNLESS_SMITTSKYDD),
        *check_occupation(content.sysselsattning, content.nuvarande_arbete, required=required,
                          condition=UNLESS_SMITTSKYDD),
        *_check_diagnosis_consent(content),
        *check_text(content.funktionsnedsattning, "35", "funktionsnedsattning", required=required,
                    condition=UNLESS_SMITTSKYDD),
        *check_text(content.aktivitetsbegransning, "17", "aktivitetsbegransning",
                    required=required, condition=UNLESS_SMITTSKYDD),
        *check_text(content.pagaende_behandling, "19", "pagaendeBehandling"),
        *check_text(content.planerad_behandling, "20", "planeradBehandling"),
        *_check_assessment(content, required),
        *check_measures(content.arbetslivsinriktade_atgarder,
                        content.arbetslivsinriktade_atgarder_beskrivning,
                        allowed=MEASURES, max_count=MAX_MEASURES, required=required,
                        condition=UNLESS_SMITTSKYDD),
        *check_text(content.ovrigt, "25", "ovrigt", max_length=MAX_OVRIGT),
        *check_contact(content.kontakt_med_ag, content.anledning_till_kontakt,
                       reason_question_id="103.2", reason_field="anledningTillKontakt"),
        *check_care_unit(care_unit),
    ]


def _check_diagnosis_consent(content: Ag7804Content) -> list[ValidationIssue]:
    """100 is required; diagnoses (6) are required with 100 = true and refused with false."""
    consent = content.onskar_formedla_diagnos
    if consent is False and has_diagnosis(content.diagnoser):
        return [issue("6", "diagnoser", IssueCode.INCORRECT_COMBINATION,
                      "Diagnoses are only given when the patient wants them passed on (100).")]
    issues = check_diagnoses(content.diagnoser, required=consent is True,
                             condition="when the patient wants the diagnosis passed on (100)")
    if consent is None:
        issues.insert(0, issue("100", "onskarFormedlaDiagnos", IssueCode.MISSING,
                               "State whether the patient wants the diagnosis passed on."))
    return issues


def _check_assessment(content: Ag7804Content, required: bool) -> list[ValidationIssue]:
    return [
        *check_periods(content.sjukskrivningar),
        *check_text(content.forsakringsmedicinskt_beslutsstod, "37",
                    "forsakringsmedicinsktBeslutsstod"),
        *check_working_hours(content.sjukskrivningar, content.arbetstidsforlaggning,
                             content.arbetstidsforlaggning_motivering, smittskydd=not required),
        *check_prognosis(content.prognos, required=required, condition=UNLESS_SMITTSKYDD),
    ]


def renewal_content(content: Ag7804Content) -> Ag7804Content:
    """The content of a förlängning: clears the grund-för-MU dates and description, prognos, all
    periods, 33.1/33.2, 100 and 103.1/103.2 (TYPES.md §4). The diagnoses are kept, but the draft
    cannot be signed until the patient's wish (100) is asked again."""
    bases = [row.model_copy(update={"datum": None, "beskrivning": None})
             for row in content.grund_for_mu or ()]
    return content.model_copy(update={
        "grund_for_mu": bases or None,
        "prognos": None,
        "sjukskrivningar": None,
        "arbetstidsforlaggning": None,
        "arbetstidsforlaggning_motivering": None,
        "onskar_formedla_diagnos": None,
        "kontakt_med_ag": None,
        "anledning_till_kontakt": None,
    })


def from_lisjp(lisjp: LisjpContent, include_diagnosis: bool) -> Ag7804Content:
    """An AG7804 draft from a LISJP: the shared answers copied, measures AG7804 lacks dropped,
    100 set to the patient's wish and the diagnoses copied only with it; 103 left empty."""
    measures = [c for c in lisjp.arbetslivsinriktade_atgarder or () if c in MEASURES]
    return Ag7804Content.model_validate({
        "avstangning_smittskydd": lisjp.avstangning_smittskydd,
        "grund_for_mu": lisjp.grund_for_mu,
        "sysselsattning": lisjp.sysselsattning,
        "nuvarande_arbete": lisjp.nuvarande_arbete,
        "onskar_formedla_diagnos": include_diagnosis,
        "diagnoser": lisjp.diagnoser if include_diagnosis else None,
        "funktionsnedsattning": lisjp.funktionsnedsattning,
        "aktivitetsbegransning": lisjp.aktivitetsbegransning,
        "pagaende_behandling": lisjp.pagaende_behandling,
        "planerad_behandling": lisjp.planerad_behandling,
        "sjukskrivningar": lisjp.sjukskrivningar,
        "forsakringsmedicinskt_beslutsstod": lisjp.forsakringsmedicinskt_beslutsstod,
        "arbetstidsforlaggning": lisjp.arbetstidsforlaggning,
        "arbetstidsforlaggning_motivering": lisjp.arbetstidsforlaggning_motivering,
        "arbetsresor": lisjp.arbetsresor,
        "prognos": lisjp.prognos,
        "arbetslivsinriktade_atgarder": measures or None,
        "arbetslivsinriktade_atgarder_beskrivning": lisjp.arbetslivsinriktade_atgarder_beskrivning,
        "ovrigt": lisjp.ovrigt,
    })
