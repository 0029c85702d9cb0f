"""DB (dödsbevis) content model and validation, and the questions 1-4 DB shares with DOI:
TYPES.md §0 and §10, one failing example per rule."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.content.death.common import KOMMUNER, is_municipality
from domain.content.death.db import QUESTION_IDS, DbContent, validate_db
from domain.shared.care import CareUnit
from domain.shared.validation import IssueCode, ValidationIssue
from tests.factories.content import DB_PATIENT_ADDRESS as ADDRESS
from tests.factories.content import DEATH_CARE_UNIT as CARE_UNIT
from tests.factories.content import EXAMINED_SHORTLY_BEFORE_DEATH as GJORT
from tests.factories.content import maximal_db, minimal_db
from tests.unit.content.issue_helpers import only

TODAY = date(2026, 11, 28)
BORN = date(1950, 3, 10)
def validate(raw: dict[str, Any], unit: CareUnit = CARE_UNIT,
             born: date | None = BORN) -> list[ValidationIssue]:
    return validate_db(DbContent.model_validate(raw), TODAY, unit, birth_date=born)


def edited(**changes: Any) -> dict[str, Any]:
    """The minimal DB with top-level answers replaced (None removes one)."""
    raw = minimal_db() | changes
    return {key: value for key, value in raw.items() if value is not None}


def uncertain(**changes: Any) -> dict[str, Any]:
    """The minimal DB with an uncertain date of death (November 2026, found on the 27th)."""
    return edited(**({"dodsdatumSakert": False, "dodsdatum": "2026-11-00",
                      "antraffatDodDatum": "2026-11-27"} | changes))




# --- passing, model -------------------------------------------------------------------------
def test_minimal_db_passes_when_only_required_answers_given() -> None:
    """TYPES.md §10: a DB with every required answer is complete."""
    assert validate(minimal_db()) == []


def test_maximal_db_passes_when_every_question_answered() -> None:
    """TYPES.md §10: every question answered at its limits is complete."""
    assert validate(maximal_db()) == []


def test_question_ids_cover_every_top_level_answer() -> None:
    """TYPES.md §10: every top-level answer maps to its national question id."""
    assert set(QUESTION_IDS) == {f.alias for f in DbContent.model_fields.values()}


def test_municipality_list_complete_when_loaded() -> None:
    """TYPES.md §10 q3.1: the type-ahead list holds Sweden's 290 municipalities."""
    assert len(KOMMUNER) == 290
    assert is_municipality("  göteborg") and not is_municipality("Göteborgs stad")


def test_birth_checks_skipped_when_birth_date_unknown() -> None:
    """TYPES.md §10: without the birth date nothing is checked against it."""
    assert validate(edited(dodsdatum="1940-01-01"), born=None) == []


# --- patient, care unit, 1 ------------------------------------------------------------------
def test_patient_address_required_when_missing() -> None:
    """TYPES.md §0 PatientValidator: postadress, postnummer and postort required."""
    issues = validate(edited(patient=None))
    assert {(i.question_id, i.field, i.code) for i in issues} == {
        ("patient", f"patient.{part}", IssueCode.MISSING)
        for part in ("postadress", "postnummer", "postort")}


def test_patient_postal_code_valid_when_malformed() -> None:
    """TYPES.md §0 PatientValidator: postnummer \\d{3}\\s?\\d{2}."""
    assert only(validate(edited(patient=ADDRESS | {"postnummer": "752-36"}))) == (
        "patient", "patient.postnummer", IssueCode.INVALID_FORMAT)


def test_care_unit_phone_required_when_missing() -> None:
    """TYPES.md §0 R-vårdenhet: the unit needs a phone number."""
    unit = CARE_UNIT.model_copy(update={"phone": ""})
    assert only(validate(minimal_db(), unit)) == (
        "vardenhet", "vardenhet.telefonnummer", IssueCode.MISSING)


@pytest.mark.parametrize(("value", "code"), [(" ", IssueCode.BLANK),
                                             ("x" * 28, IssueCode.TOO_LONG)])
def test_identity_text_valid_when_wrong(value: str, code: IssueCode) -> None:
    """TYPES.md §10 q1: non-blank, at most 27 characters."""
    assert only(validate(edited(identitetStyrkt=value))) == ("1.1", "identitetStyrkt", code)


