"""Question 1, grund för medicinskt underlag (what the certificate is based on), for the FK 7804
family.

Each basis is a type (1.1) and a date (1.2); ANNAT also needs a description (1.3). Up to four
bases, each type at most once, dates real and not after today.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from domain.content.common.answers import GrundForMU, GrundForMUTyp, has_text, parse_date
from domain.content.common.checks import check_text, issue, reason
from domain.shared.validation import IssueCode, ValidationIssue

QUESTION = "1"
DESCRIPTION_QUESTION = "1.3"
MAX_BASES = 4
MAX_MOTIVATION = 150
_TYPES = tuple(GrundForMUTyp)


def check_grund(
    rows: Sequence[GrundForMU] | None,
    today: date,
    *,
    required: bool,
    question_id: str = QUESTION,
    description_question_id: str = DESCRIPTION_QUESTION,
    allowed: Sequence[str] = _TYPES,
    condition: str = "",
) -> list[ValidationIssue]:
    """All rules of question 1, with the bases ``allowed`` (KV_FKMU_0001's v1 subset unless
    a model version says otherwise). Every fault of a description (missing with ANNAT, given with
    another basis, blank) is reported on the description's own id, 1.3. AG1-14 asks this as
    question 10: ``question_id`` (1) is then 10 and ``description_question_id`` 10.3."""
    if not rows:
        if not required:
            return []
        return [issue(question_id, "grundForMU", IssueCode.MISSING,
                      "State what the certificate is based on (at least one basis)"
                      f"{reason(condition)}.")]
    issues: list[ValidationIssue] = []
    if len(rows) > MAX_BASES:
        issues.append(issue(question_id, "grundForMU", IssueCode.TOO_MANY,
                            f"At most {MAX_BASES} bases are allowed; {len(rows)} were given."))
    seen: set[str] = set()
    for index, row in enumerate(rows):
        path = f"grundForMU[{index}]"
        issues += _check_type(row.typ, seen, path, question_id, allowed)
        issues += _check_date(row.datum, today, path, question_id)
        issues += _check_description(row, path, description_question_id)
    return issues


def _check_type(
    typ: str | None, seen: set[str], path: str, question_id: str = QUESTION,
    allowed: Sequence[str] = _TYPES,
) -> list[ValidationIssue]:
    field = f"{path}.typ"
    if typ is None:
        return [issue(question_id, field, IssueCode.MISSING, "Each basis needs a type.")]
    if typ not in allowed:
        return [issue(question_id, field, IssueCode.INVALID_VALUE,
                      f"{typ!r} is not one of {', '.join(allowed)}.")]
    if typ in seen:
        return [issue(question_id, field, IssueCode.DUPLICATE, f"{typ} is given more than once.")]
    seen.add(typ)
    return []


def _check_date(
    raw: str | None, today: date, path: str, question_id: str = QUESTION
) -> list[ValidationIssue]:
    field = f"{path}.datum"
    if raw is None:
        return [issue(question_id, field, IssueCode.MISSING, "Each basis needs a date.")]
    found = parse_date(raw)
    if found is None:
        return [issue(question_id, field, IssueCode.INVALID_FORMAT,
                      f"{raw!r} is not a real date (yyyy-MM-dd).")]
    if found > today:
        return [issue(question_id, field, IssueCode.FUTURE_DATE,
                      f"The date {raw} of a basis must not be after today ({today}).")]
    return []


def _check_description(
    row: GrundForMU, path: str, description_question_id: str = DESCRIPTION_QUESTION,
) -> list[ValidationIssue]:
    field = f"{path}.beskrivning"
    if row.typ == GrundForMUTyp.ANNAT:
        return check_text(row.beskrivning, description_question_id, field, required=True,
                          condition="when the basis is ANNAT")
    if has_text(row.beskrivning):
        return [issue(description_question_id, field, IssueCode.FORBIDDEN,
                      "A description is only given for the basis ANNAT.")]
    return check_text(row.beskrivning, description_question_id, field)


def check_not_examined_motivation(
    rows: Sequence[GrundForMU] | None, motivation: str | None, field: str
) -> list[ValidationIssue]:
    """Motivering till inte baserat på undersökning (LISJP, reported on question 1).

    Required, as in Webcert, when there is a basis but none is an examination (UNDERSOKNING);
    refused when there was an examination, since the question is then never asked. Like every
    answered question it stays subject to this under smittskydd: the bases given must be
    explained even when they were not required.
    """
    types = {row.typ for row in rows or () if row.typ in _TYPES}
    examined = GrundForMUTyp.UNDERSOKNING in types
    if examined and has_text(motivation):
        return [issue(QUESTION, field, IssueCode.FORBIDDEN,
                      "No motivation is given when the patient was examined.")]
    needed = bool(types) and not examined
    return check_text(motivation, QUESTION, field, required=needed, max_length=MAX_MOTIVATION,
                      condition="when no basis is an examination (UNDERSOKNING)")
