"""Shared helpers of the content-validation tests: edit an answer, read what was reported."""

from __future__ import annotations

import copy
from typing import Any

from domain.shared.validation import IssueCode, ValidationIssue


def answered(raw: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of ``raw`` with the answer at a dotted path replaced (None removes it)."""
    result = copy.deepcopy(raw)
    *parents, leaf = path.split(".")
    node = result
    for part in parents:
        node = node.setdefault(part, {})
    if value is None:
        node.pop(leaf, None)
    else:
        node[leaf] = value
    return result


def only(issues: list[ValidationIssue]) -> tuple[str, str, IssueCode]:
    assert len(issues) == 1, issues
    return issues[0].question_id, issues[0].field, issues[0].code


def reported(issues: list[ValidationIssue]) -> set[tuple[str, str, IssueCode]]:
    return {(i.question_id, i.field, i.code) for i in issues}


def reported_codes(issues: list[ValidationIssue]) -> set[tuple[str, IssueCode]]:
    """What was reported, as (question id, code) pairs."""
    return {(i.question_id, i.code) for i in issues}
