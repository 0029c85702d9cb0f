"""What the three FK läkarutlåtanden share (TYPES.md §1-3): LUSE (FK 7800), LUAE_NA (FK 7801) and
LUAE_FS (FK 7802).

They open with the same background: grund för medicinskt underlag as one date per basis (1, with
the ANNAT description 1.3 and the motivation 1.4 for not having examined the patient), how long
the doctor has known the patient (2), whether there are other investigations (3) and which (4);
they share the diagnosis block (6), Övrigt (25), the wish for contact with FK (26) and FK's
tilläggsfrågor (svar ids from 9000). The rules of these answers are written here once; each type
module adds its own questions.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, Field

from domain.content.common.answers import CAMEL_CONTENT_CONFIG, Diagnos, has_text, parse_date
from domain.content.common.checks import (
    check_care_unit,
    check_choice,
    check_contact,
    check_past_date,
    check_text,
    issue,
)
from domain.content.common.diagnoses import MAX_ROWS as MAX_DIAGNOSES
from domain.content.common.diagnoses import check_diagnoses
from domain.content.common.grund import MAX_MOTIVATION
from domain.content.common.limits import Limit
from domain.content.common.protection import Code, IsoDate
from domain.shared.care import CareUnit
from domain.shared.validation import IssueCode, ValidationIssue

MAX_TEXT = 3500
MAX_DIAGNOSIS_TEXT = 81
MAX_UNDERLAG = 3
MAX_ANY_OVRIGT = 2850
"""Övrigt is 2700 in LUSE and LUAE_NA, 2850 in LUAE_FS: the shared model takes the larger, each
type's validation its own."""
TILLAGGSFRAGOR_START = 9000
TILLAGGSFRAGOR = "tillaggsfragor"


class UnderlagTyp(StrEnum):
    """Other medical investigations the certificate draws on (KV_FKMU_0005)."""

    NEUROPSYKIATRISKT = "NEUROPSYKIATRISKT"
    HABILITERING = "HABILITERING"
    ARBETSTERAPEUT = "ARBETSTERAPEUT"
    FYSIOTERAPEUT = "FYSIOTERAPEUT"
    LOGOPED = "LOGOPED"
    PSYKOLOG = "PSYKOLOG"
    FORETAGSHALSOVARD = "FORETAGSHALSOVARD"
    SKOLHALSOVARD = "SKOLHALSOVARD"
    SPECIALISTKLINIK = "SPECIALISTKLINIK"
    VARD_UTOMLANDS = "VARD_UTOMLANDS"
    OVRIGT_UTLATANDE = "OVRIGT_UTLATANDE"


class Underlag(BaseModel):
    """One investigation (question 4): its kind (4.1), date (4.2) and where to get it (4.3)."""

    model_config = CAMEL_CONTENT_CONFIG

    typ: Code = None
    datum: IsoDate = None
    hamtas_fran: str | None = None


class Tillaggsfraga(BaseModel):
    """The doctor's answer to an extra question FK has added (svar id from 9000)."""

    model_config = CAMEL_CONTENT_CONFIG

    id: str | None = None
    svar: str | None = None


class LuContent(BaseModel):
    """The answers every läkarutlåtande has, by their national (camelCase) names."""

    model_config = CAMEL_CONTENT_CONFIG

    undersokning_av_patienten: str | None = None
    journaluppgifter: str | None = None
    anhorigs_beskrivning_av_patienten: str | None = None
    annat_grund_for_mu: str | None = Field(default=None, alias="annatGrundForMU")
    annat_grund_for_mu_beskrivning: Annotated[str | None, Limit(MAX_TEXT)] = Field(
        default=None, alias="annatGrundForMUBeskrivning")
    motivering_till_inte_baserat_pa_undersokning: Annotated[
        str | None, Limit(MAX_MOTIVATION)] = None
    kannedom_om_patient: str | None = None
    underlag_finns: bool | None = None
    underlag: Annotated[list[Underlag] | None, Limit(MAX_UNDERLAG)] = None
    diagnoser: Annotated[list[Diagnos] | None, Limit(MAX_DIAGNOSES)] = None
    ovrigt: Annotated[str | None, Limit(MAX_ANY_OVRIGT)] = None
    kontakt_med_fk: bool | None = None
    anledning_till_kontakt: Annotated[str | None, Limit(MAX_TEXT)] = None
    tillaggsfragor: list[Tillaggsfraga] | None = None


