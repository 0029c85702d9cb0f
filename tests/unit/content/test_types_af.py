"""AF00213 (TYPES.md §12) and AF00251 (TYPES.md §13): content models and validation, one failing
example per rule, and the renewal of AF00251."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.content.af import af00213
from domain.content.af.af00213 import QUESTION_IDS as QUESTION_IDS_213
from domain.content.af.af00213 import Af00213Content, validate_af00213
from domain.content.af.af00251 import QUESTION_IDS as QUESTION_IDS_251
from domain.content.af.af00251 import (
    Af00251Content,
    renewal_content,
    renewal_facts,
    validate_af00251,
)
from domain.shared.care import CareUnit
from domain.shared.validation import IssueCode, ValidationIssue
from tests.factories.content import maximal_251, minimal_213, minimal_251, sjukfranvaro
from tests.unit.content.issue_helpers import answered, only, reported

TODAY = date(2026, 11, 28)
CARE_UNIT = CareUnit(
    hsa_id="SE2321000016-1003", care_giver_hsa_id="SE2321000016-1000", name="Vårdcentralen Norr",
    postal_address="Storgatan 1", postal_code="123 45", postal_town="Norrstad",
    phone="010-123 45 67", lan="01",
)

NO_UNIT_TOWN = CARE_UNIT.model_copy(update={"postal_town": " "})


def maximal_213() -> dict[str, Any]:
    return {
        "harFunktionsnedsattning": True,
        "funktionsnedsattning": "Nedsatt rörlighet i höger axel sedan två år.",
        "harAktivitetsbegransning": True,
        "aktivitetsbegransning": "Kan inte arbeta med armarna över axelhöjd.",
        "harUtredningBehandling": True,
        "utredningBehandling": "Väntar på ortopedbedömning i januari.",
        "harArbetetsPaverkan": True,
        "arbetetsPaverkan": "Tunga lyft förvärrar besvären.",
        "ovrigt": "Patienten är motiverad.",
    }


def validate_213(raw: dict[str, Any], unit: CareUnit = CARE_UNIT) -> list[ValidationIssue]:
    return validate_af00213(Af00213Content.model_validate(raw), TODAY, unit)


def validate_251(raw: dict[str, Any], unit: CareUnit = CARE_UNIT) -> list[ValidationIssue]:
    return validate_af00251(Af00251Content.model_validate(raw), TODAY, unit)


def with_rows(*rows: dict[str, Any]) -> dict[str, Any]:
    return minimal_251() | {"harForhinder": True, "sjukfranvaro": list(rows)}


def dumped(content: Af00213Content | Af00251Content) -> dict[str, Any]:
    return content.model_dump(by_alias=True, exclude_none=True, mode="json")


# --- AF00213: passing examples and the model ------------------------------------------------
def test_minimal_213_passes_when_every_answer_no() -> None:
    """TYPES.md §12: 1.1, 3.1 and 4.1 answered no is complete (2 is not asked)."""
    assert validate_213(minimal_213()) == []


def test_maximal_213_passes_when_every_question_answered() -> None:
    """TYPES.md §12: every yes with its description, and övrigt, is complete."""
    assert validate_213(maximal_213()) == []


def test_maximal_213_survives_roundtrip_when_dumped_and_parsed() -> None:
    """The stored JSON (camelCase, no empty answers) parses back to the same content."""
    content = Af00213Content.model_validate(maximal_213())
    assert dumped(content) == maximal_213()
    assert Af00213Content.model_validate(dumped(content)) == content


def test_213_question_ids_cover_every_answer_when_listed() -> None:
    """TYPES.md §12: every answer maps to its national question id."""
    assert set(QUESTION_IDS_213) == {f.alias for f in Af00213Content.model_fields.values()}


def test_213_is_not_renewable_when_inspected() -> None:
    """TYPES.md §0.1: AF00213 is replaced, never renewed."""
    assert not hasattr(af00213, "renewal_content")


def test_213_every_rule_reported_at_once_when_draft_empty() -> None:
    """Validation reports every failing rule together, the care unit's last."""
    issues = validate_213({}, NO_UNIT_TOWN)
    assert [i.question_id for i in issues] == ["1.1", "3.1", "4.1", "vardenhet"]


# --- AF00213: rules -------------------------------------------------------------------------
def test_213_impairment_answer_required_when_missing() -> None:
    """TYPES.md §12: 1.1 required."""
    assert only(validate_213(answered(minimal_213(), "harFunktionsnedsattning", None))) == (
        "1.1", "harFunktionsnedsattning", IssueCode.MISSING)


