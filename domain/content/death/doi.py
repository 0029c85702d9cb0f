"""DOI – dödsorsaksintyg, the cause-of-death certificate to Socialstyrelsen (TYPES.md §11).

Questions 1-4 and the patient's address are DB's (``domain.content.death.common``). Then the chain
of
causes: a) the terminal cause (8), b-d) what it followed from (9), other contributing diseases
(10); an operation within four weeks (11), an injury or poisoning (12), what the causes are
based on (13) and the country (14). It may be made from a signed DB (``from_db``).

Decisions where TYPES.md §11 is silent: an unknown specifikation is reported on the cause's
text question (8.1, 9.1.n, 10.1); too many rows on 9 and 10; the country on 14.1; with a
poisoning the date 12.3 is required.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Annotated

from pydantic import BaseModel

from domain.content.common.answers import CAMEL_CONTENT_CONFIG, has_text, parse_date
from domain.content.common.checks import (
    check_answered,
    check_care_unit,
    check_choice,
    check_code_list,
    check_plain_text,
    issue,
)
from domain.content.common.limits import Limit
from domain.content.common.protection import IsoDate
from domain.content.death.common import QUESTION_IDS as DEATH_QUESTION_IDS
from domain.content.death.common import (
    DeathContent,
    DeathDates,
    check_death_questions,
    check_not_after_death,
    death_dates,
)
from domain.content.death.db import DbContent
from domain.shared.care import CareUnit
from domain.shared.validation import IssueCode, ValidationIssue

CONTENT_VERSION = 1
SPECIFIKATION = ("KRONISK", "PLOTSLIG", "UPPGIFT_SAKNAS")
"""How the cause came on: chronic (SNOMED 90734009), sudden onset or short duration
(424124008), unknown (nullFlavor NI)."""
OPERATION = ("JA", "NEJ", "UPPGIFT_SAKNAS")
FORGIFTNING_ORSAK = ("OLYCKSFALL", "SJALVMORD", "AVSIKTLIGT_VALLAD", "OKLART")
GRUNDER = ("UNDERSOKNING_FORE_DODEN", "UNDERSOKNING_EFTER_DODEN", "KLINISK_OBDUKTION",
           "RATTSMEDICINSK_OBDUKTION", "RATTSMEDICINSK_BESIKTNING")
MAX_TERMINAL, MAX_FOLJD, MAX_BIDRAGANDE = 120, 80, 55
MAX_FOLJD_ROWS, MAX_BIDRAGANDE_ROWS, MAX_GRUNDER = 3, 8, 5
MAX_OPERATION_REASON, MAX_INJURY_TEXT, MAX_LAND = 31, 150, 24
OPERATION_DAYS = 28
OPERATED = "when operation is JA"
INJURED = "when forgiftning is yes (a death from an injury or poisoning)"
COPIED_FROM_DB = ("identitet_styrkt", "dodsdatum_sakert", "dodsdatum", "antraffat_dod_datum",
                  "dodsplats_kommun", "dodsplats_boende", "barn")

QUESTION_IDS: dict[str, str] = {
    **DEATH_QUESTION_IDS,
    "terminalDodsorsak": "8.1", "foljd": "9", "bidragandeSjukdomar": "10.1",
    "operation": "11.1", "operationDatum": "11.2", "operationAnledning": "11.3",
    "forgiftning": "12.1", "forgiftningOrsak": "12.2", "forgiftningDatum": "12.3",
    "forgiftningUppkommelse": "12.4", "grunder": "13.1", "land": "14.1",
}


class Dodsorsak(BaseModel):
    """One cause: a description, the date it began (debut) and how it came on."""

    model_config = CAMEL_CONTENT_CONFIG

    beskrivning: Annotated[str | None, Limit(MAX_TERMINAL)] = None
    datum: str | None = None
    specifikation: str | None = None

    def is_empty(self) -> bool:
        return not any(has_text(v) for v in (self.beskrivning, self.datum, self.specifikation))


class DoiContent(DeathContent):
    """The answers of a DOI, by their national (camelCase) names."""

    terminal_dodsorsak: Dodsorsak | None = None
    foljd: Annotated[list[Dodsorsak] | None, Limit(MAX_FOLJD_ROWS)] = None
    bidragande_sjukdomar: Annotated[list[Dodsorsak] | None, Limit(MAX_BIDRAGANDE_ROWS)] = None
    operation: str | None = None
    operation_datum: IsoDate = None
    operation_anledning: Annotated[str | None, Limit(MAX_OPERATION_REASON)] = None
    forgiftning: bool | None = None
    forgiftning_orsak: str | None = None
    forgiftning_datum: IsoDate = None
    forgiftning_uppkommelse: Annotated[str | None, Limit(MAX_INJURY_TEXT)] = None
    grunder: Annotated[list[str] | None, Limit(MAX_GRUNDER)] = None
    land: Annotated[str | None, Limit(MAX_LAND)] = None


def validate_doi(
    content: DoiContent, today: date, care_unit: CareUnit, *, birth_date: date | None = None
) -> list[ValidationIssue]:
    """Every failing rule of TYPES.md §11, in the order of the form; empty when complete.
    ``birth_date`` (from the personnummer) enables the checks against the birth date."""
    dates = death_dates(content)
    return [
        *check_death_questions(content, today, birth_date),
        *_check_terminal(content.terminal_dodsorsak or Dodsorsak(), dates, today),
        *_check_chain(content, today),
        *_check_contributing(content.bidragande_sjukdomar or [], dates),
        *_check_operation(content, dates, birth_date),
        *_check_injury(content, dates),
        *check_code_list(content.grunder, GRUNDER, question_id="13.1", field="grunder",
                         required=True, max_count=MAX_GRUNDER),
        *check_plain_text(content.land, "14.1", "land", max_length=MAX_LAND),
        *check_care_unit(care_unit),
    ]


def _check_cause(
    cause: Dodsorsak, question_id: str, path: str, max_length: int
) -> tuple[list[ValidationIssue], date | None]:
    """A cause's text (required), specifikation and date, all reported on the cause's
    question; with the date when it is a real one."""
    issues = [
        *check_plain_text(cause.beskrivning, question_id, f"{path}.beskrivning",
                          required=True, max_length=max_length),
        *check_choice(cause.specifikation, SPECIFIKATION, question_id, f"{path}.specifikation",
                      required=False),
    ]
    began = parse_date(cause.datum)
    if cause.datum is not None and began is None:
        issues.append(issue(question_id, f"{path}.datum", IssueCode.INVALID_FORMAT,
                            f"{cause.datum!r} is not a real date (yyyy-MM-dd)."))
    return issues, began


def _check_terminal(terminal: Dodsorsak, dates: DeathDates, today: date) -> list[ValidationIssue]:
    """8: the terminal cause; R22: its date not after today nor the death (R22-1, R22-2)."""
    issues, began = _check_cause(terminal, "8.1", "terminalDodsorsak", MAX_TERMINAL)
    if began is not None and began > today:
        issues.append(issue("8.1", "terminalDodsorsak.datum", IssueCode.FUTURE_DATE,
                            f"The date {began} must not be after today ({today})."))
    elif began is not None:
        issues += check_not_after_death(began, dates, "8.1", "terminalDodsorsak.datum")
    return issues


def _check_chain(content: DoiContent, today: date) -> list[ValidationIssue]:
    """9 (b, c, d): at most three; each needs its text (9.1.0-9.1.2); R21: each begins no later
    than the cause it led to (b no later than a), or than today when that has no real date."""
    rows = content.foljd or []
    issues: list[ValidationIssue] = []
    if len(rows) > MAX_FOLJD_ROWS:
        issues.append(issue("9", "foljd", IssueCode.TOO_MANY,
                            f"At most {MAX_FOLJD_ROWS} causes b-d; {len(rows)} were given."))
    led_to = parse_date((content.terminal_dodsorsak or Dodsorsak()).datum)
    for index, row in enumerate(rows):
        question_id, path = f"9.1.{index}", f"foljd[{index}].datum"
        found, began = _check_cause(row, question_id, f"foljd[{index}]", MAX_FOLJD)
        if began is not None and led_to is not None and began > led_to:
            found.append(issue(question_id, path, IssueCode.INVALID_RANGE,
                               f"A cause cannot begin ({began}) after what it led to ({led_to})."))
        elif began is not None and led_to is None and began > today:
            found.append(issue(question_id, path, IssueCode.FUTURE_DATE,
                               f"The date {began} must not be after today ({today})."))
        issues += found
        led_to = began
    return issues


def _check_contributing(rows: Sequence[Dodsorsak], dates: DeathDates) -> list[ValidationIssue]:
    """10: empty rows ignored, at most eight; each needs a text, its date not after death."""
    filled = [(index, row) for index, row in enumerate(rows) if not row.is_empty()]
    issues: list[ValidationIssue] = []
    if len(filled) > MAX_BIDRAGANDE_ROWS:
        issues.append(issue("10.1", "bidragandeSjukdomar", IssueCode.TOO_MANY,
                            f"At most {MAX_BIDRAGANDE_ROWS} diseases; {len(filled)} were given."))
    for index, row in filled:
        path = f"bidragandeSjukdomar[{index}]"
        found, began = _check_cause(row, "10.1", path, MAX_BIDRAGANDE)
        if began is not None:
            found += check_not_after_death(began, dates, "10.1", f"{path}.datum")
        issues += found
    return issues


def _check_operation(
    content: DoiContent, dates: DeathDates, birth: date | None
) -> list[ValidationIssue]:
    """11.1 required; R13: JA needs the date 11.2 (not after the death, not before birth, at
    most 28 days before a certain death) and the reason 11.3; NEJ/UPPGIFT_SAKNAS forbid both."""
    issues = check_choice(content.operation, OPERATION, "11.1", "operation")
    if content.operation == "JA":
        issues += _check_operation_date(content.operation_datum, dates, birth)
        return issues + check_plain_text(content.operation_anledning, "11.3",
                                         "operationAnledning", required=True,
                                         max_length=MAX_OPERATION_REASON, condition=OPERATED)
    for question_id, field, value in (("11.2", "operationDatum", content.operation_datum),
                                      ("11.3", "operationAnledning",
                                       content.operation_anledning)):
        if content.operation is not None and value is not None:
            issues.append(issue(question_id, field, IssueCode.INCORRECT_COMBINATION,
                                f"{field} is only given when the patient was operated on."))
    return issues


def _check_operation_date(
    raw: str | None, dates: DeathDates, birth: date | None
) -> list[ValidationIssue]:
    if raw is None:
        return check_answered(None, "11.2", "operationDatum", OPERATED)
    operated = parse_date(raw)
    if operated is None:
        return [issue("11.2", "operationDatum", IssueCode.INVALID_FORMAT,
                      f"{raw!r} is not a real date (yyyy-MM-dd).")]
    if birth is not None and operated < birth:
        return [issue("11.2", "operationDatum", IssueCode.BEFORE_BIRTH,
                      f"The date {raw} is before the patient was born.")]
    issues = check_not_after_death(operated, dates, "11.2", "operationDatum")
    if dates.death is not None and dates.death > operated + timedelta(days=OPERATION_DAYS):
        issues.append(issue("11.2", "operationDatum", IssueCode.INVALID_RANGE,
                            "The operation must be within four weeks before the death."))
    return issues


def _check_injury(content: DoiContent, dates: DeathDates) -> list[ValidationIssue]:
    """12.1 required; yes needs the cause 12.2 (R14), the date 12.3 (R16) and how it came
    about 12.4 (R17); no forbids all three."""
    if content.forgiftning is None:
        return check_answered(None, "12.1", "forgiftning")
    if not content.forgiftning:
        given = (("12.2", "forgiftningOrsak", content.forgiftning_orsak),
                 ("12.3", "forgiftningDatum", content.forgiftning_datum),
                 ("12.4", "forgiftningUppkommelse", content.forgiftning_uppkommelse))
        return [issue(question_id, field, IssueCode.FORBIDDEN,
                      f"{field} is only given for a death from an injury or poisoning.")
                for question_id, field, value in given if value is not None]
    return [
        *check_choice(content.forgiftning_orsak, FORGIFTNING_ORSAK, "12.2", "forgiftningOrsak",
                      condition=INJURED),
        *_check_injury_date(content.forgiftning_datum, dates),
        *check_plain_text(content.forgiftning_uppkommelse, "12.4", "forgiftningUppkommelse",
                          required=True, max_length=MAX_INJURY_TEXT, condition=INJURED),
    ]


def _check_injury_date(raw: str | None, dates: DeathDates) -> list[ValidationIssue]:
    if raw is None:
        return check_answered(None, "12.3", "forgiftningDatum", INJURED)
    injured = parse_date(raw)
    if injured is None:
        return [issue("12.3", "forgiftningDatum", IssueCode.INVALID_FORMAT,
                      f"{raw!r} is not a real date (yyyy-MM-dd).")]
    return check_not_after_death(injured, dates, "12.3", "forgiftningDatum")


def from_db(db: DbContent) -> DoiContent:
    """A DOI draft from a signed DB of the same patient: identity, date of death (certain or
    not, and anträffad död), place of death and child are copied (TYPES.md §11)."""
    return DoiContent.model_validate(db.model_dump(include=set(COPIED_FROM_DB)))
