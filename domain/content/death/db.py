"""DB – dödsbevis, the death certificate to Skatteverket (TYPES.md §10).

Questions 1-4 and the patient's address are shared with DOI (``domain.content.death.common``); this
module adds 5 (explosive implant), 6 (examination) and 7 (police report). Signing sends it to
Skatteverket at once; a DB is unique across care givers and not renewable.

Question ids where TYPES.md §10 gives none: 5.1, 6.1 and 7.1 when missing.
"""

from __future__ import annotations

from datetime import date, timedelta

from domain.content.common.answers import parse_date
from domain.content.common.checks import (
    check_answered,
    check_care_unit,
    check_choice,
    check_past_date,
    issue,
)
from domain.content.common.protection import IsoDate
from domain.content.death.common import QUESTION_IDS as DEATH_QUESTION_IDS
from domain.content.death.common import (
    DeathContent,
    DeathDates,
    check_death_questions,
    check_not_after_death,
    death_dates,
    is_reasonable,
)
from domain.shared.care import CareUnit
from domain.shared.validation import IssueCode, ValidationIssue

CONTENT_VERSION = 1
JA = "JA"
GJORT_KORT_FORE_DODEN = "UNDERSOKNING_GJORT_KORT_FORE_DODEN"
SKA_GORAS = "UNDERSOKNING_SKA_GORAS"
UNDERSOKNING_YTTRE = (JA, GJORT_KORT_FORE_DODEN, SKA_GORAS)
"""6.1: external examination done (JA), examined shortly before death, or a forensic
examination (rättsmedicinsk undersökning) is to be done."""
MAX_WEEKS_BEFORE_DEATH = 4

QUESTION_IDS: dict[str, str] = {
    **DEATH_QUESTION_IDS,
    "explosivImplantat": "5.1", "explosivAvlagsnat": "5.2", "undersokningYttre": "6.1",
    "undersokningDatum": "6.3", "polisanmalan": "7.1",
}


class DbContent(DeathContent):
    """The answers of a DB, by their national (camelCase) names."""

    explosiv_implantat: bool | None = None
    explosiv_avlagsnat: bool | None = None
    undersokning_yttre: str | None = None
    undersokning_datum: IsoDate = None
    polisanmalan: bool | None = None


def validate_db(
    content: DbContent, today: date, care_unit: CareUnit, *, birth_date: date | None = None
) -> list[ValidationIssue]:
    """Every failing rule of TYPES.md §10, in the order of the form; empty when complete.
    ``birth_date`` (from the personnummer) enables the checks against the birth date."""
    return [
        *check_death_questions(content, today, birth_date),
        *_check_implant(content),
        *_check_examination(content, today, birth_date),
        *_check_police_report(content),
        *check_care_unit(care_unit),
    ]


def _check_implant(content: DbContent) -> list[ValidationIssue]:
    """R5: 5.1 required; yes needs 5.2 (removed?), no forbids it."""
    if content.explosiv_implantat is None:
        return check_answered(None, "5.1", "explosivImplantat")
    if content.explosiv_implantat:
        return check_answered(content.explosiv_avlagsnat, "5.2", "explosivAvlagsnat",
                              "when explosivImplantat is yes")
    if content.explosiv_avlagsnat is not None:
        return [issue("5.2", "explosivAvlagsnat", IssueCode.FORBIDDEN,
                      "Whether the implant was removed is only asked when there is one.")]
    return []


def _check_examination(
    content: DbContent, today: date, birth: date | None
) -> list[ValidationIssue]:
    """R6/R7: 6.1 required; examined shortly before death needs the date 6.3."""
    issues = check_choice(content.undersokning_yttre, UNDERSOKNING_YTTRE, "6.1",
                          "undersokningYttre")
    if content.undersokning_yttre == GJORT_KORT_FORE_DODEN:
        issues += _check_examination_date(content.undersokning_datum, death_dates(content),
                                          today, birth)
    return issues


def _check_examination_date(
    raw: str | None, dates: DeathDates, today: date, birth: date | None
) -> list[ValidationIssue]:
    """6.3: a real, reasonable date not after today nor the death (or the day the patient was
    found), at most four weeks before a certain date of death, not before birth."""
    field = "undersokningDatum"
    issues = check_past_date(raw, "6.3", field, today, birth,
                             condition=f"when undersokningYttre is {GJORT_KORT_FORE_DODEN}")
    examined = parse_date(raw)
    if issues or examined is None:
        return issues
    if not is_reasonable(examined):
        return [issue("6.3", field, IssueCode.INVALID_VALUE,
                      f"The date {raw} is not between 1900 and 2099.")]
    issues = check_not_after_death(examined, dates, "6.3", field)
    weeks = timedelta(weeks=MAX_WEEKS_BEFORE_DEATH)
    if dates.death is not None and examined < dates.death - weeks:
        issues.append(issue("6.3", field, IssueCode.INVALID_RANGE,
                            "The examination must be at most four weeks before the death."))
    return issues


def _check_police_report(content: DbContent) -> list[ValidationIssue]:
    """7.1 required; R19: a forensic examination to be done needs a police report."""
    if content.polisanmalan is None:
        return check_answered(None, "7.1", "polisanmalan")
    if content.undersokning_yttre == SKA_GORAS and not content.polisanmalan:
        return [issue("7.1", "polisanmalan", IssueCode.INCORRECT_COMBINATION,
                      "A forensic examination to be done needs a police report.")]
    return []