def test_213_impairment_described_when_yes() -> None:
    """TYPES.md §12: 1.1 = true ⇒ 1.2 non-blank."""
    raw = minimal_213() | {"harFunktionsnedsattning": True, "harAktivitetsbegransning": False,
                           "funktionsnedsattning": "  "}
    assert only(validate_213(raw)) == ("1.2", "funktionsnedsattning", IssueCode.BLANK)


def test_213_activity_answer_required_when_impairment_yes() -> None:
    """TYPES.md §12: only when 1.1 = true, 2.1 is required."""
    raw = minimal_213() | {"harFunktionsnedsattning": True, "funktionsnedsattning": "Fynd."}
    assert only(validate_213(raw)) == ("2.1", "harAktivitetsbegransning", IssueCode.MISSING)


def test_213_activity_not_checked_when_impairment_no() -> None:
    """TYPES.md §12: with 1.1 = false question 2 is not asked, so a left-over yes passes."""
    assert validate_213(minimal_213() | {"harAktivitetsbegransning": True}) == []


def test_213_activity_described_when_yes() -> None:
    """TYPES.md §12: 2.1 = true ⇒ 2.2 non-blank."""
    raw = maximal_213() | {"aktivitetsbegransning": None}
    assert only(validate_213(raw)) == ("2.2", "aktivitetsbegransning", IssueCode.MISSING)


def test_213_investigation_answer_required_when_missing() -> None:
    """TYPES.md §12: 3.1 required."""
    assert only(validate_213(answered(minimal_213(), "harUtredningBehandling", None))) == (
        "3.1", "harUtredningBehandling", IssueCode.MISSING)


@pytest.mark.parametrize(("text", "code"), [(None, IssueCode.MISSING), ("", IssueCode.BLANK)])
def test_213_investigation_described_when_yes(text: str | None, code: IssueCode) -> None:
    """TYPES.md §12: 3.1 = true ⇒ 3.2 non-empty (an empty text given is BLANK)."""
    raw = maximal_213() | {"utredningBehandling": text}
    assert only(validate_213(raw)) == ("3.2", "utredningBehandling", code)


@pytest.mark.parametrize("answer", [True, False])
def test_213_investigation_not_blank_when_whitespace(answer: bool) -> None:
    """TYPES.md §12: blank-but-present on 3.2, whatever 3.1 says."""
    raw = maximal_213() | {"harUtredningBehandling": answer, "utredningBehandling": " \t"}
    assert only(validate_213(raw)) == ("3.2", "utredningBehandling", IssueCode.BLANK)


def test_213_work_impact_answer_required_when_missing() -> None:
    """TYPES.md §12: 4.1 required."""
    assert only(validate_213(answered(minimal_213(), "harArbetetsPaverkan", None))) == (
        "4.1", "harArbetetsPaverkan", IssueCode.MISSING)


def test_213_work_impact_described_when_yes() -> None:
    """TYPES.md §12: 4.1 = true ⇒ 4.2 non-blank."""
    raw = maximal_213() | {"arbetetsPaverkan": "\n"}
    assert only(validate_213(raw)) == ("4.2", "arbetetsPaverkan", IssueCode.BLANK)


def test_213_other_not_blank_when_whitespace() -> None:
    """TYPES.md §12: blank-but-present on 5."""
    assert only(validate_213(minimal_213() | {"ovrigt": "   "})) == (
        "5", "ovrigt", IssueCode.BLANK)


def test_213_descriptions_beside_no_pass_when_whitespace() -> None:
    """TYPES.md §12: the blank rule covers only 3.2 and 5, not 1.2, 2.2 or 4.2."""
    raw = minimal_213() | {"funktionsnedsattning": " ", "arbetetsPaverkan": " "}
    assert validate_213(raw) == []


def test_213_care_unit_complete_when_town_blank() -> None:
    """TYPES.md §0 R-vårdenhet."""
    assert only(validate_213(minimal_213(), NO_UNIT_TOWN)) == (
        "vardenhet", "vardenhet.postort", IssueCode.MISSING)


# --- AF00251: passing examples and the model ------------------------------------------------
def test_minimal_251_passes_when_no_hindrance() -> None:
    """TYPES.md §13: q1 date, 2, 3, 4, 5 = false, 7.1 = false and 8.1 are complete."""
    assert validate_251(minimal_251()) == []


def test_maximal_251_passes_when_every_question_answered() -> None:
    """TYPES.md §13: both bases, DELTID 39 h, four checked periods, 7.2 and 8.2 complete."""
    assert validate_251(maximal_251()) == []


