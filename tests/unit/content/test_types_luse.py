"""LUSE (TYPES.md §1): content model and validation, one failing example per rule."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.content.lu.luse import QUESTION_IDS, LuseContent, renewal_content, validate_luse
from domain.shared.care import CareUnit
from domain.shared.validation import IssueCode, ValidationIssue
from tests.factories.content import UNDERLAG
from tests.factories.content import maximal_luse as maximal
from tests.factories.content import minimal_luse as minimal
from tests.unit.content.issue_helpers import answered, only, reported

TODAY = date(2026, 11, 28)
CARE_UNIT = CareUnit(
    hsa_id="SE2321000016-1003", care_giver_hsa_id="SE2321000016-1000", name="Vårdcentralen Norr",
    postal_address="Storgatan 1", postal_code="123 45", postal_town="Norrstad",
    phone="010-123 45 67", lan="01",
)


def validate(raw: dict[str, Any], unit: CareUnit = CARE_UNIT) -> list[ValidationIssue]:
    return validate_luse(LuseContent.model_validate(raw), TODAY, unit)


def test_minimal_passes_when_only_required_answers_given() -> None:
    """TYPES.md §1: an examination, kännedom, no investigations, one diagnosis and the required
    texts make a complete LUSE."""
    assert validate(minimal()) == []


def test_maximal_passes_when_every_question_answered() -> None:
    """TYPES.md §1: every basis, three investigations and diagnoses, every text, contact."""
    assert validate(maximal()) == []


def test_maximal_roundtrips_unchanged() -> None:
    """The stored JSON (national camelCase names) parses and dumps back to itself."""
    dumped = LuseContent.model_validate(maximal()).model_dump(
        by_alias=True, exclude_none=True, mode="json")
    assert dumped == maximal()


def test_question_ids_cover_every_top_level_answer() -> None:
    """Every top-level answer maps to a question id for shape errors."""
    assert set(QUESTION_IDS) == {f.alias for f in LuseContent.model_fields.values()}


def test_renewal_copies_everything() -> None:
    """TYPES.md §0.1: FK renewal copies everything."""
    content = LuseContent.model_validate(maximal())
    assert renewal_content(content) == content


def test_r1_basis_required_when_none_given() -> None:
    """R-1: at least one of the four grund-för-MU dates, reported on 1."""
    raw = answered(minimal(), "undersokningAvPatienten", None)
    assert only(validate(raw)) == ("1", "grundForMU", IssueCode.MISSING)


@pytest.mark.parametrize("field", ["undersokningAvPatienten", "journaluppgifter",
                                   "anhorigsBeskrivningAvPatienten", "annatGrundForMU"])
@pytest.mark.parametrize(("value", "code"), [("2026-02-30", IssueCode.INVALID_FORMAT),
                                             ("2026-11-29", IssueCode.FUTURE_DATE)])
def test_r1_basis_date_valid_when_wrong(field: str, value: str, code: IssueCode) -> None:
    """R-1: each given basis date is a real date, not after today."""
    assert only(validate(answered(maximal(), field, value))) == ("1", field, code)


def test_r2_annat_date_requires_description_on_1_3() -> None:
    """R2: an ANNAT date needs a non-blank 1.3."""
    raw = answered(maximal(), "annatGrundForMUBeskrivning", " ")
    assert only(validate(raw)) == ("1.3", "annatGrundForMUBeskrivning", IssueCode.BLANK)


def test_r3_description_without_annat_is_incorrect_combination() -> None:
    """R3: 1.3 without an ANNAT date."""
    raw = answered(minimal(), "annatGrundForMUBeskrivning", "Intyg från skolan.")
    assert only(validate(raw)) == (
        "1.3", "annatGrundForMUBeskrivning", IssueCode.INCORRECT_COMBINATION)


def test_motivation_required_on_1_4_when_not_examined() -> None:
    """1.4: bases without an examination need the motivation (INTYG-2949)."""
    raw = answered(minimal(), "undersokningAvPatienten", None) | {"journaluppgifter": "2026-11-01"}
    assert only(validate(raw)) == (
        "1.4", "motiveringTillInteBaseratPaUndersokning", IssueCode.MISSING)


@pytest.mark.parametrize(("value", "code"), [(None, IssueCode.MISSING),
                                             ("2019-3-1", IssueCode.INVALID_FORMAT),
                                             ("2026-11-29", IssueCode.FUTURE_DATE)])
def test_kannedom_required_valid_on_2_when_wrong(value: str | None, code: IssueCode) -> None:
    """2: required, a real date, not after today."""
    assert only(validate(answered(minimal(), "kannedomOmPatient", value))) == (
        "2", "kannedomOmPatient", code)


@pytest.mark.parametrize("basis", ["undersokningAvPatienten", "anhorigsBeskrivningAvPatienten"])
def test_kannedom_not_after_examination_or_relative_on_2(basis: str) -> None:
    """2: kännedom must not be after the UNDERSOKNING nor the ANHORIG date."""
    raw = answered(maximal(), basis, "2026-11-09")
    assert only(validate(raw)) == ("2", "kannedomOmPatient", IssueCode.INCORRECT_COMBINATION)


def test_underlag_finns_required_on_3() -> None:
    """3: required."""
    assert only(validate(answered(minimal(), "underlagFinns", None))) == (
        "3", "underlagFinns", IssueCode.MISSING)


def test_underlag_finns_unanswered_still_checks_rows() -> None:
    """LUSE keeps checking the rows when 3 is unanswered (unlike LUAE_FS)."""
    raw = answered(maximal(), "underlagFinns", None)
    raw["underlag"][0]["hamtasFran"] = ""
    assert reported(validate(raw)) == {("3", "underlagFinns", IssueCode.MISSING),
                                       ("4", "underlag[0].hamtasFran", IssueCode.BLANK)}


def test_underlag_required_on_4_when_3_is_yes() -> None:
    """3 = true needs at least one investigation."""
    raw = answered(maximal(), "underlag", [])
    assert only(validate(raw)) == ("4", "underlag", IssueCode.MISSING)


def test_r6_underlag_given_when_3_is_no_on_4() -> None:
    """R6: 3 = false with investigations."""
    raw = answered(minimal(), "underlag", [UNDERLAG])
    assert only(validate(raw)) == ("4", "underlag", IssueCode.INCORRECT_COMBINATION)


def test_underlag_at_most_three_on_4() -> None:
    """4: at most three investigations."""
    raw = maximal()
    raw["underlag"].append(UNDERLAG)
    assert only(validate(raw)) == ("4", "underlag", IssueCode.TOO_MANY)


@pytest.mark.parametrize(("key", "value", "code"), [
    ("typ", None, IssueCode.MISSING),
    ("typ", "SKOLHALSOVARD", IssueCode.INVALID_VALUE),
    ("typ", "BARNMORSKA", IssueCode.INVALID_VALUE),
    ("datum", None, IssueCode.MISSING),
    ("datum", "2026-13-01", IssueCode.INVALID_FORMAT),
    ("datum", "2026-11-29", IssueCode.FUTURE_DATE),
    ("hamtasFran", " ", IssueCode.BLANK),
])
def test_underlag_row_complete_on_4_when_wrong(key: str, value: str | None,
                                                code: IssueCode) -> None:
    """4: each row has an accepted kind (not skolhälsovård on LUSE), a real date not after
    today, and a non-blank source."""
    row = answered(UNDERLAG, key, value)
    raw = maximal() | {"underlag": [row]}
    assert only(validate(raw)) == ("4", f"underlag[0].{key}", code)


def test_underlag_first_row_filled_when_several() -> None:
    """4: with several rows the first must not be empty (its parts are also reported)."""
    raw = maximal() | {"underlag": [{}, UNDERLAG]}
    assert reported(validate(raw)) == {
        ("4", "underlag[0]", IssueCode.INCORRECT_COMBINATION),
        ("4", "underlag[0].typ", IssueCode.MISSING),
        ("4", "underlag[0].datum", IssueCode.MISSING),
        ("4", "underlag[0].hamtasFran", IssueCode.MISSING)}


@pytest.mark.parametrize(("rows", "field", "code"), [
    ([], "diagnoser", IssueCode.MISSING),
    ([{"kod": "F32", "beskrivning": "Depression"}], "diagnoser[0].kod", IssueCode.INVALID_FORMAT),
    ([{"kod": "F322", "beskrivning": "D" * 82}], "diagnoser[0].beskrivning", IssueCode.TOO_LONG),
])
def test_diagnosis_block_on_6(rows: list[dict[str, str]], field: str, code: IssueCode) -> None:
    """6: the FK diagnosis block (§0), descriptions at most 81 characters."""
    assert only(validate(minimal() | {"diagnoser": rows})) == ("6", field, code)


@pytest.mark.parametrize(("field", "question_id"), [
    ("sjukdomsforlopp", "5"), ("diagnosgrund", "7"), ("aktivitetsbegransning", "17.1"),
    ("medicinskaForutsattningarForArbete", "22")])
def test_required_text_non_blank(field: str, question_id: str) -> None:
    """5, 7, 17 and 22 must be filled in (whitespace is not an answer)."""
    assert only(validate(answered(minimal(), field, " "))) == (
        question_id, field, IssueCode.BLANK)


def test_new_assessment_required_on_45() -> None:
    """45.1 required."""
    assert only(validate(answered(minimal(), "nyBedomningDiagnosgrund", None))) == (
        "45", "nyBedomningDiagnosgrund", IssueCode.MISSING)


def test_r13_new_assessment_requires_reason_on_45_2() -> None:
    """R13: 45.1 = true needs a non-blank 45.2."""
    raw = answered(maximal(), "diagnosForNyBedomning", " ")
    assert only(validate(raw)) == ("45.2", "diagnosForNyBedomning", IssueCode.BLANK)


@pytest.mark.parametrize(("answer", "also"), [
    (False, set()), (None, {("45", "nyBedomningDiagnosgrund", IssueCode.MISSING)})])
def test_r14_reason_without_new_assessment_on_45_2(
    answer: bool | None, also: set[tuple[str, str, IssueCode]]
) -> None:
    """R14: 45.2 given while 45.1 is false or unanswered (unanswered is also MISSING), on the
    reason's own id 45.2 (one rule for question ids, issue 17; the national rule names 45)."""
    raw = answered(maximal(), "nyBedomningDiagnosgrund", answer)
    assert reported(validate(raw)) == {
        ("45.2", "diagnosForNyBedomning", IssueCode.INCORRECT_COMBINATION), *also}