QUESTION_IDS: dict[str, str] = {
    "undersokningAvPatienten": "1", "journaluppgifter": "1", "anhorigsBeskrivningAvPatienten": "1",
    "annatGrundForMU": "1", "annatGrundForMUBeskrivning": "1.3",
    "motiveringTillInteBaseratPaUndersokning": "1.4", "kannedomOmPatient": "2",
    "underlagFinns": "3", "underlag": "4", "diagnoser": "6", "ovrigt": "25", "kontaktMedFk": "26",
    "anledningTillKontakt": "26.2", "tillaggsfragor": TILLAGGSFRAGOR,
}
"""Question ids of the shared answers; each type adds its own."""


def check_background(
    content: LuContent, today: date, *, underlag_types: Collection[str],
    underlag_without_answer: bool = True,
) -> list[ValidationIssue]:
    """Questions 1-4 and the FK diagnosis block (6, TYPES.md §0; descriptions at most 81
    characters). ``underlag_types`` are the kinds of investigation the type accepts;
    ``underlag_without_answer`` whether rows are still checked when 3 is not answered (LUSE,
    LUAE_NA) or not (LUAE_FS)."""
    return [
        *check_grund_for_mu(content, today),
        *check_kannedom(content, today),
        *check_underlag(content.underlag_finns, content.underlag, today, allowed=underlag_types,
                        check_rows_without_answer=underlag_without_answer),
        *check_diagnoses(content.diagnoser, required=True, max_description=MAX_DIAGNOSIS_TEXT),
    ]


def check_grund_for_mu(content: LuContent, today: date) -> list[ValidationIssue]:
    """Question 1: at least one basis, each date real and not after today (R-1); the ANNAT
    description (1.3) exactly when ANNAT has a date (R2, R3); and, when there are bases but no
    examination, a motivation (1.4) for not having examined the patient."""
    dates = _basis_dates(content)
    issues = [check for field, raw in dates.items()
              for check in check_past_date(raw, "1", field, today, None, required=False)]
    if all(raw is None for raw in dates.values()):
        issues.append(issue("1", "grundForMU", IssueCode.MISSING,
                            "State at least one basis (examination, records, relative, other)."))
    annat = content.annat_grund_for_mu is not None
    description = content.annat_grund_for_mu_beskrivning
    issues += check_text(description, "1.3", "annatGrundForMUBeskrivning", required=annat,
                         max_length=MAX_TEXT, condition="when annatGrundForMU has a date")
    if not annat and has_text(description):
        issues.append(issue("1.3", "annatGrundForMUBeskrivning", IssueCode.INCORRECT_COMBINATION,
                            "A description of another basis needs a date for ANNAT."))
    not_examined = content.undersokning_av_patienten is None and any(
        raw is not None for raw in dates.values())
    issues += check_text(content.motivering_till_inte_baserat_pa_undersokning, "1.4",
                         "motiveringTillInteBaseratPaUndersokning", required=not_examined,
                         max_length=MAX_MOTIVATION,
                         condition="when there is a basis but no examination "
                                   "(undersokningAvPatienten)")
    return issues


def _basis_dates(content: LuContent) -> dict[str, str | None]:
    return {
        "undersokningAvPatienten": content.undersokning_av_patienten,
        "journaluppgifter": content.journaluppgifter,
        "anhorigsBeskrivningAvPatienten": content.anhorigs_beskrivning_av_patienten,
        "annatGrundForMU": content.annat_grund_for_mu,
    }


def check_kannedom(content: LuContent, today: date) -> list[ValidationIssue]:
    """Question 2: since when the doctor knows the patient; required, real, not after today,
    and not after the date of the examination or of the relative's description."""
    field = "kannedomOmPatient"
    issues = check_past_date(content.kannedom_om_patient, "2", field, today, None)
    known = parse_date(content.kannedom_om_patient)
    if issues or known is None:
        return issues
    later_than = (("the examination", content.undersokning_av_patienten),
                  ("the relative's description", content.anhorigs_beskrivning_av_patienten))
    for name, raw in later_than:
        basis = parse_date(raw)
        if basis is not None and known > basis:
            issues.append(issue("2", field, IssueCode.INCORRECT_COMBINATION,
                                f"The patient cannot be known since after {name} ({raw})."))
    return issues


