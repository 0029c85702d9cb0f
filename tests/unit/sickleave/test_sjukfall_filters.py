"""DOMAIN.md §7 filters: length interval, diagnosis chapter, patient age, end-date range,
doctor, occupation, free text, with/without unanswered questions. Bounds are inclusive."""

from __future__ import annotations

from typing import Any

import pytest

from domain.shared.errors import InvalidSjukfallSettingsError
from domain.sickleave.engine import CaseDiagnosis
from domain.sickleave.filters import SjukfallFilter, apply_filter
from tests.factories.sickleave import COLLEAGUE, DOCTOR, case, d


def kept(values: list[Any], field: str, **criteria: Any) -> list[Any]:
    """The values of ``field`` whose case passes the filter."""
    cases = [case(**{field: value}) for value in values]
    return [getattr(c, field) for c in apply_filter(cases, SjukfallFilter(**criteria))]


def test_length_filter_keeps_both_edges_when_given_an_interval() -> None:
    assert kept([9, 10, 20, 21], "days", min_days=10, max_days=20) == [10, 20]
    assert kept([9, 10, 400], "days", min_days=10) == [10, 400]


def test_chapter_filter_keeps_the_chapters_when_given_a_set() -> None:
    diagnoses = [CaseDiagnosis.of(code) for code in ("F321", "M544", "K99", "F430")]
    found = kept(diagnoses, "diagnosis", chapters=frozenset({"V"}))
    assert [dx.code for dx in found] == ["F321", "F430"]


def test_age_filter_keeps_both_edges_when_given_an_interval() -> None:
    assert kept([17, 18, 65, 66], "age", min_age=18, max_age=65) == [18, 65]


def test_end_date_filter_keeps_cases_ending_soon_when_given_a_range() -> None:
    ends = [d(3, 14), d(3, 15), d(3, 29), d(3, 30)]
    assert kept(ends, "end", ends_from=d(3, 15), ends_to=d(3, 29)) == [d(3, 15), d(3, 29)]


def test_doctor_filter_keeps_the_doctors_when_given_ids() -> None:
    assert kept([DOCTOR, COLLEAGUE], "doctor_id", doctor_ids=frozenset({COLLEAGUE})) == [
        COLLEAGUE]


def test_occupation_filter_keeps_any_match_when_a_case_has_several() -> None:
    occupations = [("STUDIER",), ("ARBETSSOKANDE", "STUDIER"), ("NUVARANDE_ARBETE",), ()]
    assert kept(occupations, "occupations", occupations=frozenset({"STUDIER"})) == [
        ("STUDIER",), ("ARBETSSOKANDE", "STUDIER")]


@pytest.mark.parametrize("text", [
    "tolvan", "TOLVANSSON", "198003", "19800310-", "ajla", "F32", "f32.1", "depressive",
])
def test_free_text_matches_case_insensitively_when_a_field_contains_it(text: str) -> None:
    """Patient name, personnummer (also with the dash), diagnosis code (also with the dot) or
    WHO description, doctor name."""
    assert apply_filter([case()], SjukfallFilter(text=text)) == [case()]


def test_free_text_matches_a_secondary_diagnosis_when_the_main_one_differs() -> None:
    with_secondary = case(secondary_diagnoses=(CaseDiagnosis.of("M544"),))
    assert apply_filter([case(), with_secondary], SjukfallFilter(text="m54.4")) == [
        with_secondary]


@pytest.mark.parametrize("text", ["Svensson", "M54", "19900101", "Bo Annan"])
def test_free_text_drops_the_case_when_no_field_contains_it(text: str) -> None:
    assert apply_filter([case()], SjukfallFilter(text=text)) == []


def test_blank_free_text_keeps_everything_when_only_whitespace() -> None:
    assert apply_filter([case()], SjukfallFilter(text="  ")) == [case()]


@pytest.mark.parametrize(("wanted", "expected"), [(True, [1, 2]), (False, [0]), (None, [0, 1, 2])])
def test_question_filter_splits_on_open_questions_when_asked(
        wanted: bool | None, expected: list[int]) -> None:
    cases = [case(open_komplt=0, open_other=0), case(open_komplt=1, open_other=0),
             case(open_komplt=0, open_other=1)]
    found = apply_filter(cases, SjukfallFilter(unanswered_questions=wanted))
    assert [cases.index(c) for c in found] == expected


def test_filter_requires_every_criterion_when_several_are_given() -> None:
    both = SjukfallFilter(min_days=30, doctor_ids=frozenset({DOCTOR}))
    cases = [case(days=31), case(days=29), case(days=31, doctor_id=COLLEAGUE)]
    assert apply_filter(cases, both) == [cases[0]]


def test_empty_filter_keeps_every_case_when_nothing_is_chosen() -> None:
    cases = [case(days=1), case(age=99, open_other=3)]
    assert apply_filter(cases, SjukfallFilter()) == cases


@pytest.mark.parametrize(("criteria", "field"), [
    ({"min_days": 20, "max_days": 10}, "days"), ({"min_days": -1}, "days"),
    ({"min_age": 70, "max_age": 60}, "age"), ({"max_age": -3}, "age"),
    ({"ends_from": d(4, 1), "ends_to": d(3, 31)}, "endDate"),
])
def test_filter_is_refused_when_a_range_is_inverted_or_negative(
        criteria: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidSjukfallSettingsError) as refused:
        SjukfallFilter(**criteria)
    assert [i.field for i in refused.value.issues] == [field]