def test_maximal_251_survives_roundtrip_when_dumped_and_parsed() -> None:
    """The stored JSON (camelCase, no empty answers) parses back to the same content."""
    content = Af00251Content.model_validate(maximal_251())
    assert dumped(content) == maximal_251()
    assert Af00251Content.model_validate(dumped(content)) == content


def test_251_question_ids_cover_every_answer_when_listed() -> None:
    """TYPES.md §13: every top-level answer maps to the question id its rules report on."""
    assert set(QUESTION_IDS_251) == {f.alias for f in Af00251Content.model_fields.values()}


def test_251_every_rule_reported_at_once_when_draft_empty() -> None:
    """Validation reports every failing rule together, each on its own question."""
    assert {i.question_id for i in validate_251({}, NO_UNIT_TOWN)} == {
        "1", "2", "3", "4", "5", "7", "8", "vardenhet"}


# --- AF00251: 1, grund ----------------------------------------------------------------------
def test_251_basis_required_when_no_date() -> None:
    """TYPES.md §13: at least one of undersökningsdatum/annatDatum."""
    assert only(validate_251(answered(minimal_251(), "undersokningsDatum", None))) == (
        "1", "undersokningsDatum", IssueCode.MISSING)


@pytest.mark.parametrize(("field", "value", "code"), [
    ("undersokningsDatum", "2026-11-29", IssueCode.FUTURE_DATE),
    ("undersokningsDatum", "26-11-01", IssueCode.INVALID_FORMAT),
    ("annatDatum", "2026-12-01", IssueCode.FUTURE_DATE),
    ("annatDatum", "2026-04-31", IssueCode.INVALID_FORMAT)])
def test_251_basis_dates_valid_when_wrong(field: str, value: str, code: IssueCode) -> None:
    """TYPES.md §13: each date valid and not in the future."""
    raw = maximal_251() | {field: value}
    assert only(validate_251(raw)) == ("1", field, code)


def test_251_other_basis_described_when_dated() -> None:
    """TYPES.md §13 R1: annatDatum ⇒ annatBeskrivning present."""
    raw = minimal_251() | {"undersokningsDatum": None, "annatDatum": "2026-11-20"}
    assert only(validate_251(raw)) == ("1.3", "annatBeskrivning", IssueCode.MISSING)


# --- AF00251: 2-4 ---------------------------------------------------------------------------
def test_251_programme_required_when_missing() -> None:
    """TYPES.md §13: 2 required."""
    raw = answered(minimal_251(), "arbetsmarknadspolitisktProgram", None)
    assert only(validate_251(raw)) == ("2", "arbetsmarknadspolitisktProgram", IssueCode.MISSING)


def test_251_programme_assessment_required_when_blank() -> None:
    """TYPES.md §13: 2.1 non-blank."""
    raw = answered(minimal_251(), "arbetsmarknadspolitisktProgram.medicinskBedomning", " ")
    assert only(validate_251(raw)) == (
        "2.1", "arbetsmarknadspolitisktProgram.medicinskBedomning", IssueCode.BLANK)


@pytest.mark.parametrize(("value", "code"), [(None, IssueCode.MISSING),
                                             ("HALVTID", IssueCode.INVALID_VALUE)])
def test_251_programme_extent_required_when_wrong(value: str | None, code: IssueCode) -> None:
    """TYPES.md §13: 2.2 required, HELTID, DELTID or OKAND."""
    raw = answered(minimal_251(), "arbetsmarknadspolitisktProgram.omfattning", value)
    assert only(validate_251(raw)) == ("2.2", "arbetsmarknadspolitisktProgram.omfattning", code)


def test_251_part_time_hours_required_when_deltid() -> None:
    """TYPES.md §13: DELTID ⇒ 2.3 required."""
    raw = answered(minimal_251(), "arbetsmarknadspolitisktProgram.omfattning", "DELTID")
    assert only(validate_251(raw)) == (
        "2.3", "arbetsmarknadspolitisktProgram.omfattningDeltid", IssueCode.MISSING)


@pytest.mark.parametrize(("hours", "issues"), [(0, 1), (1, 0), (39, 0), (40, 1)])
def test_251_part_time_hours_1_to_39_when_at_bounds(hours: int, issues: int) -> None:
    """TYPES.md §13: 2.3 is 1-39 hours a week."""
    raw = answered(maximal_251(), "arbetsmarknadspolitisktProgram.omfattningDeltid", hours)
    found = validate_251(raw)
    assert len(found) == issues
    if issues:
        assert only(found) == ("2.3", "arbetsmarknadspolitisktProgram.omfattningDeltid",
                               IssueCode.INVALID_VALUE)