def check_underlag(
    finns: bool | None, rows: Sequence[Underlag] | None, today: date, *,
    allowed: Collection[str], check_rows_without_answer: bool,
) -> list[ValidationIssue]:
    """Questions 3 and 4: 3 answered; investigations exactly when 3 is yes (R6), at most three,
    each with an accepted kind, a real date not after today and where it is kept; with several
    rows the first must not be empty."""
    rows = rows or ()
    issues: list[ValidationIssue] = []
    if finns is None:
        issues.append(issue("3", "underlagFinns", IssueCode.MISSING,
                            "State whether there are other investigations."))
        if not check_rows_without_answer:
            return issues
    elif finns and not rows:
        issues.append(issue("4", "underlag", IssueCode.MISSING,
                            "Give the investigations when question 3 (underlagFinns) is yes, "
                            "or answer no to it."))
    elif not finns and rows:
        issues.append(issue("4", "underlag", IssueCode.INCORRECT_COMBINATION,
                            "Investigations are only given when question 3 is answered yes."))
    if len(rows) > MAX_UNDERLAG:
        issues.append(issue("4", "underlag", IssueCode.TOO_MANY,
                            f"At most {MAX_UNDERLAG} investigations; {len(rows)} were given."))
    for index, row in enumerate(rows):
        path = f"underlag[{index}]"
        issues += check_choice(row.typ, allowed, "4", f"{path}.typ")
        issues += check_past_date(row.datum, "4", f"{path}.datum", today, None)
        issues += check_text(row.hamtas_fran, "4", f"{path}.hamtasFran", required=True)
    if len(rows) > 1 and _is_empty(rows[0]):
        issues.append(issue("4", "underlag[0]", IssueCode.INCORRECT_COMBINATION,
                            "Fill in the first investigation before the others."))
    return issues


def _is_empty(row: Underlag) -> bool:
    return row.typ is None and row.datum is None and not has_text(row.hamtas_fran)


def check_closing(
    content: LuContent, care_unit: CareUnit, *, max_ovrigt: int,
    contact_refused_only_by_no: bool = False,
) -> list[ValidationIssue]:
    """Övrigt (25, may be left out but not blank), the contact wish (26: a reason 26.2 only with a
    wish for contact, R11; LUAE_FS refuses it only beside an explicit no), the tilläggsfrågor and
    the issuing care unit (R-vårdenhet)."""
    return [
        *check_text(content.ovrigt, "25", "ovrigt", max_length=max_ovrigt),
        *check_contact(content.kontakt_med_fk, content.anledning_till_kontakt,
                       reason_question_id="26.2", reason_field="anledningTillKontakt",
                       max_length=MAX_TEXT, code=IssueCode.INCORRECT_COMBINATION,
                       only_refused_by_no=contact_refused_only_by_no),
        *check_tillaggsfragor(content.tillaggsfragor),
        *check_care_unit(care_unit),
    ]


def check_tillaggsfragor(rows: Sequence[Tillaggsfraga] | None) -> list[ValidationIssue]:
    """FK's extra questions: each answers one svar id, a number from 9000, at most once."""
    issues: list[ValidationIssue] = []
    seen: set[str] = set()
    for index, row in enumerate(rows or ()):
        field = f"{TILLAGGSFRAGOR}[{index}].id"
        if row.id is None:
            issues.append(issue(TILLAGGSFRAGOR, field, IssueCode.MISSING,
                                "Each answer names the question it answers."))
        elif not row.id.isdecimal() or int(row.id) < TILLAGGSFRAGOR_START:
            issues.append(issue(TILLAGGSFRAGOR, field, IssueCode.INVALID_VALUE,
                                f"{row.id!r} is not an FK question id ({TILLAGGSFRAGOR_START}+)."))
        elif row.id in seen:
            issues.append(issue(TILLAGGSFRAGOR, field, IssueCode.DUPLICATE,
                                f"Question {row.id} is answered more than once."))
        else:
            seen.add(row.id)
    return issues
