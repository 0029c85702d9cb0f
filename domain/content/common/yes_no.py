"""Rules shared by the certificates outside the FK 7804 family that ask yes/no questions with a
following description and give dates as a ``from``/``tom`` period: AF00213, AF00251 (both to
Arbetsförmedlingen) and AG1-14 (TYPES.md §5, §12, §13).

Every check returns the issues it finds (empty when the answer is fine), so a validator can
report every failure at once. A period here is ``domain.content.common.answers.Period``:
two ISO dates, inclusive.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import combinations

from domain.content.common.answers import Period, parse_date
from domain.content.common.checks import check_answered, check_plain_text, issue, reason
from domain.shared.validation import IssueCode, ValidationIssue

DatedPeriod = tuple[str, date, date]
"""(field path of a period, from, tom) of a period with real dates and ``from`` <= ``tom``."""


def check_yes_with_text(
    answer: bool | None,
    text: str | None,
    *,
    question_id: str,
    field: str,
    text_question_id: str,
    text_field: str,
    max_length: int | None = None,
    condition: str = "",
) -> list[ValidationIssue]:
    """A yes/no that must be answered (MISSING on ``question_id``; ``condition``: when, if it is
    asked only given another answer) and the description that a yes asks for (on
    ``text_question_id``: MISSING when not given, BLANK when only whitespace). A description
    beside a no is left alone, as the national validators do; its length is still checked."""
    return [
        *check_answered(answer, question_id, field, condition),
        *check_plain_text(text, text_question_id, text_field, required=answer is True,
                          max_length=max_length, condition=f"when {field} is yes"),
    ]


def check_int_range(
    value: int | None, low: int, high: int, question_id: str, field: str, condition: str = ""
) -> list[ValidationIssue]:
    """A required whole number within ``low``-``high`` (inclusive): MISSING (``condition``: when,
    if not always) or INVALID_VALUE."""
    if value is None:
        return check_answered(value, question_id, field, condition)
    if not low <= value <= high:
        return [issue(question_id, field, IssueCode.INVALID_VALUE,
                      f"{field} is {low}-{high}; {value} is not.")]
    return []


def check_period(
    period: Period | None, question_id: str, field: str, condition: str = ""
) -> list[ValidationIssue]:
    """A required period (``condition``: when, if not always): both dates given and real
    (yyyy-MM-dd, year 1xxx/2xxx), and ``from`` not after ``tom`` (INVALID_RANGE on the period
    itself). Dates may lie in the future."""
    if period is None:
        return [issue(question_id, field, IssueCode.MISSING,
                      f"The period must be given{reason(condition)}.")]
    issues = [
        *_check_real_date(period.from_, question_id, f"{field}.from"),
        *_check_real_date(period.tom, question_id, f"{field}.tom"),
    ]
    start, end = parse_date(period.from_), parse_date(period.tom)
    if start is not None and end is not None and start > end:
        issues.append(issue(question_id, field, IssueCode.INVALID_RANGE,
                            f"The period starts ({start}) after it ends ({end})."))
    return issues


def _check_real_date(raw: str | None, question_id: str, field: str) -> list[ValidationIssue]:
    if raw is None:
        return check_answered(raw, question_id, field)
    if parse_date(raw) is None:
        return [issue(question_id, field, IssueCode.INVALID_FORMAT,
                      f"{raw!r} is not a real date (yyyy-MM-dd).")]
    return []


def period_dates(period: Period | None) -> tuple[date, date] | None:
    """(from, tom) of a period with two real dates and ``from`` <= ``tom``; else None."""
    if period is None:
        return None
    start, end = parse_date(period.from_), parse_date(period.tom)
    if start is None or end is None or start > end:
        return None
    return start, end


def period_days(period: Period | None) -> int | None:
    """``tom`` minus ``from`` in days for a sound period; None when it is not one."""
    dates = period_dates(period)
    return (dates[1] - dates[0]).days if dates is not None else None


def check_overlaps(periods: Sequence[DatedPeriod], question_id: str) -> list[ValidationIssue]:
    """OVERLAP once for every period that shares a day with another: on its ``from`` when it
    begins inside the other period (or on the same day), else on its ``tom``."""
    sides: dict[str, str] = {}
    for first, second in combinations(periods, 2):
        if first[1] > second[2] or second[1] > first[2]:
            continue
        for this, other in ((first, second), (second, first)):
            sides.setdefault(this[0], "from" if this[1] >= other[1] else "tom")
    return [issue(question_id, f"{path}.{side}", IssueCode.OVERLAP,
                  "The period overlaps another period.")
            for path, side in sides.items()]