@pytest.mark.parametrize(("field", "question"), [("funktionsnedsattning", "3"),
                                                 ("aktivitetsbegransning", "4")])
def test_251_consequences_required_when_blank(field: str, question: str) -> None:
    """TYPES.md §13: 3 and 4 non-blank."""
    assert only(validate_251(answered(minimal_251(), field, "  "))) == (
        question, field, IssueCode.BLANK)


# --- AF00251: 5, 6 --------------------------------------------------------------------------
def test_251_hindrance_required_when_missing() -> None:
    """TYPES.md §13: 5 required."""
    assert only(validate_251(answered(minimal_251(), "harForhinder", None))) == (
        "5", "harForhinder", IssueCode.MISSING)


def test_251_absence_required_when_hindered_without_checked_row() -> None:
    """TYPES.md §13: 5 = true ⇒ at least one checked row; an unticked row does not count."""
    raw = with_rows(sjukfranvaro(50, "2026-11-23", "2026-11-29", checked=False))
    assert only(validate_251(raw)) == ("6", "sjukfranvaro", IssueCode.MISSING)


def test_251_absence_refused_when_not_hindered() -> None:
    """TYPES.md §13: 5 = false ⇒ no rows."""
    raw = minimal_251() | {"sjukfranvaro": [sjukfranvaro(50, "2026-11-23", "2026-11-29")]}
    assert only(validate_251(raw)) == ("6", "sjukfranvaro", IssueCode.INCORRECT_COMBINATION)


def test_251_at_most_four_checked_rows_when_five() -> None:
    """TYPES.md §13: at most 4 checked rows."""
    rows = [sjukfranvaro(100, f"2026-12-{day:02}", f"2026-12-{day:02}") for day in range(1, 6)]
    assert only(validate_251(with_rows(*rows))) == ("6", "sjukfranvaro", IssueCode.TOO_MANY)


def test_251_unchecked_rows_ignored_when_incomplete() -> None:
    """TYPES.md §13: only checked rows are validated; a fifth, unticked, row is no period."""
    rows = [*maximal_251()["sjukfranvaro"], {"checked": False, "niva": 500}]
    assert validate_251(maximal_251() | {"sjukfranvaro": rows}) == []


@pytest.mark.parametrize(("niva", "code"), [(None, IssueCode.MISSING),
                                            (0, IssueCode.INVALID_VALUE),
                                            (101, IssueCode.INVALID_VALUE)])
def test_251_level_1_to_100_when_wrong(niva: int | None, code: IssueCode) -> None:
    """TYPES.md §13: each checked row's nivå is 1-100 %."""
    raw = with_rows(sjukfranvaro(niva, "2026-11-23", "2026-11-29"))
    assert only(validate_251(raw)) == ("6.1", "sjukfranvaro[0].niva", code)


def test_251_period_required_when_missing() -> None:
    """TYPES.md §13: each checked row has a period."""
    raw = with_rows({"checked": True, "niva": 50})
    assert only(validate_251(raw)) == ("6.2", "sjukfranvaro[0].period", IssueCode.MISSING)


@pytest.mark.parametrize(("value", "code"), [(None, IssueCode.MISSING),
                                             ("2026-11-31", IssueCode.INVALID_FORMAT)])
def test_251_period_dates_valid_when_wrong(value: str | None, code: IssueCode) -> None:
    """TYPES.md §13: each checked row's period has valid dates."""
    row = sjukfranvaro(50, "2026-11-23", "2026-11-29")
    row["period"] = answered(row["period"], "from", value)
    assert only(validate_251(with_rows(row))) == ("6.2", "sjukfranvaro[0].period.from", code)


def test_251_period_from_not_after_tom_when_reversed() -> None:
    """TYPES.md §13: from <= tom."""
    raw = with_rows(sjukfranvaro(50, "2026-11-29", "2026-11-23"))
    assert only(validate_251(raw)) == ("6.2", "sjukfranvaro[0].period", IssueCode.INVALID_RANGE)


def test_251_periods_do_not_overlap_when_sharing_a_day() -> None:
    """TYPES.md §13: no overlapping periods; each overlapping row is reported once."""
    raw = with_rows(sjukfranvaro(100, "2026-11-23", "2026-11-29"),
                    sjukfranvaro(50, "2026-11-29", "2026-12-06"))
    assert reported(validate_251(raw)) == {
        ("6.2", "sjukfranvaro[0].period.tom", IssueCode.OVERLAP),
        ("6.2", "sjukfranvaro[1].period.from", IssueCode.OVERLAP)}