def test_funktionsnedsattning_one_area_required_on_category() -> None:
    """8-14: at least one area described, reported on the category."""
    raw = answered(minimal(), "funktionsnedsattningPsykisk", "  ")
    assert only(validate(raw)) == (
        "funktionsnedsattning", "funktionsnedsattning", IssueCode.MISSING)


@pytest.mark.parametrize("answer", [False, None])
def test_r11_contact_reason_without_wish_on_26_2(answer: bool | None) -> None:
    """R11: 26.2 given while 26.1 is not true, on the reason's own id 26.2 (one rule for
    question ids, issue 17; the national rule names 26)."""
    raw = answered(maximal(), "kontaktMedFk", answer)
    assert only(validate(raw)) == ("26.2", "anledningTillKontakt",
                                   IssueCode.INCORRECT_COMBINATION)


@pytest.mark.parametrize(("field", "question_id"), [
    ("anledningTillKontakt", "26.2"), ("avslutadBehandling", "18"), ("pagaendeBehandling", "19"),
    ("planeradBehandling", "20"), ("substansintag", "21"), ("formagaTrotsBegransning", "23"),
    ("ovrigt", "25")])
def test_blank_but_present_refused(field: str, question_id: str) -> None:
    """Optional texts may be left out but not be only whitespace."""
    assert only(validate(answered(maximal(), field, " \t"))) == (
        question_id, field, IssueCode.BLANK)


