"""Checks written once for every form family: free texts, code lists, the contact question,
answered questions, choices, past dates and the issuing care unit (TYPES.md §0).

Every check returns the issues it finds (empty when the answer is fine) so that a validator can
report every failure at once.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from datetime import date

from domain.content.common.answers import has_text, parse_date
from domain.shared.care import CareUnit
from domain.shared.validation import IssueCode, ValidationIssue

_POSTAL_CODE = re.compile(r"^\d{3}\s?\d{2}$")
CARE_UNIT_QUESTION = "vardenhet"


def issue(question_id: str, field: str, code: IssueCode, message: str) -> ValidationIssue:
    return ValidationIssue(question_id=question_id, field=field, code=code, message=message)


def missing(question_id: str, field: str, need: str, condition: str = "") -> ValidationIssue:
    """MISSING, saying why: ``need`` ("must be filled in") and, for an answer that is required
    only given another one, the ``condition`` ("when ...", "unless ...")."""
    return issue(question_id, field, IssueCode.MISSING, f"{field} {need}{reason(condition)}.")


def blank(question_id: str, field: str) -> ValidationIssue:
    """BLANK: a text that was given but is empty or holds nothing but whitespace. One code
    whether the text is required or optional: the fault is in what was sent (a client clears or
    fills the field), while MISSING always means "not answered" and so lists the questions left
    open."""
    return issue(question_id, field, IssueCode.BLANK,
                 f"{field} must not be empty or only whitespace.")


def reason(condition: str) -> str:
    """`` <condition>`` to end a message with, or nothing for a rule that always holds."""
    return f" {condition}" if condition else ""


def check_text(
    value: str | None,
    question_id: str,
    field: str,
    *,
    required: bool = False,
    max_length: int | None = None,
    condition: str = "",
) -> list[ValidationIssue]:
    """A free text: MISSING when required and not given, BLANK when given but only whitespace
    (required or not: see ``blank``), TOO_LONG over ``max_length``. Each text field goes through
    here exactly once. ``condition`` says when a text that is not always asked for is required
    (in every conditional rule)."""
    if value is None:
        return [missing(question_id, field, "must be filled in", condition)] if required else []
    if not has_text(value):
        return [blank(question_id, field)]
    if max_length is not None and len(value) > max_length:
        return [issue(question_id, field, IssueCode.TOO_LONG,
                      f"{field} is {len(value)} characters; at most {max_length} are allowed.")]
    return []


def check_code_list(
    codes: Sequence[str] | None,
    allowed: Collection[str],
    *,
    question_id: str,
    field: str,
    required: bool,
    max_count: int,
    condition: str = "",
) -> list[ValidationIssue]:
    """A multiple choice: answered when required (``condition``: when, if not always), at most
    ``max_count``, known codes, no code twice."""
    if not codes:
        if not required:
            return []
        return [missing(question_id, field, "needs at least one value", condition)]
    issues: list[ValidationIssue] = []
    if len(codes) > max_count:
        issues.append(issue(question_id, field, IssueCode.TOO_MANY,
                            f"{field} has {len(codes)} values; at most {max_count} are allowed."))
    seen: set[str] = set()
    for index, code in enumerate(codes):
        path = f"{field}[{index}]"
        if code not in allowed:
            issues.append(issue(question_id, path, IssueCode.INVALID_VALUE,
                                f"{code!r} is not one of {', '.join(sorted(allowed))}."))
        elif code in seen:
            issues.append(issue(question_id, path, IssueCode.DUPLICATE,
                                f"{code} is given more than once."))
        seen.add(code)
    return issues


def check_contact(
    wanted: bool | None, reason: str | None, *, reason_question_id: str,
    reason_field: str, max_length: int | None = None, code: IssueCode = IssueCode.FORBIDDEN,
    only_refused_by_no: bool = False,
) -> list[ValidationIssue]:
    """Contact wish (LISJP 26, AG7804 103, LUSE/LUAE 26): a reason only together with a wish for
    contact, every fault of the reason reported on the reason's own id (26.2, 103.2).

    A reason is refused unless the wish is explicitly true: an unanswered wish with a reason is
    as contradictory as a "no" with one. ``only_refused_by_no`` lets an unanswered wish keep its
    reason (LUAE_FS); ``code`` is the issue code of the refusal, ``max_length`` the reason's
    limit.
    """
    issues = check_text(reason, reason_question_id, reason_field, max_length=max_length)
    refused = wanted is False if only_refused_by_no else wanted is not True
    if has_text(reason) and refused:
        issues.append(issue(reason_question_id, reason_field, code,
                            "A reason for contact is only given when contact is wanted."))
    return issues


def check_care_unit(unit: CareUnit) -> list[ValidationIssue]:
    """R-vårdenhet: the issuing unit needs postal address, postal code, town and phone."""
    required = (
        ("vardenhet.postadress", unit.postal_address),
        ("vardenhet.postnummer", unit.postal_code),
        ("vardenhet.postort", unit.postal_town),
        ("vardenhet.telefonnummer", unit.phone),
    )
    issues = [
        issue(CARE_UNIT_QUESTION, field, IssueCode.MISSING,
              f"The care unit's {field.split('.')[1]} must be registered.")
        for field, value in required
        if not has_text(value)
    ]
    if has_text(unit.postal_code) and not _POSTAL_CODE.match(unit.postal_code.strip()):
        issues.append(issue(CARE_UNIT_QUESTION, "vardenhet.postnummer", IssueCode.INVALID_FORMAT,
                            "The care unit's postal code must be five digits (NNN NN)."))
    return issues


def valid_postal_code(value: str) -> bool:
    """A Swedish postal code, ``NNN NN`` or ``NNNNN`` (StringValidator)."""
    return _POSTAL_CODE.match(value.strip()) is not None


def check_answered(value: object, question_id: str, field: str,
                   condition: str = "") -> list[ValidationIssue]:
    """A required answer (yes/no, a code, a date): MISSING when not given; ``condition`` says
    when it is required if not always."""
    if value is None:
        return [missing(question_id, field, "must be answered", condition)]
    return []


def check_plain_text(
    value: str | None,
    question_id: str,
    field: str,
    *,
    required: bool = False,
    max_length: int | None = None,
    condition: str = "",
) -> list[ValidationIssue]:
    """A free text of a type without the blank-but-present rule (TS, DB, DOI: TYPES.md §0):
    MISSING when required and not given (``condition``: when, if not always), BLANK when required
    and only whitespace (the one code for that, as in ``check_text``), TOO_LONG over
    ``max_length``; an optional text that is only whitespace is let through, as those
    validators do."""
    if required and value is None:
        return [missing(question_id, field, "must be filled in", condition)]
    if required and not has_text(value):
        return [blank(question_id, field)]
    if value is not None and max_length is not None and len(value) > max_length:
        return [issue(question_id, field, IssueCode.TOO_LONG,
                      f"{field} is {len(value)} characters; at most {max_length} are allowed.")]
    return []


def check_choice(
    value: str | None, allowed: Collection[str], question_id: str, field: str,
    *, required: bool = True, condition: str = "",
) -> list[ValidationIssue]:
    """A single choice from a code list: MISSING when required (``condition``: when, if not
    always) and not given, INVALID_VALUE for an unknown code."""
    if value is None:
        return check_answered(value, question_id, field, condition) if required else []
    if value not in allowed:
        return [issue(question_id, field, IssueCode.INVALID_VALUE,
                      f"{value!r} is not one of {', '.join(allowed)}.")]
    return []


def check_past_date(
    raw: str | None, question_id: str, field: str, today: date, birth_date: date | None,
    *, required: bool = True, condition: str = "",
) -> list[ValidationIssue]:
    """A real date, not after today and, when the birth date is known, not before it;
    ``condition`` says when it is required if not always."""
    if raw is None:
        return check_answered(raw, question_id, field, condition) if required else []
    found = parse_date(raw)
    if found is None:
        return [issue(question_id, field, IssueCode.INVALID_FORMAT,
                      f"{raw!r} is not a real date (yyyy-MM-dd).")]
    if found > today:
        return [issue(question_id, field, IssueCode.FUTURE_DATE,
                      f"The date {raw} must not be after today ({today}).")]
    if birth_date is not None and found < birth_date:
        return [issue(question_id, field, IssueCode.BEFORE_BIRTH,
                      f"The date {raw} is before the patient was born.")]
    return []