# --- AF00251: 7, 8, vårdenhet ---------------------------------------------------------------
def test_251_limitation_answer_required_when_missing() -> None:
    """TYPES.md §13: 7.1 required."""
    raw = answered(minimal_251(), "begransningSjukfranvaro", None)
    assert only(validate_251(raw)) == (
        "7", "begransningSjukfranvaro.kanBegransas", IssueCode.MISSING)


def test_251_limitation_described_when_yes() -> None:
    """TYPES.md §13: 7.1 = true ⇒ 7.2 non-empty."""
    raw = answered(minimal_251(), "begransningSjukfranvaro.kanBegransas", True)
    assert only(validate_251(raw)) == (
        "7.2", "begransningSjukfranvaro.beskrivning", IssueCode.MISSING)


@pytest.mark.parametrize(("value", "code"), [(None, IssueCode.MISSING),
                                             ("ATERGA", IssueCode.INVALID_VALUE)])
def test_251_prognosis_required_when_wrong(value: str | None, code: IssueCode) -> None:
    """TYPES.md §13: 8.1 required, one of the four prognoses."""
    raw = answered(minimal_251(), "prognosAtergang.prognos", value)
    assert only(validate_251(raw)) == ("8", "prognosAtergang.prognos", code)


def test_251_adjustments_required_when_return_with_adjustment() -> None:
    """TYPES.md §13: ATERGA_MED_ANPASSNING ⇒ 8.2 non-empty."""
    raw = answered(minimal_251(), "prognosAtergang.prognos", "ATERGA_MED_ANPASSNING")
    assert only(validate_251(raw)) == ("8.2", "prognosAtergang.anpassningar", IssueCode.MISSING)


def test_251_care_unit_complete_when_town_blank() -> None:
    """TYPES.md §0 R-vårdenhet."""
    assert only(validate_251(minimal_251(), NO_UNIT_TOWN)) == (
        "vardenhet", "vardenhet.postort", IssueCode.MISSING)


# --- AF00251: renewal -----------------------------------------------------------------------
def test_251_renewal_clears_question_1_and_absence_when_renewed() -> None:
    """TYPES.md §13: renewal clears the sjukfrånvaro rows and all of q1, keeps the rest."""
    original = Af00251Content.model_validate(maximal_251())
    renewed = renewal_content(original)
    cleared = {"undersoknings_datum", "annat_datum", "annat_beskrivning", "sjukfranvaro"}
    assert all(getattr(renewed, name) is None for name in cleared)
    kept = set(Af00251Content.model_fields) - cleared
    assert renewed.model_dump(include=kept) == original.model_dump(include=kept)


def test_251_renewal_needs_new_basis_and_periods_when_validated() -> None:
    """TYPES.md §13: the renewed draft asks for a new q1 and, with 5 = true, new periods."""
    renewed = renewal_content(Af00251Content.model_validate(maximal_251()))
    assert reported(validate_af00251(renewed, TODAY, CARE_UNIT)) == {
        ("1", "undersokningsDatum", IssueCode.MISSING),
        ("6", "sjukfranvaro", IssueCode.MISSING)}


def test_251_renewal_facts_give_latest_period_end_when_periods_valid() -> None:
    """TYPES.md §13: the last period end is recorded on the relation."""
    content = Af00251Content.model_validate(maximal_251())
    assert renewal_facts(content) == {"parent_last_period_end": "2026-12-20"}


def test_251_renewal_facts_skip_unsound_rows_when_later() -> None:
    """TYPES.md §13: only valid, checked periods count: unticked, reversed or without a valid
    nivå rows are passed over even when they end later."""
    raw = with_rows(sjukfranvaro(50, "2026-11-23", "2026-11-29"),
                    sjukfranvaro(50, "2026-12-01", "2026-12-31", checked=False),
                    sjukfranvaro(50, "2026-12-30", "2026-12-01"),
                    sjukfranvaro(0, "2026-12-01", "2026-12-30"))
    content = Af00251Content.model_validate(raw)
    assert renewal_facts(content) == {"parent_last_period_end": "2026-11-29"}


def test_251_renewal_facts_empty_when_no_period() -> None:
    """TYPES.md §13: nothing to record without a valid period."""
    assert renewal_facts(Af00251Content.model_validate(minimal_251())) == {}