# --- 2: date of death -----------------------------------------------------------------------
def test_certainty_required_when_missing_and_stops_date_checks() -> None:
    """TYPES.md §10 q2.1: required; without it the dates are not checked."""
    raw = edited(dodsdatumSakert=None, dodsdatum="inte ett datum", antraffatDodDatum="x")
    assert only(validate(raw)) == ("2.1", "dodsdatumSakert", IssueCode.MISSING)


@pytest.mark.parametrize(("value", "code"), [
    (None, IssueCode.MISSING), ("2026-11-31", IssueCode.INVALID_FORMAT),
    ("2026-11-29", IssueCode.FUTURE_DATE), ("1950-03-09", IssueCode.BEFORE_BIRTH)])
def test_certain_death_date_valid_when_wrong(value: str | None, code: IssueCode) -> None:
    """TYPES.md §10 R1: säkert needs 2.2, valid, not future, not before birth."""
    assert only(validate(edited(dodsdatum=value))) == ("2.2", "dodsdatum", code)


@pytest.mark.parametrize(("value", "code"), [
    (None, IssueCode.MISSING), ("2026-11", IssueCode.INVALID_FORMAT),
    ("2026-12-00", IssueCode.FUTURE_DATE), ("1949-00-00", IssueCode.BEFORE_BIRTH)])
def test_uncertain_death_date_valid_when_wrong(value: str | None, code: IssueCode) -> None:
    """TYPES.md §10 R2: ej säkert needs year and month chosen (2.2.1), not a future year or
    month, not before birth."""
    assert only(validate(uncertain(dodsdatum=value))) == ("2.2.1", "dodsdatum", code)


def test_uncertain_death_date_allowed_when_nothing_known() -> None:
    """TYPES.md §10 q2.2: year and month may be 'okänt' (0000-00-00)."""
    assert validate(uncertain(dodsdatum="0000-00-00")) == []


@pytest.mark.parametrize(("value", "code"), [
    (None, IssueCode.MISSING), ("27/11/2026", IssueCode.INVALID_FORMAT),
    ("2026-11-29", IssueCode.FUTURE_DATE), ("2026-10-31", IssueCode.INVALID_RANGE)])
def test_found_dead_date_valid_when_wrong(value: str | None, code: IssueCode) -> None:
    """TYPES.md §10 R3: ej säkert needs 2.3, valid, not future, not before the vague date."""
    assert only(validate(uncertain(antraffatDodDatum=value))) == ("2.3", "antraffatDodDatum", code)


def test_found_dead_date_reasonable_when_before_1900() -> None:
    """TYPES.md §10 R3: 2.3 within 1900-2099."""
    raw = uncertain(dodsdatum="0000-00-00", antraffatDodDatum="1899-12-31")
    assert only(validate(raw, born=None)) == ("2.3", "antraffatDodDatum", IssueCode.INVALID_VALUE)


def test_found_dead_date_after_birth_when_before() -> None:
    """TYPES.md §10 R3: 2.3 not before birth."""
    raw = uncertain(dodsdatum="0000-00-00", antraffatDodDatum="1950-03-01")
    assert only(validate(raw)) == ("2.3", "antraffatDodDatum", IssueCode.BEFORE_BIRTH)


def test_found_dead_date_forbidden_when_death_date_certain() -> None:
    """TYPES.md §10 R3: säkert with 2.3 given is an incorrect combination."""
    assert only(validate(edited(antraffatDodDatum="2026-11-27"))) == (
        "2.3", "antraffatDodDatum", IssueCode.INCORRECT_COMBINATION)


# --- 3, 4 -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("value", "code"), [
    (None, IssueCode.MISSING), ("Uppsala kommun", IssueCode.INVALID_VALUE),
    ("x" * 29, IssueCode.TOO_LONG)])
def test_place_municipality_valid_when_wrong(value: str | None, code: IssueCode) -> None:
    """TYPES.md §10 q3.1: non-blank, at most 28 characters, a known municipality."""
    assert only(validate(edited(dodsplatsKommun=value))) == ("3.1", "dodsplatsKommun", code)


@pytest.mark.parametrize(("value", "code"), [(None, IssueCode.MISSING),
                                             ("HEMMA", IssueCode.INVALID_VALUE)])
def test_place_kind_required_when_wrong(value: str | None, code: IssueCode) -> None:
    """TYPES.md §10 R4: 3.2 required, a known code."""
    assert only(validate(edited(dodsplatsBoende=value))) == ("3.2", "dodsplatsBoende", code)


def test_child_required_when_missing() -> None:
    """TYPES.md §10 q4.1: required."""
    assert only(validate(edited(barn=None))) == ("4.1", "barn", IssueCode.MISSING)


