"""AG1-14 (TYPES.md §5, v1): content model and validation, one failing example per rule, and
the 14-day sjuklön warning of question 7."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.content.ag import ag114
from domain.content.ag.ag114 import QUESTION_IDS, Ag114Content, sjuklon_warning, validate_ag114
from domain.shared.care import CareUnit
from domain.shared.validation import IssueCode, ValidationIssue
from tests.factories.content import maximal_ag114_v1 as maximal
from tests.factories.content import minimal_ag114_v1 as minimal
from tests.unit.content.issue_helpers import answered, only, reported

TODAY = date(2026, 11, 28)
CARE_UNIT = CareUnit(
    hsa_id="SE2321000016-1003", care_giver_hsa_id="SE2321000016-1000", name="Vårdcentralen Norr",
    postal_address="Storgatan 1", postal_code="123 45", postal_town="Norrstad",
    phone="010-123 45 67", lan="01",
)


def validate(raw: dict[str, Any], unit: CareUnit = CARE_UNIT) -> list[ValidationIssue]:
    return validate_ag114(Ag114Content.model_validate(raw), TODAY, unit)


def period(start: str, end: str) -> Ag114Content:
    return Ag114Content.model_validate({"sjukskrivningsperiod": {"from": start, "tom": end}})


# --- passing examples and the model ---------------------------------------------------------
def test_minimal_ag114_passes_when_only_required_answers_given() -> None:
    """TYPES.md §5: one basis, 1, 2, 3 = false, 5, 6 = false, 7.1 and 7.2 are complete."""
    assert validate(minimal()) == []


def test_maximal_ag114_passes_when_every_question_answered() -> None:
    """TYPES.md §5: four bases, three diagnoses, 6.2, 8 and 9 answered is complete."""
    assert validate(maximal()) == []


def test_maximal_ag114_survives_roundtrip_when_dumped_and_parsed() -> None:
    """The stored JSON (camelCase, no empty answers) parses back to the same content."""
    content = Ag114Content.model_validate(maximal())
    dumped = content.model_dump(by_alias=True, exclude_none=True, mode="json")
    assert dumped == maximal()
    assert Ag114Content.model_validate(dumped) == content


def test_question_ids_cover_every_answer_when_listed() -> None:
    """TYPES.md §5: every top-level answer maps to its national question id."""
    assert set(QUESTION_IDS) == {f.alias for f in Ag114Content.model_fields.values()}
    assert QUESTION_IDS["grundForMU"] == "10" and QUESTION_IDS["diagnoser"] == "4"


def test_ag114_is_not_renewable_when_inspected() -> None:
    """TYPES.md §0.1: AG1-14 is replaced, never renewed."""
    assert not hasattr(ag114, "renewal_content") and not hasattr(ag114, "renewal_facts")


def test_every_rule_reported_at_once_when_draft_empty() -> None:
    """Validation reports every failing rule together, each on its own question."""
    assert {i.question_id for i in validate({})} == {"10", "1", "2", "3", "5", "6", "7.1", "7.2"}


# --- 10: grund för medicinskt underlag ------------------------------------------------------
def test_basis_required_when_none_given() -> None:
    """TYPES.md §5 q10: at least one basis."""
    assert only(validate(answered(minimal(), "grundForMU", None))) == (
        "10", "grundForMU", IssueCode.MISSING)


@pytest.mark.parametrize(("value", "code"), [("2026-11-29", IssueCode.FUTURE_DATE),
                                             ("2026-02-30", IssueCode.INVALID_FORMAT)])
def test_basis_date_valid_and_not_future_when_wrong(value: str, code: IssueCode) -> None:
    """TYPES.md §5 q10 R21: each date real and not after today."""
    raw = answered(minimal(), "grundForMU", [{"typ": "UNDERSOKNING", "datum": value}])
    assert only(validate(raw)) == ("10", "grundForMU[0].datum", code)


def test_annat_needs_description_when_missing() -> None:
    """TYPES.md §5 R19: ANNAT needs 10.3."""
    raw = answered(minimal(), "grundForMU", [{"typ": "ANNAT", "datum": "2026-11-20"}])
    assert only(validate(raw)) == ("10.3", "grundForMU[0].beskrivning", IssueCode.MISSING)


def test_description_forbidden_when_basis_not_annat() -> None:
    """TYPES.md §5 R20: 10.3 without ANNAT."""
    raw = answered(minimal(), "grundForMU",
                   [{"typ": "UNDERSOKNING", "datum": "2026-11-27", "beskrivning": "Fynd."}])
    assert only(validate(raw)) == ("10.3", "grundForMU[0].beskrivning", IssueCode.FORBIDDEN)


def test_annat_description_at_most_3500_when_longer() -> None:
    """TYPES.md §5 q10.3: at most 3500 characters."""
    raw = answered(minimal(), "grundForMU",
                   [{"typ": "ANNAT", "datum": "2026-11-20", "beskrivning": "x" * 3501}])
    assert only(validate(raw)) == ("10.3", "grundForMU[0].beskrivning", IssueCode.TOO_LONG)


# --- 1, 2: sysselsättning and nuvarande arbete ----------------------------------------------
def test_occupation_required_when_missing() -> None:
    """TYPES.md §5 q1: exactly one entry."""
    assert only(validate(answered(minimal(), "sysselsattning", None))) == (
        "1", "sysselsattning", IssueCode.MISSING)


def test_occupation_only_nuvarande_arbete_when_other_given() -> None:
    """TYPES.md §5 q1: the single value is NUVARANDE_ARBETE."""
    assert only(validate(answered(minimal(), "sysselsattning", ["STUDIER"]))) == (
        "1", "sysselsattning[0]", IssueCode.INVALID_VALUE)


def test_occupation_exactly_one_when_two_given() -> None:
    """TYPES.md §5 q1: exactly one entry."""
    raw = answered(minimal(), "sysselsattning", ["NUVARANDE_ARBETE", "NUVARANDE_ARBETE"])
    assert only(validate(raw)) == ("1", "sysselsattning", IssueCode.TOO_MANY)


def test_current_work_required_when_blank() -> None:
    """TYPES.md §5 q2: non-blank."""
    assert only(validate(answered(minimal(), "nuvarandeArbete", "  "))) == (
        "2", "nuvarandeArbete", IssueCode.BLANK)


def test_current_work_at_most_3500_when_longer() -> None:
    """TYPES.md §5 q2: at most 3500 characters."""
    assert only(validate(answered(minimal(), "nuvarandeArbete", "x" * 3501))) == (
        "2", "nuvarandeArbete", IssueCode.TOO_LONG)


# --- 3, 4: förmedla diagnos and diagnoser ---------------------------------------------------
def test_diagnosis_consent_required_when_missing() -> None:
    """TYPES.md §5 q3: required."""
    assert only(validate(answered(minimal(), "onskarFormedlaDiagnos", None))) == (
        "3", "onskarFormedlaDiagnos", IssueCode.MISSING)


def test_diagnosis_required_when_consent_true() -> None:
    """TYPES.md §5 q3 = true ⇒ the diagnosis block, reported on 4."""
    assert only(validate(answered(minimal(), "onskarFormedlaDiagnos", True))) == (
        "4", "diagnoser", IssueCode.MISSING)


@pytest.mark.parametrize(("code", "issue_code"), [("F32", IssueCode.INVALID_FORMAT),
                                                  ("D90", IssueCode.UNKNOWN_CODE)])
def test_diagnosis_block_checked_on_4_when_code_wrong(code: str, issue_code: IssueCode) -> None:
    """TYPES.md §0 diagnosis block on AG1-14 q4: F codes need 4 characters, codes must exist."""
    raw = minimal() | {"onskarFormedlaDiagnos": True,
                       "diagnoser": [{"kod": code, "beskrivning": "Diagnos"}]}
    assert only(validate(raw)) == ("4", "diagnoser[0].kod", issue_code)


def test_diagnosis_forbidden_when_consent_false() -> None:
    """TYPES.md §5 q4: diagnoses only when 3 = true."""
    raw = minimal() | {"diagnoser": [{"kod": "M544", "beskrivning": "Lumbago"}]}
    assert only(validate(raw)) == ("4", "diagnoser", IssueCode.INCORRECT_COMBINATION)


# --- 5, 6: arbetsförmåga --------------------------------------------------------------------
def test_reduced_capacity_required_when_blank() -> None:
    """TYPES.md §5 q5: non-blank."""
    assert only(validate(answered(minimal(), "nedsattArbetsformaga", "\n"))) == (
        "5", "nedsattArbetsformaga", IssueCode.BLANK)


def test_capacity_despite_illness_required_when_missing() -> None:
    """TYPES.md §5 q6.1: required, reported on 6."""
    assert only(validate(answered(minimal(), "arbetsformagaTrotsSjukdom", None))) == (
        "6", "arbetsformagaTrotsSjukdom", IssueCode.MISSING)


def test_capacity_description_required_when_capacity_true() -> None:
    """TYPES.md §5 q6.1 = true ⇒ 6.2 non-blank."""
    raw = minimal() | {"arbetsformagaTrotsSjukdom": True,
                       "arbetsformagaTrotsSjukdomBeskrivning": " "}
    assert only(validate(raw)) == ("6.2", "arbetsformagaTrotsSjukdomBeskrivning",
                                   IssueCode.BLANK)


def test_capacity_description_at_most_3500_when_longer() -> None:
    """TYPES.md §5 q6.2: at most 3500 characters."""
    raw = minimal() | {"arbetsformagaTrotsSjukdom": True,
                       "arbetsformagaTrotsSjukdomBeskrivning": "x" * 3501}
    assert only(validate(raw)) == ("6.2", "arbetsformagaTrotsSjukdomBeskrivning",
                                   IssueCode.TOO_LONG)


# --- 7: sjukskrivningsgrad and period -------------------------------------------------------
def test_degree_required_when_missing() -> None:
    """TYPES.md §5 q7.1: required."""
    assert only(validate(answered(minimal(), "sjukskrivningsgrad", None))) == (
        "7.1", "sjukskrivningsgrad", IssueCode.MISSING)


@pytest.mark.parametrize("value", ["050", "fifty", "50.5", "-5", " 50"])
def test_degree_whole_number_without_leading_zero_when_malformed(value: str) -> None:
    """TYPES.md §5 q7.1: an integer without a leading zero."""
    assert only(validate(answered(minimal(), "sjukskrivningsgrad", value))) == (
        "7.1", "sjukskrivningsgrad", IssueCode.INVALID_FORMAT)


def test_degree_at_most_100_when_101() -> None:
    """TYPES.md §5 q7.1: 0-100 %."""
    assert only(validate(answered(minimal(), "sjukskrivningsgrad", "101"))) == (
        "7.1", "sjukskrivningsgrad", IssueCode.INVALID_VALUE)


@pytest.mark.parametrize("value", ["0", "100", 25])
def test_degree_accepted_when_at_bounds_or_a_json_number(value: str | int) -> None:
    """TYPES.md §5 q7.1: 0 and 100 are allowed; a JSON number is kept as its string."""
    raw = answered(minimal(), "sjukskrivningsgrad", value)
    assert validate(raw) == []
    assert Ag114Content.model_validate(raw).sjukskrivningsgrad == str(value)


def test_period_required_when_missing() -> None:
    """TYPES.md §5 q7.2: required."""
    assert only(validate(answered(minimal(), "sjukskrivningsperiod", None))) == (
        "7.2", "sjukskrivningsperiod", IssueCode.MISSING)


@pytest.mark.parametrize(("value", "code"), [(None, IssueCode.MISSING),
                                             ("2026-13-01", IssueCode.INVALID_FORMAT)])
def test_period_dates_valid_when_wrong(value: str | None, code: IssueCode) -> None:
    """TYPES.md §5 q7.2: both dates given and valid."""
    raw = answered(minimal(), "sjukskrivningsperiod.tom", value)
    assert only(validate(raw)) == ("7.2", "sjukskrivningsperiod.tom", code)


def test_period_from_not_after_tom_when_reversed() -> None:
    """TYPES.md §5 q7.2: from <= tom."""
    raw = answered(minimal(), "sjukskrivningsperiod", {"from": "2026-12-03", "tom": "2026-11-27"})
    assert only(validate(raw)) == ("7.2", "sjukskrivningsperiod", IssueCode.INVALID_RANGE)


# --- 8, 9: övrigt and kontakt ---------------------------------------------------------------
def test_other_information_at_most_3500_when_longer() -> None:
    """TYPES.md §5 q8: at most 3500 characters."""
    assert only(validate(answered(minimal(), "ovrigaUpplysningar", "x" * 3501))) == (
        "8", "ovrigaUpplysningar", IssueCode.TOO_LONG)


def test_contact_reason_required_when_contact_wanted() -> None:
    """TYPES.md §5 R2: 9.1 = true ⇒ 9.2 non-blank."""
    assert only(validate(answered(minimal(), "kontaktMedArbetsgivaren", True))) == (
        "9.2", "anledningTillKontakt", IssueCode.MISSING)


@pytest.mark.parametrize("wanted", [False, None])
def test_contact_reason_refused_when_contact_not_wanted(wanted: bool | None) -> None:
    """TYPES.md §5 R2: 9.2 given when 9.1 is not true."""
    raw = minimal() | {"kontaktMedArbetsgivaren": wanted, "anledningTillKontakt": "Samtal."}
    assert only(validate(raw)) == ("9.2", "anledningTillKontakt",
                                   IssueCode.INCORRECT_COMBINATION)


def test_care_unit_complete_when_phone_missing() -> None:
    """TYPES.md §0 R-vårdenhet: every validator ends with the care unit check."""
    unit = CARE_UNIT.model_copy(update={"phone": ""})
    assert only(validate(minimal(), unit)) == (
        "vardenhet", "vardenhet.telefonnummer", IssueCode.MISSING)


def test_care_unit_checked_after_answers_when_both_fail() -> None:
    """TYPES.md §0: the care unit is checked last, beside the answers' own issues."""
    unit = CARE_UNIT.model_copy(update={"postal_code": "12"})
    issues = validate(answered(minimal(), "nuvarandeArbete", None), unit)
    assert reported(issues) == {("2", "nuvarandeArbete", IssueCode.MISSING),
                                ("vardenhet", "vardenhet.postnummer", IssueCode.INVALID_FORMAT)}
    assert issues[-1].question_id == "vardenhet"


# --- 7.3: the sjuklön warning ---------------------------------------------------------------
def test_sjuklon_warning_absent_when_period_spans_13_days() -> None:
    """TYPES.md §5 q7.3: no message when tom - from is 13 days."""
    assert sjuklon_warning(period("2026-11-01", "2026-11-14")) is None


def test_sjuklon_warning_shown_when_period_spans_14_days() -> None:
    """TYPES.md §5 q7.3: the message when tom - from >= 14 days."""
    message = sjuklon_warning(period("2026-11-01", "2026-11-15"))
    assert message is not None and "AG7804" in message


@pytest.mark.parametrize(("start", "end"), [("2026-11-15", "2026-11-01"),
                                            ("2026-11-01", "2026-11-31")])
def test_sjuklon_warning_absent_when_period_not_sound(start: str, end: str) -> None:
    """TYPES.md §5 q7.3: a reversed or unreal period gives no message (validation reports it)."""
    assert sjuklon_warning(period(start, end)) is None


def test_sjuklon_warning_absent_when_no_period() -> None:
    """TYPES.md §5 q7.3: without a period there is nothing to measure."""
    assert sjuklon_warning(Ag114Content()) is None
