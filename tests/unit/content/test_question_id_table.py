"""One rule for question ids (issue 17): every validation issue names the national (sub-)question
of the answer its field path names, whatever the fault, and whitespace-only text is BLANK whether
the text is required or optional.

The mapping itself, per type and rule, is the table in ``question_id_table``; these tests break
each rule and check the id, check that no issue of any type lands on a question its
``QUESTION_IDS`` does not place the field on, and pin the four LISJP cases of the issue.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

import pytest

from domain.content import registry
from domain.shared.validation import IssueCode, ValidationIssue
from tests.factories.content import (
    CARE_UNIT,
    DEATH_CARE_UNIT,
    maximal_ag114_v1,
    maximal_lisjp,
    minimal_ag114_v1,
)
from tests.type_examples import MAXIMAL, MINIMAL, TODAY
from tests.unit.content.issue_helpers import answered, reported
from tests.unit.content.question_id_table import (
    EXAMINED,
    NESTED_QUESTIONS,
    NO_RULE,
    PARTIAL,
    TABLE,
    Change,
    Expected,
)


def _validate(kind: str, raw: dict[str, Any], version: int | None = None
              ) -> list[ValidationIssue]:
    unit = DEATH_CARE_UNIT if kind in ("db", "doi") else CARE_UNIT
    return registry.validate(kind, raw, TODAY.date(), unit, "191212121212", version)


def _broken(kind: str, changes: list[Change]) -> dict[str, Any]:
    raw = MINIMAL[kind]()
    for path, value in changes:
        raw = answered(raw, path, value)
    return raw


@pytest.mark.parametrize(("kind", "rule", "changes", "expected"), TABLE,
                         ids=[f"{kind}: {rule}" for kind, rule, _, _ in TABLE])
def test_each_rule_reports_on_its_national_question_when_broken(
    kind: str, rule: str, changes: list[Change], expected: Expected
) -> None:
    """TYPES.md, DOMAIN.md §3: the rule, broken, is reported on its (sub-)question id."""
    assert _validate(kind, MINIMAL[kind]()) == []
    assert expected in reported(_validate(kind, _broken(kind, changes)))


@pytest.mark.parametrize("kind", sorted(registry.CONTENT_SPECS))
def test_the_table_lists_every_answer_when_a_rule_can_break_it(kind: str) -> None:
    """Every answer of every draftable type has a row, unless no rule can break it alone."""
    listed = {re.split(r"[.\[]", field)[0] for name, _, _, (_, field, _) in TABLE if name == kind}
    answers = set(registry.CONTENT_SPECS[kind].question_ids)
    assert answers - listed == NO_RULE.get(kind, set())


def _placed(kind: str, field: str, question_id: str, version: int | None = None) -> bool:
    """Whether ``question_id`` is the id of the answer ``field`` names: the type's map in that
    version (or a sub-question of it), or, for an answer inside a group, the group's nested id."""
    path = re.sub(r"\[\d+\]", "", field)
    nested = [key for key in NESTED_QUESTIONS.get(kind, {})
              if path == key or path.startswith(key + ".")]
    if nested:
        placed: str | None = NESTED_QUESTIONS[kind][max(nested, key=len)]
    else:
        placed = registry.spec_for(kind, version).question_ids.get(path.split(".")[0])
    return placed is not None and (question_id == placed or question_id.startswith(placed + "."))


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _leaves(value, (*path, index))
    else:
        yield path, node


