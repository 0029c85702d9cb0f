"""Every text and list a client can send has a bound (Hardening item 7): the national form's own
where TYPES.md gives one, a default elsewhere; new input over it is refused, stored content over
it still loads."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import BaseModel

from domain.content import registry
from domain.content.common.limits import ITEMS_MOST, TEXT_MOST
from domain.questions.messages import IncomingMessage
from domain.shared.errors import InvalidInputError
from domain.shared.validation import IssueCode
from tests.factories import care_unit, lisjp_content
from tests.factories.bounds import unbounded_fields

TODAY = date(2026, 11, 27)
SPECS = [*registry.CONTENT_SPECS.values(), *registry.EARLIER_SPECS.values()]


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: f"{s.type_id}-v{s.version}")
def test_every_text_and_list_of_a_content_model_has_a_bound(spec: registry.ContentSpec) -> None:
    """Hardening item 7: a new field cannot forget its bound; the catalogue's schema names it."""
    assert unbounded_fields(spec.model.model_json_schema(by_alias=True)) == []


@pytest.mark.parametrize("model", [IncomingMessage])
def test_every_text_and_list_of_a_recipient_message_has_a_bound(model: type[BaseModel]) -> None:
    """Hardening item 7: a recipient's message (DOMAIN.md §6) is bounded field by field."""
    assert unbounded_fields(model.model_json_schema()) == []


def test_the_bound_check_flags_an_unbounded_text_and_list() -> None:
    class Loose(BaseModel):
        text: str
        rows: list[str]
        free: dict[str, Any]
        size: int

    found = unbounded_fields(Loose.model_json_schema())
    assert found == [".free{}", ".rows[*]", ".rows[]", ".size", ".text"]


def parse_lisjp(**answers: Any) -> BaseModel:
    return registry.parse("lisjp", lisjp_content(TODAY, **answers))


def test_new_content_is_refused_naming_the_field_and_the_national_limit() -> None:
    """Hardening item 7: DOMAIN.md §3, at most 3 diagnoses and a 150-character motivation."""
    with pytest.raises(InvalidInputError) as refused:
        parse_lisjp(diagnoser=[{"kod": "M54", "beskrivning": "Ryggvärk"}] * 50_000,
                    motiveringTillInteBaseratPaUndersokning="x" * 151)
    found = {(i.question_id, i.field, i.code) for i in refused.value.issues}
    assert found == {("6", "diagnoser", IssueCode.TOO_MANY),
                     ("1", "motiveringTillInteBaseratPaUndersokning", IssueCode.TOO_LONG)}
    messages = " ".join(i.message for i in refused.value.issues)
    assert "at most 3" in messages and "at most 150" in messages


def test_a_text_without_a_national_limit_is_held_to_the_default() -> None:
    """Hardening item 7: LISJP's övrigt (25) has no national limit: 10 MB is still refused."""
    with pytest.raises(InvalidInputError) as refused:
        parse_lisjp(ovrigt="x" * 10_000_000)
    (issue,) = refused.value.issues
    assert (issue.question_id, issue.field, issue.code) == ("25", "ovrigt", IssueCode.TOO_LONG)
    assert f"at most {TEXT_MOST}" in issue.message
    assert registry.parse("lisjp", lisjp_content(TODAY, ovrigt="x" * TEXT_MOST))


def test_nested_answers_are_bounded_with_their_question_and_path() -> None:
    """Hardening item 7: a diagnosis description is a text inside a list (question 6)."""
    with pytest.raises(InvalidInputError) as refused:
        parse_lisjp(diagnoser=[{"kod": "M54", "beskrivning": "x" * (TEXT_MOST + 1)}])
    (issue,) = refused.value.issues
    assert (issue.question_id, issue.field) == ("6", "diagnoser[0].beskrivning")


def test_a_list_without_a_national_maximum_is_held_to_the_default() -> None:
    """Hardening item 7: TS-BAS's licence list has no national count: the default holds."""
    content = {"intygAvser": {"korkortstyp": ["IAV1"] * (ITEMS_MOST + 1)}}
    with pytest.raises(InvalidInputError) as refused:
        registry.parse("ts-bas", content)
    assert [i.code for i in refused.value.issues] == [IssueCode.TOO_MANY]


def test_stored_content_over_a_bound_still_validates_and_reports_it() -> None:
    """Hardening item 7: content stored before the bounds (copied on, e.g. by a renewal) loads,
    and validation reports what is over the national limit, so it cannot be signed as it is."""
    rows = [{"kod": "M54", "beskrivning": "Ryggvärk"}] * 5
    stored = registry.parse_and_dump("lisjp", lisjp_content(TODAY, diagnoser=rows),
                                     from_client=False)
    issues = registry.validate("lisjp", stored, TODAY, care_unit())
    assert [(i.question_id, i.code) for i in issues] == [("6", IssueCode.TOO_MANY)]


@pytest.mark.parametrize("value", [float("inf"), float("nan"), 10.0**30])
def test_a_number_that_is_not_finite_or_sane_is_refused(value: float) -> None:
    """Hardening item 7: TS-BAS acuity (8) of 1e400 was stored as null; now it is refused."""
    with pytest.raises(InvalidInputError) as refused:
        registry.parse("ts-bas", {"syn": {"hogerOga": {"utanKorrektion": value}}})
    (issue,) = refused.value.issues
    assert (issue.field, issue.code) == ("syn.hogerOga.utanKorrektion", IssueCode.INVALID_RANGE)


def test_a_huge_integer_answer_is_refused() -> None:
    """Hardening item 7: AF00251's part-time hours (2.3) are a number, not 4000 digits."""
    content = {"arbetsmarknadspolitisktProgram": {"omfattningDeltid": 10**3000}}
    with pytest.raises(InvalidInputError) as refused:
        registry.parse("af00251", content)
    assert [i.code for i in refused.value.issues] == [IssueCode.INVALID_RANGE]
