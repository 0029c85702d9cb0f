"""LUAE_NA (TYPES.md §2) and LUAE_FS (TYPES.md §3): content models and validation, one failing
example per rule. The rules both share with LUSE run on both types; each type's own rules and
differences follow."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from domain.content.lu import luae_fs, luae_na
from domain.content.lu.common import LuContent
from domain.shared.care import CareUnit
from domain.shared.validation import IssueCode, ValidationIssue
from tests.factories.content import (
    CARE_UNIT,
    SKOLA,
    TODAY,
    UNDERLAG,
    fs_maximal,
    fs_minimal,
    na_maximal,
    na_minimal,
)
from tests.unit.content.issue_helpers import answered, only, reported

FHV = {"typ": "FORETAGSHALSOVARD", "datum": "2026-09-01", "hamtasFran": "Företagshälsan"}


@dataclass(frozen=True)
class Form:
    model: type[LuContent]
    check: Callable[[Any, date, CareUnit], list[ValidationIssue]]
    question_ids: dict[str, str]
    renew: Callable[[Any], Any]
    minimal: Callable[[], dict[str, Any]]
    maximal: Callable[[], dict[str, Any]]

    def validate(self, raw: dict[str, Any], unit: CareUnit = CARE_UNIT) -> list[ValidationIssue]:
        return self.check(self.model.model_validate(raw), TODAY, unit)


NA = Form(luae_na.LuaeNaContent, luae_na.validate_luae_na, luae_na.QUESTION_IDS,
          luae_na.renewal_content, na_minimal, na_maximal)
FS = Form(luae_fs.LuaeFsContent, luae_fs.validate_luae_fs, luae_fs.QUESTION_IDS,
          luae_fs.renewal_content, fs_minimal, fs_maximal)
BOTH = pytest.mark.parametrize("form", [NA, FS], ids=["luae_na", "luae_fs"])


# --- both types -----------------------------------------------------------------------------
@BOTH
def test_minimal_passes_when_only_required_answers_given(form: Form) -> None:
    """§2/§3: one basis, kännedom, no investigations, a diagnosis and the required texts."""
    assert form.validate(form.minimal()) == []


@BOTH
def test_maximal_passes_when_every_question_answered(form: Form) -> None:
    """§2/§3: every answer given, skolhälsovård among the investigations."""
    assert form.validate(form.maximal()) == []


@BOTH
def test_maximal_roundtrips_unchanged(form: Form) -> None:
    """The stored JSON (national camelCase names) parses and dumps back to itself."""
    dumped = form.model.model_validate(form.maximal()).model_dump(
        by_alias=True, exclude_none=True, mode="json")
    assert dumped == form.maximal()


@BOTH
def test_question_ids_cover_every_top_level_answer(form: Form) -> None:
    """Every top-level answer maps to a question id for shape errors."""
    assert set(form.question_ids) == {f.alias for f in form.model.model_fields.values()}


@BOTH
def test_renewal_copies_everything(form: Form) -> None:
    """§0.1: FK renewal copies everything."""
    content = form.model.model_validate(form.maximal())
    assert form.renew(content) == content


@BOTH
def test_r1_basis_required_when_none_given(form: Form) -> None:
    """R-1: at least one grund-för-MU date, on 1."""
    raw = answered(form.minimal(), "undersokningAvPatienten", None)
    assert only(form.validate(raw)) == ("1", "grundForMU", IssueCode.MISSING)


@BOTH
@pytest.mark.parametrize(("field", "value", "code"), [
    ("annatGrundForMU", "15 nov", IssueCode.INVALID_FORMAT),
    ("journaluppgifter", "2027-01-01", IssueCode.FUTURE_DATE)])
def test_r1_basis_date_valid_when_wrong(form: Form, field: str, value: str,
                                        code: IssueCode) -> None:
    """R-1: each basis date real and not after today."""
    assert only(form.validate(answered(form.maximal(), field, value))) == ("1", field, code)


@BOTH
def test_r2_annat_date_requires_description_on_1_3(form: Form) -> None:
    """R2: an ANNAT date needs 1.3."""
    raw = answered(form.maximal(), "annatGrundForMUBeskrivning", None)
    assert only(form.validate(raw)) == ("1.3", "annatGrundForMUBeskrivning", IssueCode.MISSING)


@BOTH
def test_r3_description_without_annat_is_incorrect_combination(form: Form) -> None:
    """R3: 1.3 without ANNAT."""
    raw = answered(form.minimal(), "annatGrundForMUBeskrivning", "Skolans utredning.")
    assert only(form.validate(raw)) == (
        "1.3", "annatGrundForMUBeskrivning", IssueCode.INCORRECT_COMBINATION)


@BOTH
def test_motivation_required_on_1_4_when_not_examined(form: Form) -> None:
    """1.4: bases without an examination need the motivation."""
    raw = answered(form.minimal(), "undersokningAvPatienten", None)
    raw["anhorigsBeskrivningAvPatienten"] = "2026-11-01"
    assert only(form.validate(raw)) == (
        "1.4", "motiveringTillInteBaseratPaUndersokning", IssueCode.MISSING)


@BOTH
@pytest.mark.parametrize(("value", "code"), [(None, IssueCode.MISSING),
                                             ("2026-11-29", IssueCode.FUTURE_DATE)])
def test_kannedom_required_valid_on_2_when_wrong(form: Form, value: str | None,
                                                 code: IssueCode) -> None:
    """2: required, a real date not after today."""
    assert only(form.validate(answered(form.minimal(), "kannedomOmPatient", value))) == (
        "2", "kannedomOmPatient", code)


@BOTH
def test_kannedom_not_after_examination_on_2(form: Form) -> None:
    """2: kännedom not after the UNDERSOKNING (or ANHORIG) date."""
    raw = answered(form.minimal(), "kannedomOmPatient", "2026-11-21")
    assert only(form.validate(raw)) == ("2", "kannedomOmPatient", IssueCode.INCORRECT_COMBINATION)


@BOTH
def test_underlag_finns_required_on_3(form: Form) -> None:
    """3: required."""
    assert only(form.validate(answered(form.minimal(), "underlagFinns", None))) == (
        "3", "underlagFinns", IssueCode.MISSING)


@BOTH
@pytest.mark.parametrize(("finns", "rows", "code"), [
    (True, [], IssueCode.MISSING), (False, [UNDERLAG], IssueCode.INCORRECT_COMBINATION),
    (True, [UNDERLAG] * 4, IssueCode.TOO_MANY)])
def test_underlag_agrees_with_3_on_4(form: Form, finns: bool, rows: list[dict[str, str]],
                                     code: IssueCode) -> None:
    """3 = true needs investigations, R6: 3 = false refuses them; at most three."""
    raw = form.minimal() | {"underlagFinns": finns, "underlag": rows}
    assert only(form.validate(raw)) == ("4", "underlag", code)


@BOTH
@pytest.mark.parametrize(("key", "value", "code"), [
    ("typ", "OKAND", IssueCode.INVALID_VALUE), ("datum", "2026-11-29", IssueCode.FUTURE_DATE),
    ("hamtasFran", "", IssueCode.BLANK)])
def test_underlag_row_complete_on_4_when_wrong(form: Form, key: str, value: str,
                                               code: IssueCode) -> None:
    """4: each row has a known kind, a date not after today and a source."""
    raw = form.maximal() | {"underlag": [answered(UNDERLAG, key, value)]}
    assert only(form.validate(raw)) == ("4", f"underlag[0].{key}", code)


@BOTH
def test_underlag_first_row_filled_when_several(form: Form) -> None:
    """4: with several rows the first must not be empty."""
    raw = form.maximal() | {"underlag": [{}, UNDERLAG]}
    assert reported(form.validate(raw)) == {
        ("4", "underlag[0]", IssueCode.INCORRECT_COMBINATION),
        *(("4", f"underlag[0].{key}", IssueCode.MISSING) for key in ("typ", "datum", "hamtasFran"))}


@BOTH
@pytest.mark.parametrize(("rows", "field", "code"), [
    ([], "diagnoser", IssueCode.MISSING),
    ([{"kod": "F900", "beskrivning": "x" * 82}], "diagnoser[0].beskrivning", IssueCode.TOO_LONG)])
def test_diagnosis_block_on_6(form: Form, rows: list[dict[str, str]], field: str,
                              code: IssueCode) -> None:
    """6: the FK diagnosis block (§0), descriptions at most 81 characters."""
    assert only(form.validate(form.minimal() | {"diagnoser": rows})) == ("6", field, code)


@BOTH
def test_r11_contact_reason_refused_when_no_on_26_2(form: Form) -> None:
    """R11: a contact reason beside 26.1 = false."""
    raw = answered(form.maximal(), "kontaktMedFk", False)
    assert only(form.validate(raw)) == (
        "26.2", "anledningTillKontakt", IssueCode.INCORRECT_COMBINATION)


@BOTH
@pytest.mark.parametrize(("field", "question_id"), [
    ("anledningTillKontakt", "26.2"), ("ovrigt", "25")])
def test_blank_but_present_refused(form: Form, field: str, question_id: str) -> None:
    """26.2 and 25 may be left out but not be only whitespace (1.3: see LUSE)."""
    assert only(form.validate(answered(form.maximal(), field, "   "))) == (
        question_id, field, IssueCode.BLANK)


@BOTH
def test_tillaggsfragor_answer_fk_question_ids(form: Form) -> None:
    """Tilläggsfrågor have svar ids from 9000."""
    raw = form.minimal() | {"tillaggsfragor": [{"id": "8999", "svar": "Nej"}]}
    assert only(form.validate(raw)) == (
        "tillaggsfragor", "tillaggsfragor[0].id", IssueCode.INVALID_VALUE)


@BOTH
def test_care_unit_address_required_when_incomplete(form: Form) -> None:
    """§0 R-vårdenhet: the postal code must be five digits."""
    unit = CARE_UNIT.model_copy(update={"postal_code": "1234"})
    assert only(form.validate(form.minimal(), unit)) == (
        "vardenhet", "vardenhet.postnummer", IssueCode.INVALID_FORMAT)


# --- LUAE_NA: LUSE's own questions and the differences of §2 ---------------------------------
@pytest.mark.parametrize(("field", "value", "expected"), [
    ("sjukdomsforlopp", " ", ("5", "sjukdomsforlopp", IssueCode.BLANK)),
    ("diagnosgrund", None, ("7", "diagnosgrund", IssueCode.MISSING)),
    ("nyBedomningDiagnosgrund", None, ("45", "nyBedomningDiagnosgrund", IssueCode.MISSING)),
    ("funktionsnedsattningPsykisk", None,
     ("funktionsnedsattning", "funktionsnedsattning", IssueCode.MISSING)),
    ("aktivitetsbegransning", "", ("17.1", "aktivitetsbegransning", IssueCode.BLANK)),
    ("medicinskaForutsattningarForArbete", None,
     ("22", "medicinskaForutsattningarForArbete", IssueCode.MISSING))])
def test_na_required_luse_questions(field: str, value: str | None,
                                    expected: tuple[str, str, IssueCode]) -> None:
    """§2: 5, 7, 45.1, one of 8-14, 17 and 22 are required as in LUSE."""
    assert only(NA.validate(answered(na_minimal(), field, value))) == expected


def test_na_r13_new_assessment_requires_reason_on_45_2() -> None:
    """R13 as in LUSE."""
    raw = answered(na_maximal(), "diagnosForNyBedomning", None)
    assert only(NA.validate(raw)) == ("45.2", "diagnosForNyBedomning", IssueCode.MISSING)


def test_na_r14_reason_without_new_assessment_on_45_2() -> None:
    """R14 as in LUSE."""
    raw = answered(na_maximal(), "nyBedomningDiagnosgrund", False)
    assert only(NA.validate(raw)) == (
        "45.2", "diagnosForNyBedomning", IssueCode.INCORRECT_COMBINATION)


def test_na_r11_contact_reason_refused_when_unanswered() -> None:
    """R11 as in LUSE: an unanswered 26.1 does not allow a reason."""
    raw = answered(na_maximal(), "kontaktMedFk", None)
    assert only(NA.validate(raw)) == (
        "26.2", "anledningTillKontakt", IssueCode.INCORRECT_COMBINATION)


@pytest.mark.parametrize(("field", "question_id"), [
    ("forslagTillAtgard", "24"), ("avslutadBehandling", "18"), ("pagaendeBehandling", "19"),
    ("planeradBehandling", "20"), ("substansintag", "21"), ("formagaTrotsBegransning", "23")])
def test_na_blank_but_present_refused(field: str, question_id: str) -> None:
    """§2: blank-but-present also on 24, as on 18-21 and 23."""
    assert only(NA.validate(answered(na_maximal(), field, " "))) == (
        question_id, field, IssueCode.BLANK)


def test_na_accepts_underlag_from_skolhalsovard() -> None:
    """§2: every KV_FKMU_0005 kind, skolhälsovård included."""
    assert NA.validate(na_maximal() | {"underlag": [SKOLA]}) == []


@pytest.mark.parametrize("field", ["medicinskaForutsattningarForArbete",
                                   "formagaTrotsBegransning", "forslagTillAtgard",
                                   "diagnosForNyBedomning"])
def test_na_unlimited_texts_accept_long_answers(field: str) -> None:
    """§2: 22, 23, 24 and 45.2 carry no UI limit in LUAE_NA."""
    assert NA.validate(answered(na_maximal(), field, "x" * 10_000)) == []


@pytest.mark.parametrize(("field", "question_id", "limit"), [
    ("annatGrundForMUBeskrivning", "1.3", 3500),
    ("motiveringTillInteBaseratPaUndersokning", "1.4", 150),
    ("sjukdomsforlopp", "5", 3500), ("diagnosgrund", "7", 3500),
    ("funktionsnedsattningAnnan", "14", 3500), ("aktivitetsbegransning", "17.1", 3500),
    ("avslutadBehandling", "18", 3500), ("substansintag", "21", 3500),
    ("ovrigt", "25", 2700), ("anledningTillKontakt", "26.2", 3500)])
def test_na_text_limits_too_long(field: str, question_id: str, limit: int) -> None:
    """§2: the remaining UI limits are LUSE's."""
    assert NA.validate(answered(na_maximal(), field, "x" * limit)) == []
    assert only(NA.validate(answered(na_maximal(), field, "x" * (limit + 1)))) == (
        question_id, field, IssueCode.TOO_LONG)


