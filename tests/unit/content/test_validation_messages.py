"""A missing answer says why it is missing: a rule that asks for an answer only given another
one names that condition in its message (the question ids and codes stay as they were)."""

from __future__ import annotations

import ast
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from domain.content import registry
from domain.shared.validation import IssueCode
from tests.factories import care_unit, lisjp_content
from tests.factories.content import (
    DEATH_CARE_UNIT,
    maximal_luse,
    minimal_213,
    minimal_1062,
    minimal_ag7804,
    minimal_doi,
)
from tests.type_examples import TODAY
from tests.unit.content.issue_helpers import answered

CONTENT = Path(__file__).resolve().parents[3] / "domain" / "content"
MISSING_HELPERS = {"check_text", "check_plain_text", "check_code_list", "check_choice",
                   "check_past_date", "check_grund", "check_occupation", "check_measures",
                   "check_prognosis", "check_diagnoses"}
DAY = TODAY.date()


def _lisjp(**changes: Any) -> dict[str, Any]:
    return lisjp_content(DAY, **changes)


def _early_start() -> dict[str, Any]:
    start = DAY - timedelta(days=7)
    return _lisjp(sjukskrivningar=[{"sjukskrivningsgrad": "HALFTEN", "period": {
        "from": start.isoformat(), "tom": (start + timedelta(days=13)).isoformat()}}])


# (type, content, question id, field, words of the condition the message must hold)
CONDITIONAL_RULES: list[tuple[str, dict[str, Any], str, str, str]] = [
    ("lisjp", _early_start(), "32", "motiveringTillTidigtStartdatumForSjukskrivning",
     "when the sick leave starts 7 or more days before today"),
    ("lisjp", answered(_lisjp(), "nuvarandeArbete", None), "29", "nuvarandeArbete",
     "when sysselsattning is NUVARANDE_ARBETE"),
    ("lisjp", answered(_lisjp(), "funktionsnedsattning", None), "35", "funktionsnedsattning",
     "unless avstängning enligt smittskyddslagen (27) is chosen"),
    ("lisjp", _lisjp(grundForMU=[{"typ": "TELEFONKONTAKT", "datum": DAY.isoformat()}]), "1",
     "motiveringTillInteBaseratPaUndersokning", "when no basis is an examination"),
    ("lisjp", _lisjp(grundForMU=[{"typ": "ANNAT", "datum": DAY.isoformat()}],
                     motiveringTillInteBaseratPaUndersokning="Telefon"), "1.3",
     "grundForMU[0].beskrivning", "when the basis is ANNAT"),
    ("ag7804", minimal_ag7804(onskarFormedlaDiagnos=True), "6", "diagnoser",
     "when the patient wants the diagnosis passed on (100)"),
    ("luse", answered(maximal_luse(), "diagnosForNyBedomning", None), "45.2",
     "diagnosForNyBedomning", "when nyBedomningDiagnosgrund is yes"),
    ("af00213", minimal_213() | {"harUtredningBehandling": True}, "3.2",
     "utredningBehandling", "when harUtredningBehandling is yes"),
    ("af00213", minimal_213() | {"harFunktionsnedsattning": True, "funktionsnedsattning": "Syn"},
     "2.1", "harAktivitetsbegransning", "when harFunktionsnedsattning is yes"),
    ("doi", minimal_doi() | {"operation": "JA", "operationAnledning": "Bypass"}, "11.2",
     "operationDatum", "when operation is JA"),
    ("tstrk1062", minimal_1062() | {"lakemedelsbehandling": {"harHaft": True, "pagar": False}},
     "59.1", "lakemedelsbehandling.avslutadTidpunkt", "when the treatment has ended"),
]


@pytest.mark.parametrize(("type_id", "content", "question_id", "field", "condition"),
                         CONDITIONAL_RULES, ids=[f"{r[0]}-{r[3]}" for r in CONDITIONAL_RULES])
def test_missing_answer_names_its_condition_when_the_rule_is_conditional(
        type_id, content, question_id, field, condition):
    """Hardening item 15: the message says why the answer is needed (DOMAIN.md §3 for LISJP,
    TYPES.md for the others); question id, field and code are unchanged."""
    unit = DEATH_CARE_UNIT if type_id == "doi" else care_unit()
    issues = registry.validate(type_id, content, DAY, unit)
    [found] = [i for i in issues if i.field == field]
    assert (found.question_id, found.code) == (question_id, IssueCode.MISSING)
    assert condition in found.message
    assert found.message != f"{field} must be filled in."


def test_early_start_motivation_says_why_when_the_sick_leave_starts_a_week_back():
    """Hardening item 15: the first-time user's case, word for word."""
    issues = registry.validate("lisjp", _early_start(), DAY, care_unit())
    assert [i.message for i in issues] == [
        "motiveringTillTidigtStartdatumForSjukskrivning must be filled in when the sick leave "
        "starts 7 or more days before today (the first period's start)."]


def test_unconditional_rule_keeps_the_plain_message_when_an_answer_is_always_asked():
    """Hardening item 15: a question always asked needs no condition (LISJP 6, diagnoser)."""
    issues = registry.validate("lisjp", answered(_lisjp(), "diagnoser", None), DAY, care_unit())
    assert [(i.question_id, i.message) for i in issues] == [
        ("6", "At least one diagnosis is needed.")]


def _conditional_calls_without_condition(path: Path, root: Path = CONTENT) -> list[str]:
    """Calls of a check that reports MISSING whose ``required`` depends on an answer (it is
    not a constant) but that give no ``condition``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name) \
                or node.func.id not in MISSING_HELPERS:
            continue
        keywords = {keyword.arg: keyword.value for keyword in node.keywords}
        required = keywords.get("required")
        if required is None or isinstance(required, ast.Constant):
            continue
        if not isinstance(keywords.get("condition"), ast.Constant | ast.Name | ast.JoinedStr):
            found.append(f"{path.relative_to(root)}:{node.lineno} {node.func.id}")
    return found


def test_every_conditional_rule_passes_its_condition_when_required_depends_on_an_answer():
    """Hardening item 15: no rule whose ``required`` is computed from other answers reports
    the bare "must be filled in"; every such call in domain/content names its condition."""
    offenders = [call for path in sorted(CONTENT.rglob("*.py"))
                 for call in _conditional_calls_without_condition(path)]
    assert offenders == []


def test_the_condition_check_sees_a_computed_required_without_condition(tmp_path):
    source = tmp_path / "rule.py"
    source.write_text("check_text(a, '1', 'x', required=b is True)\n"
                      "check_text(a, '1', 'y', required=True)\n"
                      "check_text(a, '1', 'z', required=b, condition='when b')\n")
    assert _conditional_calls_without_condition(source, tmp_path) == ["rule.py:1 check_text"]
