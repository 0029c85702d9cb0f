"""LUSE (FK 7800, läkarutlåtande för sjukersättning): the medical statement for sickness
compensation (TYPES.md §1).

The content model keeps every answer optional (a draft may be incomplete); ``validate_luse``
reports every failing rule at once, each on the question id TYPES.md §1 gives, except that a
reason given without its yes (R11 26.2, R14 45.2) is on the reason's own id, not on 26 or 45:
one rule puts every issue on the (sub-)question of the answer it names. The medical part
(5, 7, 45, 8-14, 17-23) is shared with LUAE_NA, which builds on this module.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from domain.content.common.answers import has_text
from domain.content.common.checks import check_answered, check_plain_text, check_text, issue
from domain.content.common.limits import Limit
from domain.content.lu.common import (
    MAX_TEXT,
    LuContent,
    UnderlagTyp,
    check_background,
    check_closing,
)
from domain.content.lu.common import QUESTION_IDS as COMMON_QUESTION_IDS
from domain.shared.care import CareUnit
from domain.shared.validation import IssueCode, ValidationIssue

CONTENT_VERSION = 1
MAX_OVRIGT = 2700
UNDERLAG_TYPES = tuple(t for t in UnderlagTyp if t is not UnderlagTyp.SKOLHALSOVARD)
FUNKTIONSNEDSATTNING = "funktionsnedsattning"

QUESTION_IDS: dict[str, str] = {
    **COMMON_QUESTION_IDS,
    "sjukdomsforlopp": "5",
    "diagnosgrund": "7",
    "nyBedomningDiagnosgrund": "45",
    "diagnosForNyBedomning": "45.2",
    "funktionsnedsattningIntellektuell": "8",
    "funktionsnedsattningKommunikation": "9",
    "funktionsnedsattningKoncentration": "10",
    "funktionsnedsattningPsykisk": "11",
    "funktionsnedsattningSynHorselTal": "12",
    "funktionsnedsattningBalansKoordination": "13",
    "funktionsnedsattningAnnan": "14",
    "aktivitetsbegransning": "17",
    "avslutadBehandling": "18",
    "pagaendeBehandling": "19",
    "planeradBehandling": "20",
    "substansintag": "21",
    "medicinskaForutsattningarForArbete": "22",
    "formagaTrotsBegransning": "23",
}


class LuseContent(LuContent):
    """The answers of a LUSE, by their national (camelCase) names."""

    sjukdomsforlopp: Annotated[str | None, Limit(MAX_TEXT)] = None
    diagnosgrund: Annotated[str | None, Limit(MAX_TEXT)] = None
    ny_bedomning_diagnosgrund: bool | None = None
    diagnos_for_ny_bedomning: str | None = None
    funktionsnedsattning_intellektuell: Annotated[str | None, Limit(MAX_TEXT)] = None
    funktionsnedsattning_kommunikation: Annotated[str | None, Limit(MAX_TEXT)] = None
    funktionsnedsattning_koncentration: Annotated[str | None, Limit(MAX_TEXT)] = None
    funktionsnedsattning_psykisk: Annotated[str | None, Limit(MAX_TEXT)] = None
    funktionsnedsattning_syn_horsel_tal: Annotated[str | None, Limit(MAX_TEXT)] = None
    funktionsnedsattning_balans_koordination: Annotated[str | None, Limit(MAX_TEXT)] = None
    funktionsnedsattning_annan: Annotated[str | None, Limit(MAX_TEXT)] = None
    aktivitetsbegransning: Annotated[str | None, Limit(MAX_TEXT)] = None
    avslutad_behandling: Annotated[str | None, Limit(MAX_TEXT)] = None
    pagaende_behandling: Annotated[str | None, Limit(MAX_TEXT)] = None
    planerad_behandling: Annotated[str | None, Limit(MAX_TEXT)] = None
    substansintag: Annotated[str | None, Limit(MAX_TEXT)] = None
    medicinska_forutsattningar_for_arbete: str | None = None
    formaga_trots_begransning: str | None = None


def validate_luse(
    content: LuseContent, today: date, care_unit: CareUnit
) -> list[ValidationIssue]:
    """Every failing rule of TYPES.md §1, in the order of the form; empty when complete.

    Investigations from skolhälsovården are not accepted on a LUSE.
    """
    return [
        *check_background(content, today, underlag_types=UNDERLAG_TYPES),
        *check_medical(content, assessment_limit=MAX_TEXT),
        *check_closing(content, care_unit, max_ovrigt=MAX_OVRIGT),
    ]


def check_medical(content: LuseContent, *, assessment_limit: int | None) -> list[ValidationIssue]:
    """Sjukdomsförlopp (5), diagnosgrund (7), ny bedömning (45), funktionsnedsättning (8-14),
    aktivitetsbegränsning (17), treatments (18-21) and the work assessment (22, 23).

    5, 7, 17 and 22 must be filled in; the optional 18-21 and 23 may be left out but not be only
    whitespace. ``assessment_limit`` is the UI limit of 22, 23 and 45.2 (none in LUAE_NA).
    """
    return [
        *check_text(content.sjukdomsforlopp, "5", "sjukdomsforlopp", required=True,
                    max_length=MAX_TEXT),
        *check_text(content.diagnosgrund, "7", "diagnosgrund", required=True, max_length=MAX_TEXT),
        *check_new_assessment(content, assessment_limit),
        *check_functions(content),
        *check_text(content.aktivitetsbegransning, "17.1", "aktivitetsbegransning",
                    required=True, max_length=MAX_TEXT),
        *check_text(content.avslutad_behandling, "18", "avslutadBehandling", max_length=MAX_TEXT),
        *check_text(content.pagaende_behandling, "19", "pagaendeBehandling", max_length=MAX_TEXT),
        *check_text(content.planerad_behandling, "20", "planeradBehandling", max_length=MAX_TEXT),
        *check_text(content.substansintag, "21", "substansintag", max_length=MAX_TEXT),
        *check_text(content.medicinska_forutsattningar_for_arbete, "22",
                    "medicinskaForutsattningarForArbete", required=True,
                    max_length=assessment_limit),
        *check_text(content.formaga_trots_begransning, "23", "formagaTrotsBegransning",
                    max_length=assessment_limit),
    ]


def check_new_assessment(content: LuseContent, limit: int | None) -> list[ValidationIssue]:
    """45: whether the diagnosis should be assessed anew (45.1) must be answered; yes needs the
    reason 45.2 (R13), and a reason beside a no or no answer is contradictory (R14); each fault of
    the reason is on its own id, 45.2."""
    wanted, reason = content.ny_bedomning_diagnosgrund, content.diagnos_for_ny_bedomning
    issues = check_answered(wanted, "45", "nyBedomningDiagnosgrund")
    if wanted is True:
        issues += check_text(reason, "45.2", "diagnosForNyBedomning", required=True,
                             max_length=limit, condition="when nyBedomningDiagnosgrund is yes")
    elif reason:
        issues.append(issue("45.2", "diagnosForNyBedomning", IssueCode.INCORRECT_COMBINATION,
                            "A reason for a new assessment needs question 45 answered yes."))
    return issues


def check_functions(content: LuseContent) -> list[ValidationIssue]:
    """Funktionsnedsättning (8-14): at least one area described, each at most 3500 characters;
    a missing description is reported on the category, as in the national validator."""
    areas = (
        ("8", "funktionsnedsattningIntellektuell", content.funktionsnedsattning_intellektuell),
        ("9", "funktionsnedsattningKommunikation", content.funktionsnedsattning_kommunikation),
        ("10", "funktionsnedsattningKoncentration", content.funktionsnedsattning_koncentration),
        ("11", "funktionsnedsattningPsykisk", content.funktionsnedsattning_psykisk),
        ("12", "funktionsnedsattningSynHorselTal", content.funktionsnedsattning_syn_horsel_tal),
        ("13", "funktionsnedsattningBalansKoordination",
         content.funktionsnedsattning_balans_koordination),
        ("14", "funktionsnedsattningAnnan", content.funktionsnedsattning_annan),
    )
    issues = [found for question_id, field, value in areas
              for found in check_plain_text(value, question_id, field, max_length=MAX_TEXT)]
    if not any(has_text(value) for _, _, value in areas):
        issues.append(issue(FUNKTIONSNEDSATTNING, FUNKTIONSNEDSATTNING, IssueCode.MISSING,
                            "Describe the reduced function in at least one area."))
    return issues


def renewal_content(content: LuseContent) -> LuseContent:
    """The content of a förnyelse (FRLANG): FK renewal copies everything (TYPES.md §0.1).

    Only the signature and the signing date are reset, and neither is content, so the renewed
    draft starts with the parent's answers unchanged.
    """
    return content