# --- LUAE_FS: its own questions and the differences of §3 -----------------------------------
@pytest.mark.parametrize(("field", "question_id"), [
    ("funktionsnedsattningDebut", "15"), ("funktionsnedsattningPaverkan", "16")])
def test_fs_required_text_non_blank(field: str, question_id: str) -> None:
    """§3: 15 and 16 must be filled in."""
    assert only(FS.validate(answered(fs_minimal(), field, "\n"))) == (
        question_id, field, IssueCode.BLANK)


def test_fs_refuses_underlag_from_foretagshalsovard() -> None:
    """§3: every KV_FKMU_0005 kind except företagshälsovård."""
    raw = fs_maximal() | {"underlag": [FHV]}
    assert only(FS.validate(raw)) == ("4", "underlag[0].typ", IssueCode.INVALID_VALUE)


def test_fs_underlag_finns_unanswered_stops_underlag_checks() -> None:
    """§3: with 3 unanswered the investigations are not checked further."""
    raw = answered(fs_maximal(), "underlagFinns", None) | {"underlag": [{}, FHV, FHV, FHV]}
    assert only(FS.validate(raw)) == ("3", "underlagFinns", IssueCode.MISSING)


def test_fs_r11_contact_reason_allowed_when_unanswered() -> None:
    """§3: only 26.1 = false refuses a reason; an unanswered 26.1 does not."""
    assert FS.validate(answered(fs_maximal(), "kontaktMedFk", None)) == []


