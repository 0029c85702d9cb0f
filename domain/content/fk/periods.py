"""Question 32, the sick-leave periods (sjukskrivningar), and question 33, arbetstidsförläggning
(spreading the working hours differently), for the FK 7804 family.

A period is valid when it has a known degree and real ``from`` <= ``tom`` dates; only valid periods
feed sick-leave cases (Rehabstöd), statistics and the renewal's "last period".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from domain.content.common.answers import Sjukskrivning, Sjukskrivningsgrad, has_text, parse_date
from domain.content.common.checks import check_text, issue
from domain.shared.validation import IssueCode, ValidationIssue

QUESTION = "32"
HOURS_QUESTION = "33"
HOURS_MOTIVATION_QUESTION = "33.2"
MAX_PERIODS = 4
EARLY_START_DAYS = 7
MAX_MOTIVATION = 150
_DEGREES = tuple(Sjukskrivningsgrad)
_PARTIAL = frozenset({Sjukskrivningsgrad.TRE_FJARDEDEL, Sjukskrivningsgrad.HALFTEN,
                      Sjukskrivningsgrad.EN_FJARDEDEL})

DatedRow = tuple[int, date, date]


def check_periods(rows: Sequence[Sjukskrivning] | None) -> list[ValidationIssue]:
    """1-4 periods, each a known degree once and a real ``from`` <= ``tom``, none overlapping."""
    if not rows:
        return [issue(QUESTION, "sjukskrivningar", IssueCode.MISSING,
                      "At least one sick-leave period is needed.")]
    issues: list[ValidationIssue] = []
    if len(rows) > MAX_PERIODS:
        issues.append(issue(QUESTION, "sjukskrivningar", IssueCode.TOO_MANY,
                            f"At most {MAX_PERIODS} periods are allowed; {len(rows)} were given."))
    seen: set[str] = set()
    for index, row in enumerate(rows):
        issues += _check_degree(row.sjukskrivningsgrad, seen, f"sjukskrivningar[{index}]")
        issues += _check_range(row, f"sjukskrivningar[{index}].period")
    return issues + _check_overlaps(dated_rows(rows))


def _check_degree(degree: str | None, seen: set[str], path: str) -> list[ValidationIssue]:
    field = f"{path}.sjukskrivningsgrad"
    if degree is None:
        return [issue(QUESTION, field, IssueCode.MISSING, "Each period needs a degree.")]
    if degree not in _DEGREES:
        return [issue(QUESTION, field, IssueCode.INVALID_VALUE,
                      f"{degree!r} is not one of {', '.join(_DEGREES)}.")]
    if degree in seen:
        return [issue(QUESTION, field, IssueCode.DUPLICATE,
                      f"The degree {degree} may be used for one period only.")]
    seen.add(degree)
    return []


def _check_range(row: Sjukskrivning, path: str) -> list[ValidationIssue]:
    if row.period is None:
        return [issue(QUESTION, path, IssueCode.MISSING, "Each period needs a date range.")]
    issues = _check_date(row.period.from_, f"{path}.from") + _check_date(row.period.tom,
                                                                          f"{path}.tom")
    start, end = parse_date(row.period.from_), parse_date(row.period.tom)
    if start is not None and end is not None and start > end:
        issues.append(issue(QUESTION, path, IssueCode.INVALID_RANGE,
                            f"The period starts ({start}) after it ends ({end})."))
    return issues


def _check_date(raw: str | None, field: str) -> list[ValidationIssue]:
    if raw is None:
        return [issue(QUESTION, field, IssueCode.MISSING, "The period needs this date.")]
    if parse_date(raw) is None:
        return [issue(QUESTION, field, IssueCode.INVALID_FORMAT,
                      f"{raw!r} is not a real date (yyyy-MM-dd).")]
    return []


def _check_overlaps(dated: list[DatedRow]) -> list[ValidationIssue]:
    """One issue per period that overlaps another: on its ``from`` when it starts inside the
    other, else on its ``tom``."""
    issues: list[ValidationIssue] = []
    for index, start, end in dated:
        other = next((o for o in dated if o[0] != index and start <= o[2] and o[1] <= end), None)
        if other is None:
            continue
        side = "from" if start >= other[1] else "tom"
        issues.append(issue(QUESTION, f"sjukskrivningar[{index}].period.{side}", IssueCode.OVERLAP,
                            f"Period {index + 1} overlaps period {other[0] + 1}."))
    return issues


def dated_rows(rows: Sequence[Sjukskrivning] | None) -> list[DatedRow]:
    """(index, from, tom) of every row with real dates and ``from`` <= ``tom``."""
    dated: list[DatedRow] = []
    for index, row in enumerate(rows or ()):
        if row.period is None:
            continue
        start, end = parse_date(row.period.from_), parse_date(row.period.tom)
        if start is not None and end is not None and start <= end:
            dated.append((index, start, end))
    return dated


def valid_periods(rows: Sequence[Sjukskrivning] | None) -> list[tuple[str, date, date]]:
    """(degree, from, tom) of the valid periods, in the order written."""
    listed = list(rows or ())
    return [
        (str(listed[index].sjukskrivningsgrad), start, end)
        for index, start, end in dated_rows(listed)
        if listed[index].sjukskrivningsgrad in _DEGREES
    ]


def latest_period(rows: Sequence[Sjukskrivning] | None) -> tuple[date, str] | None:
    """The latest end date of a valid period and that period's degree."""
    found = valid_periods(rows)
    if not found:
        return None
    degree, _, end = max(found, key=lambda period: (period[2], period[1]))
    return end, degree


