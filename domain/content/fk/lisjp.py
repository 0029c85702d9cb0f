"""LISJP (FK 7804, läkarintyg för sjukpenning): the sick-pay certificate to Försäkringskassan.

The content model keeps every answer optional (a draft may be incomplete); ``validate_lisjp``
reports every failing rule of DOMAIN.md §3 at once, each on its national question id.

One rule for the id: an issue is reported on the (sub-)question of the answer its field path
names, whatever the fault (missing, forbidden, blank, wrong): nuvarandeArbete on 29, a grund
description on 1.3, arbetstidsförläggning on 33 and its motivation on 33.2, the prognosis days
on 39.3, the description of measures on 44, the contact reason on 26.2. The motivation for not
examining the patient is on 1 and the one for an early start date on 32, where DOMAIN.md puts
them.
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
from domain.content.common.checks import check_care_unit, check_contact, check_text
from domain.content.common.diagnoses import MAX_ROWS as MAX_DIAGNOSES
from domain.content.common.diagnoses import check_diagnoses
from domain.content.common.grund import (
    MAX_BASES,
    MAX_MOTIVATION,
    check_grund,
    check_not_examined_motivation,
)
from domain.content.common.limits import Limit
from domain.content.common.protection import CODE
from domain.content.fk.choices import (
    MAX_OCCUPATIONS,
    UNLESS_SMITTSKYDD,
    check_measures,
    check_occupation,
    check_prognosis,
)
from domain.content.fk.periods import (
    MAX_PERIODS,
    check_early_start,
    check_periods,
    check_working_hours,
    latest_period,
    valid_periods,
)
from domain.shared.care import CareUnit
from domain.shared.validation import ValidationIssue

CONTENT_VERSION = 1
MAX_MEASURES = 10

QUESTION_IDS: dict[str, str] = {
    "avstangningSmittskydd": "27",
    "grundForMU": "1",
    "motiveringTillInteBaseratPaUndersokning": "1",
    "sysselsattning": "28",
    "nuvarandeArbete": "29",
    "diagnoser": "6",
    "funktionsnedsattning": "35",
    "aktivitetsbegransning": "17",
    "pagaendeBehandling": "19",
    "planeradBehandling": "20",
    "sjukskrivningar": "32",
    "motiveringTillTidigtStartdatumForSjukskrivning": "32",
    "forsakringsmedicinsktBeslutsstod": "37",
    "arbetstidsforlaggning": "33",
    "arbetstidsforlaggningMotivering": "33.2",
    "arbetsresor": "34",
    "prognos": "39",
    "arbetslivsinriktadeAtgarder": "40",
    "arbetslivsinriktadeAtgarderBeskrivning": "44",
    "ovrigt": "25",
    "kontaktMedFk": "26",
    "anledningTillKontakt": "26.2",
}


class LisjpContent(BaseModel):
    """The answers of a LISJP, by their national (camelCase) names."""

    model_config = CONTENT_CONFIG

    avstangning_smittskydd: bool | None = Field(default=None, alias="avstangningSmittskydd")
    grund_for_mu: Annotated[list[GrundForMU] | None, Limit(MAX_BASES)] = Field(
        default=None, alias="grundForMU")
    motivering_till_inte_baserat_pa_undersokning: Annotated[
        str | None, Limit(MAX_MOTIVATION)] = Field(
        default=None, alias="motiveringTillInteBaseratPaUndersokning")
    sysselsattning: Annotated[list[str] | None, Limit(MAX_OCCUPATIONS), CODE] = None
    nuvarande_arbete: str | None = Field(default=None, alias="nuvarandeArbete")
    diagnoser: Annotated[list[Diagnos] | None, Limit(MAX_DIAGNOSES)] = None
    funktionsnedsattning: str | None = None
    aktivitetsbegransning: str | None = None
    pagaende_behandling: str | None = Field(default=None, alias="pagaendeBehandling")
    planerad_behandling: str | None = Field(default=None, alias="planeradBehandling")
    sjukskrivningar: Annotated[list[Sjukskrivning] | None, Limit(MAX_PERIODS)] = None
    motivering_till_tidigt_startdatum_for_sjukskrivning: Annotated[
        str | None, Limit(MAX_MOTIVATION)] = Field(
        default=None, alias="motiveringTillTidigtStartdatumForSjukskrivning")
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
    ovrigt: str | None = None
    kontakt_med_fk: bool | None = Field(default=None, alias="kontaktMedFk")
    anledning_till_kontakt: str | None = Field(default=None, alias="anledningTillKontakt")


def validate_lisjp(
    content: LisjpContent, today: date, care_unit: CareUnit
) -> list[ValidationIssue]:
    """Every failing rule of DOMAIN.md §3, in the order of the form; empty when complete.

    With avstängning enligt smittskyddslagen (27) the requirements to answer 1, 28, 35, 17, 39,
    40 and 33 fall away; diagnosis and periods stay required, and answers that are given are still
    checked.
    """
    required = content.avstangning_smittskydd is not True
    return [
        *_check_basis(content, today, required),
        *check_occupation(content.sysselsattning, content.nuvarande_arbete, required=required,
                          condition=UNLESS_SMITTSKYDD),
        *check_diagnoses(content.diagnoser, required=True),
        *check_text(content.funktionsnedsattning, "35", "funktionsnedsattning", required=required,
                    condition=UNLESS_SMITTSKYDD),
        *check_text(content.aktivitetsbegransning, "17", "aktivitetsbegransning",
                    required=required, condition=UNLESS_SMITTSKYDD),
        *check_text(content.pagaende_behandling, "19", "pagaendeBehandling"),
        *check_text(content.planerad_behandling, "20", "planeradBehandling"),
        *_check_assessment(content, today, required),
        *check_measures(content.arbetslivsinriktade_atgarder,
                        content.arbetslivsinriktade_atgarder_beskrivning,
                        allowed=tuple(Atgard), max_count=MAX_MEASURES, required=required,
                        condition=UNLESS_SMITTSKYDD),
        *check_text(content.ovrigt, "25", "ovrigt"),
        *check_contact(content.kontakt_med_fk, content.anledning_till_kontakt,
                       reason_question_id="26.2", reason_field="anledningTillKontakt"),
        *check_care_unit(care_unit),
    ]


def _check_basis(content: LisjpContent, today: date, required: bool) -> list[ValidationIssue]:
    return [
        *check_grund(content.grund_for_mu, today, required=required, condition=UNLESS_SMITTSKYDD),
        *check_not_examined_motivation(content.grund_for_mu,
                                       content.motivering_till_inte_baserat_pa_undersokning,
                                       "motiveringTillInteBaseratPaUndersokning"),
    ]


def _check_assessment(
    content: LisjpContent, today: date, required: bool
) -> list[ValidationIssue]:
    """Bedömning: periods (32), arbetstidsförläggning (33), FMB (37), prognosis (39)."""
    return [
        *check_periods(content.sjukskrivningar),
        *check_early_start(content.sjukskrivningar,
                           content.motivering_till_tidigt_startdatum_for_sjukskrivning, today,
                           "motiveringTillTidigtStartdatumForSjukskrivning"),
        *check_text(content.forsakringsmedicinskt_beslutsstod, "37",
                    "forsakringsmedicinsktBeslutsstod"),
        *check_working_hours(content.sjukskrivningar, content.arbetstidsforlaggning,
                             content.arbetstidsforlaggning_motivering, smittskydd=not required),
        *check_prognosis(content.prognos, required=required, condition=UNLESS_SMITTSKYDD),
    ]


def renewal_content(content: LisjpContent) -> LisjpContent:
    """The content of a förlängning (FRLANG): a copy without what must be assessed anew.

    Cleared: kontakt med FK and its reason, the grund-för-MU dates and description (the types are
    kept), both motiveringar, prognos, all periods, arbetstidsförläggning and its motivering.
    """
    bases = [row.model_copy(update={"datum": None, "beskrivning": None})
             for row in content.grund_for_mu or ()]
    return content.model_copy(update={
        "grund_for_mu": bases or None,
        "kontakt_med_fk": None,
        "anledning_till_kontakt": None,
        "motivering_till_inte_baserat_pa_undersokning": None,
        "motivering_till_tidigt_startdatum_for_sjukskrivning": None,
        "prognos": None,
        "sjukskrivningar": None,
        "arbetstidsforlaggning": None,
        "arbetstidsforlaggning_motivering": None,
    })


def last_period(content: LisjpContent) -> tuple[date, str] | None:
    """The latest end date of a valid period and its degree, remembered on a renewal so the new
    first period can start the day after; None when no period is valid."""
    return latest_period(content.sjukskrivningar)


def periods(content: LisjpContent) -> list[tuple[str, date, date]]:
    """(degree, from, tom) of every valid period, for sick-leave cases and statistics."""
    return valid_periods(content.sjukskrivningar)