def test_blank_but_present_refused_on_1_3() -> None:
    """1.3 without ANNAT: whitespace only is BLANK (not an answer, so not R3)."""
    raw = answered(minimal(), "annatGrundForMUBeskrivning", " ")
    assert only(validate(raw)) == ("1.3", "annatGrundForMUBeskrivning", IssueCode.BLANK)


@pytest.mark.parametrize(("field", "question_id", "limit"), [
    ("annatGrundForMUBeskrivning", "1.3", 3500),
    ("motiveringTillInteBaseratPaUndersokning", "1.4", 150),
    ("sjukdomsforlopp", "5", 3500), ("diagnosgrund", "7", 3500),
    ("diagnosForNyBedomning", "45.2", 3500),
    *((f"funktionsnedsattning{area}", str(question_id), 3500) for question_id, area in enumerate(
        ("Intellektuell", "Kommunikation", "Koncentration", "Psykisk", "SynHorselTal",
         "BalansKoordination", "Annan"), start=8)),
    ("aktivitetsbegransning", "17.1", 3500), ("avslutadBehandling", "18", 3500),
    ("pagaendeBehandling", "19", 3500), ("planeradBehandling", "20", 3500),
    ("substansintag", "21", 3500), ("medicinskaForutsattningarForArbete", "22", 3500),
    ("formagaTrotsBegransning", "23", 3500), ("ovrigt", "25", 2700),
    ("anledningTillKontakt", "26.2", 3500)])