@pytest.mark.parametrize(("field", "question_id", "limit"), [
    ("annatGrundForMUBeskrivning", "1.3", 3500),
    ("motiveringTillInteBaseratPaUndersokning", "1.4", 150),
    ("funktionsnedsattningDebut", "15", 3500), ("funktionsnedsattningPaverkan", "16", 3500),
    ("ovrigt", "25", 2850), ("anledningTillKontakt", "26.2", 3500)])
def test_fs_text_limits_too_long(field: str, question_id: str, limit: int) -> None:
    """§3: UI limits; Övrigt holds 2850 characters."""
    assert FS.validate(answered(fs_maximal(), field, "x" * limit)) == []
    assert only(FS.validate(answered(fs_maximal(), field, "x" * (limit + 1)))) == (
        question_id, field, IssueCode.TOO_LONG)


def test_fs_has_no_luse_questions() -> None:
    """§3: no sjukdomsförlopp, diagnosgrund, 45 or 22 in LUAE_FS; the model refuses them."""
    with pytest.raises(ValueError, match="sjukdomsforlopp"):
        luae_fs.LuaeFsContent.model_validate(fs_minimal() | {"sjukdomsforlopp": "x"})


def test_fs_every_failure_reported_at_once() -> None:
    """An empty draft reports each required question of §3."""
    assert reported(FS.validate({})) == {
        ("1", "grundForMU", IssueCode.MISSING), ("2", "kannedomOmPatient", IssueCode.MISSING),
        ("3", "underlagFinns", IssueCode.MISSING), ("6", "diagnoser", IssueCode.MISSING),
        ("15", "funktionsnedsattningDebut", IssueCode.MISSING),
        ("16", "funktionsnedsattningPaverkan", IssueCode.MISSING)}