def check_early_start(
    rows: Sequence[Sjukskrivning] | None, motivation: str | None, today: date, field: str
) -> list[ValidationIssue]:
    """Motivering till tidigt startdatum (LISJP, reported on question 32): needed when the
    earliest period starts 7 or more days before today, refused when no period does. Periods
    without a real start date cannot tell, so then the motivation is only length-checked."""
    starts = [start for start in (_start(row) for row in rows or ()) if start is not None]
    needed = bool(starts) and (today - min(starts)).days >= EARLY_START_DAYS
    if starts and not needed and has_text(motivation):
        return [issue(QUESTION, field, IssueCode.FORBIDDEN,
                      f"A motivation is only given when a period starts {EARLY_START_DAYS} or "
                      "more days before today.")]
    return check_text(motivation, QUESTION, field, required=needed, max_length=MAX_MOTIVATION,
                      condition=f"when the sick leave starts {EARLY_START_DAYS} or more days "
                                "before today (the first period's start)")


def _start(row: Sjukskrivning) -> date | None:
    return parse_date(row.period.from_) if row.period is not None else None


def check_working_hours(
    rows: Sequence[Sjukskrivning] | None, answer: bool | None, motivation: str | None,
    *, smittskydd: bool,
) -> list[ValidationIssue]:
    """Question 33 (R13-R16). Required when any period is 25/50/75 % (not under smittskydd); a
    100 % period forbids both parts, unless a partial period makes the question required: a
    100 % then 50 % leave still needs the answer for the 50 % part (as Webcert does). Each
    fault is on the id of the answer at fault: the answer's on 33, the motivation's (missing,
    forbidden or blank) on 33.2."""
    degrees = {row.sjukskrivningsgrad for row in rows or ()}
    required = not smittskydd and bool(degrees & _PARTIAL)
    motivation_field = "arbetstidsforlaggningMotivering"
    if required and answer is None:
        return [issue(HOURS_QUESTION, "arbetstidsforlaggning", IssueCode.MISSING,
                      "State whether a different spread of working hours would help: needed when "
                      "a period is 25, 50 or 75 % (not under smittskydd).")]
    if not required and Sjukskrivningsgrad.HELT_NEDSATT in degrees and (
            answer is not None or has_text(motivation)):
        at_fault = ((HOURS_QUESTION, "arbetstidsforlaggning") if answer is not None
                    else (HOURS_MOTIVATION_QUESTION, motivation_field))
        return [issue(*at_fault, IssueCode.FORBIDDEN,
                      "Arbetstidsförläggning is not answered when a period is 100 %.")]
    if answer is not True and has_text(motivation):
        return [issue(HOURS_MOTIVATION_QUESTION, motivation_field, IssueCode.FORBIDDEN,
                      "A motivation is only given when arbetstidsförläggning is true.")]
    return check_text(motivation, HOURS_MOTIVATION_QUESTION, motivation_field,
                      required=answer is True, condition="when arbetstidsforlaggning is true")