def test_text_limits_too_long(field: str, question_id: str, limit: int) -> None:
    """UI limits of TYPES.md §1: the limit passes, one character more is TOO_LONG."""
    assert validate(answered(maximal(), field, "x" * limit)) == []
    assert only(validate(answered(maximal(), field, "x" * (limit + 1)))) == (
        question_id, field, IssueCode.TOO_LONG)


@pytest.mark.parametrize(("rows", "code"), [
    ([{"svar": "Ja"}], IssueCode.MISSING), ([{"id": "42", "svar": "Ja"}], IssueCode.INVALID_VALUE),
    ([{"id": "9001"}, {"id": "9001"}], IssueCode.DUPLICATE)])
def test_tillaggsfragor_answer_fk_question_ids(rows: list[dict[str, str]],
                                               code: IssueCode) -> None:
    """Tilläggsfrågor answer FK's svar ids from 9000 (TILLAGGSFRAGOR_START), each once."""
    index = len(rows) - 1
    assert only(validate(minimal() | {"tillaggsfragor": rows})) == (
        "tillaggsfragor", f"tillaggsfragor[{index}].id", code)


def test_care_unit_address_required_when_missing() -> None:
    """§0 R-vårdenhet: the issuing unit needs a postal address."""
    unit = CARE_UNIT.model_copy(update={"postal_address": " "})
    assert only(validate(minimal(), unit)) == (
        "vardenhet", "vardenhet.postadress", IssueCode.MISSING)


def test_every_failure_reported_at_once() -> None:
    """An empty draft reports each required question, not just the first."""
    assert reported(validate({})) == {
        ("1", "grundForMU", IssueCode.MISSING), ("2", "kannedomOmPatient", IssueCode.MISSING),
        ("3", "underlagFinns", IssueCode.MISSING), ("5", "sjukdomsforlopp", IssueCode.MISSING),
        ("6", "diagnoser", IssueCode.MISSING), ("7", "diagnosgrund", IssueCode.MISSING),
        ("45", "nyBedomningDiagnosgrund", IssueCode.MISSING),
        ("funktionsnedsattning", "funktionsnedsattning", IssueCode.MISSING),
        ("17.1", "aktivitetsbegransning", IssueCode.MISSING),
        ("22", "medicinskaForutsattningarForArbete", IssueCode.MISSING)}
