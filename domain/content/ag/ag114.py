"""AG1-14 (läkarintyg om arbetsförmåga – sjuklöneperioden): the employer's certificate for the
first 14 days of sick leave, paid by the employer as sjuklön (TYPES.md §5, content v1).

The patient prints it for the employer: there is no electronic recipient, it can be replaced but
not renewed. Question ids are the national ones of TYPES.md §5: 10 grund för MU (10.3 annat),
1 sysselsättning, 2 nuvarande arbete, 3 förmedla diagnos, 4 diagnoser, 5 nedsatt arbetsförmåga,
6 arbetsförmåga trots sjukdom (6.2 description), 7.1 sjukskrivningsgrad (per cent), 7.2 period,
8 övriga upplysningar, 9 kontakt med arbetsgivaren (9.2 reason).

Where TYPES.md is silent: a description on a basis other than ANNAT, and a blank one, is
reported on 10.3 (R20); diagnoses given although the patient does not want them passed on (3 =
false) are an INCORRECT_COMBINATION on 4, as in AG7804. The v1 validator has no blank-but-present
rule (TYPES.md §0), so optional texts that are only whitespace pass.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, Field, field_validator

from domain.content.common.answers import (
    CAMEL_CONTENT_CONFIG,
    Diagnos,
    GrundForMU,
    GrundForMUTyp,
    Period,
    SysselsattningsTyp,
    has_text,
)
from domain.content.common.checks import check_answered, check_care_unit, check_plain_text, issue
from domain.content.common.diagnoses import MAX_ROWS as MAX_DIAGNOSES
from domain.content.common.diagnoses import check_diagnoses, has_diagnosis
from domain.content.common.grund import MAX_BASES, check_grund
from domain.content.common.limits import Limit
from domain.content.common.protection import Number
from domain.content.common.yes_no import check_period, check_yes_with_text, period_days
from domain.shared.care import CareUnit
from domain.shared.validation import IssueCode, ValidationIssue

CONTENT_VERSION = 1
MAX_TEXT = 3500
"""The UI limit of 10.3, 2, 6.2, 8 and 9.2 (5 has none)."""
MIN_PERCENT, MAX_PERCENT = 0, 100
SJUKLON_DAYS = 14
SJUKLON_WARNING = (
    "If the sick leave passes day 14 of the sjuklöneperiod, issue Läkarintyg om arbetsförmåga "
    "– arbetsgivaren (AG7804, made from FK 7804) instead of AG1-14."
)
_PERCENT = re.compile(r"^(0|[1-9]\d*)$")
"""A whole number without a leading zero ("Ange ett värde mellan 0 och 100 %")."""

GRUND_QUESTION, ANNAT_QUESTION = "10", "10.3"
DIAGNOSIS_QUESTION = "4"

QUESTION_IDS: dict[str, str] = {
    "grundForMU": GRUND_QUESTION,
    "sysselsattning": "1",
    "nuvarandeArbete": "2",
    "onskarFormedlaDiagnos": "3",
    "diagnoser": DIAGNOSIS_QUESTION,
    "nedsattArbetsformaga": "5",
    "arbetsformagaTrotsSjukdom": "6",
    "arbetsformagaTrotsSjukdomBeskrivning": "6.2",
    "sjukskrivningsgrad": "7.1",
    "sjukskrivningsperiod": "7.2",
    "ovrigaUpplysningar": "8",
    "kontaktMedArbetsgivaren": "9",
    "anledningTillKontakt": "9.2",
}


class Ag114Assessment(BaseModel):
    """The answers every version of AG1-14 shares: questions 3 to 9.

    The per cent (7.1) is kept as the national integer string; a number sent as JSON is turned
    into that string, so "050" or "150" reach validation instead of being refused here.
    """

    model_config = CAMEL_CONTENT_CONFIG

    onskar_formedla_diagnos: bool | None = None
    diagnoser: Annotated[list[Diagnos] | None, Limit(MAX_DIAGNOSES)] = None
    nedsatt_arbetsformaga: str | None = None
    arbetsformaga_trots_sjukdom: bool | None = None
    arbetsformaga_trots_sjukdom_beskrivning: Annotated[str | None, Limit(MAX_TEXT)] = None
    sjukskrivningsgrad: Number = None
    sjukskrivningsperiod: Period | None = None
    ovriga_upplysningar: Annotated[str | None, Limit(MAX_TEXT)] = None
    kontakt_med_arbetsgivaren: bool | None = None
    anledning_till_kontakt: Annotated[str | None, Limit(MAX_TEXT)] = None

    @field_validator("sjukskrivningsgrad", mode="before")
    @classmethod
    def _number_as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class Ag114Content(Ag114Assessment):
    """The answers of an AG1-14 (version 1), by their national (camelCase) names. The bases of
    10 are rows as in AG7804 (type 10.1, date 10.2, ANNAT's description 10.3)."""

    grund_for_mu: Annotated[list[GrundForMU] | None, Limit(MAX_BASES)] = Field(
        default=None, alias="grundForMU")
    sysselsattning: list[str] | None = None
    nuvarande_arbete: Annotated[str | None, Limit(MAX_TEXT)] = None


def validate_ag114(
    content: Ag114Content, today: date, care_unit: CareUnit
) -> list[ValidationIssue]:
    """Every failing rule of TYPES.md §5; empty when complete."""
    return [
        *_check_basis(content.grund_for_mu, today),
        *_check_occupation(content.sysselsattning),
        *check_plain_text(content.nuvarande_arbete, "2", "nuvarandeArbete", required=True,
                          max_length=MAX_TEXT),
        *_check_percent(content.sjukskrivningsgrad),
        *check_assessment(content, work_limit=None),
        *check_care_unit(care_unit),
    ]


def check_assessment(content: Ag114Assessment, *, work_limit: int | None
                     ) -> list[ValidationIssue]:
    """Questions 3-6, 7.2, 8 and 9, the same in every version; ``work_limit`` is the length
    limit of 5 (none in version 1)."""
    return [
        *check_diagnosis_consent(content.onskar_formedla_diagnos, content.diagnoser),
        *check_plain_text(content.nedsatt_arbetsformaga, "5", "nedsattArbetsformaga",
                          required=True, max_length=work_limit),
        *check_yes_with_text(content.arbetsformaga_trots_sjukdom,
                             content.arbetsformaga_trots_sjukdom_beskrivning,
                             question_id="6", field="arbetsformagaTrotsSjukdom",
                             text_question_id="6.2",
                             text_field="arbetsformagaTrotsSjukdomBeskrivning",
                             max_length=MAX_TEXT),
        *check_period(content.sjukskrivningsperiod, "7.2", "sjukskrivningsperiod"),
        *check_plain_text(content.ovriga_upplysningar, "8", "ovrigaUpplysningar",
                          max_length=MAX_TEXT),
        *check_employer_contact(content.kontakt_med_arbetsgivaren,
                                content.anledning_till_kontakt),
    ]


def _check_basis(rows: list[GrundForMU] | None, today: date) -> list[ValidationIssue]:
    """10: at least one basis, each type once, each date real and not after today (R21); ANNAT
    needs 10.3 (R19), other bases must not have it (R20); 10.3 at most 3500 characters."""
    issues = check_grund(rows, today, required=True, question_id=GRUND_QUESTION,
                         description_question_id=ANNAT_QUESTION)
    for index, row in enumerate(rows or ()):
        if row.typ == GrundForMUTyp.ANNAT:
            issues += check_plain_text(row.beskrivning, ANNAT_QUESTION,
                                       f"grundForMU[{index}].beskrivning", max_length=MAX_TEXT)
    return issues


def _check_occupation(codes: list[str] | None) -> list[ValidationIssue]:
    """1: exactly one occupation, NUVARANDE_ARBETE (the form shows it fixed)."""
    if not codes:
        return check_answered(None, "1", "sysselsattning")
    issues: list[ValidationIssue] = []
    if len(codes) > 1:
        issues.append(issue("1", "sysselsattning", IssueCode.TOO_MANY,
                            "AG1-14 has exactly one occupation, NUVARANDE_ARBETE."))
    issues += [issue("1", f"sysselsattning[{index}]", IssueCode.INVALID_VALUE,
                     f"{code!r} is not NUVARANDE_ARBETE, the only occupation of AG1-14.")
               for index, code in enumerate(codes) if code != SysselsattningsTyp.NUVARANDE_ARBETE]
    return issues


def check_diagnosis_consent(consent: bool | None,
                            rows: list[Diagnos] | None) -> list[ValidationIssue]:
    """3 must be answered; with 3 = true the diagnosis block (TYPES.md §0) is required on 4;
    with 3 = false no diagnosis may reach the employer."""
    if consent is False and has_diagnosis(rows):
        return [issue(DIAGNOSIS_QUESTION, "diagnoser", IssueCode.INCORRECT_COMBINATION,
                      "Diagnoses are only given when the patient wants them passed on (3).")]
    return [
        *check_answered(consent, "3", "onskarFormedlaDiagnos"),
        *check_diagnoses(rows, required=consent is True, question_id=DIAGNOSIS_QUESTION,
                         condition="when the patient wants the diagnosis passed on (3)"),
    ]


def _check_percent(raw: str | None) -> list[ValidationIssue]:
    """7.1: a whole number 0-100 without a leading zero."""
    field = "sjukskrivningsgrad"
    if raw is None or not has_text(raw):
        return check_answered(None, "7.1", field)
    if not _PERCENT.match(raw):
        return [issue("7.1", field, IssueCode.INVALID_FORMAT,
                      f"{raw!r} is not a whole number of per cent without a leading zero.")]
    if not MIN_PERCENT <= int(raw) <= MAX_PERCENT:
        return [issue("7.1", field, IssueCode.INVALID_VALUE,
                      f"The degree is {MIN_PERCENT}-{MAX_PERCENT} %; {raw} is not.")]
    return []


def check_employer_contact(wanted: bool | None, reason: str | None) -> list[ValidationIssue]:
    """R2: contact with the employer (9.1) true needs a reason (9.2); a reason without a yes is
    an incorrect combination. Both are reported on 9.2."""
    field = "anledningTillKontakt"
    if wanted is True:
        return check_plain_text(reason, "9.2", field, required=True, max_length=MAX_TEXT,
                                condition="when contact with the employer is wanted (9.1)")
    if has_text(reason):
        return [issue("9.2", field, IssueCode.INCORRECT_COMBINATION,
                      "A reason for contact is only given when contact is wanted (9.1).")]
    return []


def sjuklon_warning(content: Ag114Content) -> str | None:
    """UI information of question 7 (7.3, SKL-001.ALERT): the message to show when the period
    spans 14 days or more (``tom`` - ``from`` >= 14), i.e. the sick leave may pass the
    employer's sjuklöneperiod; None otherwise, and when the period is not a sound one."""
    days = period_days(content.sjukskrivningsperiod)
    return SJUKLON_WARNING if days is not None and days >= SJUKLON_DAYS else None