@pytest.mark.parametrize(("born", "barn"), [(date(2026, 10, 30), False),
                                            (date(2026, 10, 29), True)])
def test_child_matches_age_when_death_date_certain(born: date, barn: bool) -> None:
    """TYPES.md §10 R20: barn = true exactly when death ≤ birth + 28 days."""
    assert only(validate(edited(barn=barn), born=born)) == (
        "4.1", "barn", IssueCode.INCORRECT_COMBINATION)


# --- 5, 6, 7 --------------------------------------------------------------------------------
def test_implant_required_when_missing() -> None:
    """TYPES.md §10 R5: 5.1 required."""
    assert only(validate(edited(explosivImplantat=None))) == (
        "5.1", "explosivImplantat", IssueCode.MISSING)


def test_implant_removed_required_when_implant() -> None:
    """TYPES.md §10 R5: 5.1 = true needs 5.2."""
    assert only(validate(edited(explosivImplantat=True))) == (
        "5.2", "explosivAvlagsnat", IssueCode.MISSING)


def test_implant_removed_forbidden_when_no_implant() -> None:
    """TYPES.md §10 R5: 5.1 = false with 5.2 given is an error."""
    assert only(validate(edited(explosivAvlagsnat=False))) == (
        "5.2", "explosivAvlagsnat", IssueCode.FORBIDDEN)


@pytest.mark.parametrize(("value", "code"), [(None, IssueCode.MISSING),
                                             ("NEJ", IssueCode.INVALID_VALUE)])
def test_examination_required_when_wrong(value: str | None, code: IssueCode) -> None:
    """TYPES.md §10 R6: 6.1 required, a known answer."""
    assert only(validate(edited(undersokningYttre=value))) == ("6.1", "undersokningYttre", code)


@pytest.mark.parametrize(("value", "code"), [
    (None, IssueCode.MISSING), ("2026-11-20T10:00", IssueCode.INVALID_FORMAT),
    ("2026-11-29", IssueCode.FUTURE_DATE), ("2026-10-29", IssueCode.INVALID_RANGE),
    ("1950-03-01", IssueCode.BEFORE_BIRTH)])
def test_examination_date_valid_when_wrong(value: str | None, code: IssueCode) -> None:
    """TYPES.md §10 R7: 6.3 required, valid, not future, at most 4 weeks before a certain death,
    not before birth."""
    raw = edited(undersokningYttre=GJORT, undersokningDatum=value, dodsdatum="2026-11-27")
    assert only(validate(raw)) == ("6.3", "undersokningDatum", code)


def test_examination_date_reasonable_when_before_1900() -> None:
    """TYPES.md §10 R7: 6.3 reasonable (1900-2099)."""
    raw = uncertain(dodsdatum="0000-00-00", undersokningYttre=GJORT,
                    undersokningDatum="1899-01-01")
    assert only(validate(raw, born=None)) == (
        "6.3", "undersokningDatum", IssueCode.INVALID_VALUE)


def test_examination_date_not_after_death_when_later() -> None:
    """TYPES.md §10 R7: 6.3 not after a certain date of death."""
    raw = edited(dodsdatum="2026-11-20", undersokningYttre=GJORT, undersokningDatum="2026-11-21")
    assert only(validate(raw)) == ("6.3", "undersokningDatum", IssueCode.INVALID_RANGE)


def test_examination_date_not_after_found_dead_when_later() -> None:
    """TYPES.md §10 R7: 6.3 not after the anträffad-död date (ej säkert)."""
    raw = uncertain(antraffatDodDatum="2026-11-20", undersokningYttre=GJORT,
                    undersokningDatum="2026-11-21")
    assert only(validate(raw)) == ("6.3", "undersokningDatum", IssueCode.INVALID_RANGE)


def test_police_report_required_when_missing() -> None:
    """TYPES.md §10 q7.1: required."""
    assert only(validate(edited(polisanmalan=None))) == ("7.1", "polisanmalan", IssueCode.MISSING)


def test_police_report_required_when_forensic_examination_to_be_done() -> None:
    """TYPES.md §10 R19: UNDERSOKNING_SKA_GORAS needs polisanmälan = true."""
    raw = edited(undersokningYttre="UNDERSOKNING_SKA_GORAS")
    assert only(validate(raw)) == ("7.1", "polisanmalan", IssueCode.INCORRECT_COMBINATION)