def _edits(raw: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """``raw`` with one answer at a time left out, blanked, made too long, wrong or flipped."""
    for path, value in _leaves(raw):
        tries: list[Any] = [...]
        if isinstance(value, str):
            tries += ["  ", "x" * 5000, "ZZZ", "2099-01-01"]
        if isinstance(value, bool):
            tries.append(not value)
        for replacement in tries:
            edited = copy.deepcopy(raw)
            node = edited
            for part in path[:-1]:
                node = node[part]
            if replacement is ...:
                del node[path[-1]]
            else:
                node[path[-1]] = replacement
            yield edited


@pytest.mark.parametrize("kind", sorted(registry.CONTENT_SPECS))
def test_issues_land_on_the_question_of_their_answer_when_any_answer_is_broken(
    kind: str,
) -> None:
    """Issue 17, one rule for question ids: in every type, each issue reported for an empty, a
    minimal, a maximal or a one-answer-broken content (and every row of the table) is on the id
    its answer has."""
    bases = [{}, MINIMAL[kind](), *([MAXIMAL[kind]()] if kind in MAXIMAL else []),
             *([maximal_lisjp()] if kind == "lisjp" else [])]
    contents = [*(raw for base in bases for raw in [base, *_edits(base)]),
                *(_broken(kind, changes) for name, _, changes, _ in TABLE if name == kind)]
    misplaced = {(issue.question_id, issue.field, issue.code)
                 for raw in contents for issue in _validate(kind, raw)
                 if not _placed(kind, issue.field, issue.question_id)}
    assert misplaced == set()


def test_issues_land_on_the_question_of_their_answer_when_ag114_v1_is_broken() -> None:
    """Issue 17: AG1-14 version 1, still validated for the certificates written in it, follows
    the same rule with its own question map (sysselsättning 1, nuvarande arbete 2)."""
    contents = [raw for base in ({}, minimal_ag114_v1(), maximal_ag114_v1())
                for raw in [base, *_edits(base)]]
    misplaced = {(issue.question_id, issue.field, issue.code)
                 for raw in contents for issue in _validate("ag114", raw, 1)
                 if not _placed("ag114", issue.field, issue.question_id, 1)}
    assert misplaced == set()


# --- the four LISJP cases of issue 17 -------------------------------------------------------
def _lisjp(changes: list[Change]) -> set[tuple[str, str, IssueCode]]:
    return reported(_validate("lisjp", _broken("lisjp", changes)))


def test_current_work_reported_on_29_when_occupation_is_not_nuvarande_arbete() -> None:
    """DOMAIN.md §3 q29 (issue 17): nuvarandeArbete is forbidden without NUVARANDE_ARBETE, on
    29, where the answer is, not on 28."""
    assert _lisjp([("sysselsattning", ["ARBETSSOKANDE"])]) == {
        ("29", "nuvarandeArbete", IssueCode.FORBIDDEN)}


def test_grund_description_reported_on_1_3_when_basis_is_undersokning() -> None:
    """DOMAIN.md §3 q1 (issue 17): a description on a basis other than ANNAT is on 1.3."""
    changes = [("grundForMU", [{**EXAMINED, "beskrivning": "Besök"}])]
    assert _lisjp(changes) == {("1.3", "grundForMU[0].beskrivning", IssueCode.FORBIDDEN)}


def test_working_hours_motivation_on_33_2_when_missing_or_forbidden() -> None:
    """DOMAIN.md §3 q33 (issue 17): a missing and a forbidden motivation share one id, the
    motivation's own (33.2)."""
    missing = _lisjp([("sjukskrivningar", PARTIAL), ("arbetstidsforlaggning", True)])
    forbidden = _lisjp([("sjukskrivningar", PARTIAL), ("arbetstidsforlaggning", False),
                        ("arbetstidsforlaggningMotivering", "Förmiddagar.")])
    assert missing == {("33.2", "arbetstidsforlaggningMotivering", IssueCode.MISSING)}
    assert forbidden == {("33.2", "arbetstidsforlaggningMotivering", IssueCode.FORBIDDEN)}


def test_whitespace_only_text_is_blank_when_required_or_optional() -> None:
    """DOMAIN.md §3 (issue 17): whitespace-only is one code, BLANK, for the required
    funktionsnedsättning (35) and the optional övrigt (25) alike."""
    assert _lisjp([("funktionsnedsattning", " \n"), ("ovrigt", "  ")]) == {
        ("35", "funktionsnedsattning", IssueCode.BLANK), ("25", "ovrigt", IssueCode.BLANK)}
