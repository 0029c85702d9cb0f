"""TSTRK1009 (TYPES.md §8) and TSTRK1062 (TYPES.md §9): content models and validation, one
failing example per rule."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.content.ts.tstrk1009 import QUESTION_IDS as QUESTION_IDS_1009
from domain.content.ts.tstrk1009 import Tstrk1009Content, validate_tstrk1009
from domain.content.ts.tstrk1062 import QUESTION_IDS as QUESTION_IDS_1062
from domain.content.ts.tstrk1062 import Tstrk1062Content, validate_tstrk1062
from domain.shared.care import CareUnit
from domain.shared.validation import IssueCode, ValidationIssue
from tests.factories.content import minimal_1009, minimal_1062
from tests.unit.content.issue_helpers import answered, only

TODAY = date(2026, 11, 28)
CARE_UNIT = CareUnit(
    hsa_id="SE2321000016-1003", care_giver_hsa_id="SE2321000016-1000", name="Vårdcentralen Norr",
    postal_address="Storgatan 1", postal_code="123 45", postal_town="Norrstad",
    phone="010-123 45 67", lan="01",
)


def maximal_1009() -> dict[str, Any]:
    return minimal_1009() | {
        "identitetStyrktGenom": {"typ": "IDK6"},
        "anmalanAvser": {"typ": "SANNOLIK_OLAMPLIGHET"},
        "senasteUndersokningsdatum": "2026-11-28",
        "intygetAvserBehorigheter": {"typer": ["A_B_TRAKTOR", "C_E", "D", "TAXI"]},
        "informationOmTsBeslutOnskas": True,
    }


def maximal_1062() -> dict[str, Any]:
    return minimal_1062() | {
        "intygAvser": {"behorigheter": [*(f"IAV{n}" for n in range(1, 10)),
                                        *(f"IAV{n}" for n in range(11, 18))]},
        "diagnosRegistrering": {"typ": "DIAGNOS_KODAD"},
        "diagnosFritext": None,
        "diagnosKodad": [
            {"diagnosKod": "F900", "diagnosKodSystem": "ICD_10_SE",
             "diagnosBeskrivning": "ADHD", "diagnosDisplayName": "Aktivitets- och "
             "uppmärksamhetsstörning", "diagnosArtal": "2015"},
            {"diagnosKod": "F840", "diagnosKodSystem": "ICD_10_SE", "diagnosArtal": "2026"}],
        "lakemedelsbehandling": {"harHaft": True, "pagar": True, "aktuell": "Metylfenidat",
                                 "pagatt": True, "effekt": True, "foljsamhet": True},
        "prognosTillstand": {"typ": "KANEJBEDOMA"},
        "ovrigaKommentarer": "Inga.",
        "bedomning": {"uppfyllerBehorighetskrav": [
            *(f"VAR{n}" for n in range(1, 10)), *(f"VAR{n}" for n in range(12, 19))]},
    }


def validate_1009(raw: dict[str, Any], unit: CareUnit = CARE_UNIT) -> list[ValidationIssue]:
    return validate_tstrk1009(Tstrk1009Content.model_validate(raw), TODAY, unit)


def validate_1062(raw: dict[str, Any], unit: CareUnit = CARE_UNIT) -> list[ValidationIssue]:
    return validate_tstrk1062(Tstrk1062Content.model_validate(raw), TODAY, unit)






# --- TSTRK1009 ------------------------------------------------------------------------------
def test_minimal_1009_passes_when_only_required_answers_given() -> None:
    """TYPES.md §8: a report with every required answer is complete."""
    assert validate_1009(minimal_1009()) == []


def test_maximal_1009_passes_when_every_question_answered() -> None:
    """TYPES.md §8: four licence groups and 49 answered is complete."""
    assert validate_1009(maximal_1009()) == []


def test_1009_question_ids_cover_every_top_level_answer() -> None:
    """TYPES.md §8: every top-level answer maps to a question id."""
    assert set(QUESTION_IDS_1009) == {f.alias for f in Tstrk1009Content.model_fields.values()}


def test_1009_identity_required_when_missing() -> None:
    """TYPES.md §8 q2: required."""
    assert only(validate_1009(answered(minimal_1009(), "identitetStyrktGenom", None))) == (
        "2", "identitetStyrktGenom.typ", IssueCode.MISSING)


@pytest.mark.parametrize(("value", "code"), [(None, IssueCode.MISSING),
                                             ("OLAMPLIG", IssueCode.INVALID_VALUE)])
def test_1009_report_kind_required_when_wrong(value: str | None, code: IssueCode) -> None:
    """TYPES.md §8 q46: required, OLAMPLIGHET or SANNOLIK_OLAMPLIGHET."""
    assert only(validate_1009(answered(minimal_1009(), "anmalanAvser.typ", value))) == (
        "46", "anmalanAvser.typ", code)


def test_1009_medical_grounds_required_when_blank() -> None:
    """TYPES.md §8 q47: non-empty."""
    assert only(validate_1009(answered(minimal_1009(), "medicinskaForhallanden", " "))) == (
        "47", "medicinskaForhallanden", IssueCode.BLANK)


@pytest.mark.parametrize(("value", "code"), [
    (None, IssueCode.MISSING), ("2026-13-01", IssueCode.INVALID_FORMAT),
    ("2026-11-29", IssueCode.FUTURE_DATE)])
def test_1009_examination_date_valid_when_wrong(value: str | None, code: IssueCode) -> None:
    """TYPES.md §8 q48: valid and not in the future."""
    raw = answered(minimal_1009(), "senasteUndersokningsdatum", value)
    assert only(validate_1009(raw)) == ("48", "senasteUndersokningsdatum", code)


def test_1009_licences_required_when_empty() -> None:
    """TYPES.md §8 q1: non-empty."""
    raw = answered(minimal_1009(), "intygetAvserBehorigheter.typer", [])
    assert only(validate_1009(raw)) == ("1", "intygetAvserBehorigheter.typer", IssueCode.MISSING)


def test_1009_licences_at_most_four_when_five() -> None:
    """TYPES.md §8 q1: at most 4 groups."""
    raw = answered(minimal_1009(), "intygetAvserBehorigheter.typer",
                   ["A_B_TRAKTOR", "C_E", "D", "TAXI", "KANINTETASTALLNING"])
    issues = validate_1009(raw)
    assert ("1", "intygetAvserBehorigheter.typer", IssueCode.TOO_MANY) in {
        (i.question_id, i.field, i.code) for i in issues}


@pytest.mark.parametrize("alone", ["ALLA", "KANINTETASTALLNING"])
def test_1009_group_alone_when_combined(alone: str) -> None:
    """TYPES.md §8 R2/R8: ALLA and KANINTETASTALLNING stand alone."""
    raw = answered(minimal_1009(), "intygetAvserBehorigheter.typer", [alone, "TAXI"])
    assert only(validate_1009(raw)) == (
        "1", "intygetAvserBehorigheter.typer", IssueCode.MUST_STAND_ALONE)


def test_1009_patient_address_required_when_missing() -> None:
    """TYPES.md §0 PatientValidator: the patient's postal address is required."""
    assert only(validate_1009(answered(minimal_1009(), "patient.postadress", None))) == (
        "patient", "patient.postadress", IssueCode.MISSING)


def test_1009_care_unit_required_when_incomplete() -> None:
    """TYPES.md §0 R-vårdenhet: the unit needs a postal town."""
    unit = CARE_UNIT.model_copy(update={"postal_town": ""})
    assert only(validate_1009(minimal_1009(), unit)) == (
        "vardenhet", "vardenhet.postort", IssueCode.MISSING)


# --- TSTRK1062 ------------------------------------------------------------------------------
def test_minimal_1062_passes_when_only_required_answers_given() -> None:
    """TYPES.md §9: a free-text diagnosis and no medication is complete."""
    assert validate_1062(minimal_1062()) == []


def test_maximal_1062_passes_when_every_question_answered() -> None:
    """TYPES.md §9: coded diagnoses and ongoing medication, every answer given."""
    assert validate_1062(maximal_1062()) == []


def test_1062_question_ids_cover_every_top_level_answer() -> None:
    """TYPES.md §9: every top-level answer maps to a question id."""
    assert set(QUESTION_IDS_1062) == {f.alias for f in Tstrk1062Content.model_fields.values()}


def test_1062_categories_required_when_empty() -> None:
    """TYPES.md §9 q1: non-empty; there is no IAV10."""
    raw = answered(minimal_1062(), "intygAvser.behorigheter", ["IAV10"])
    assert only(validate_1062(raw)) == (
        "1", "intygAvser.behorigheter[0]", IssueCode.INVALID_VALUE)


def test_1062_identity_required_when_missing() -> None:
    """TYPES.md §9 q2: required."""
    assert only(validate_1062(answered(minimal_1062(), "idKontroll.typ", None))) == (
        "2", "idKontroll.typ", IssueCode.MISSING)


def test_1062_diagnosis_kind_required_when_missing() -> None:
    """TYPES.md §9 q50: required."""
    assert only(validate_1062(answered(minimal_1062(), "diagnosRegistrering", None))) == (
        "50", "diagnosRegistrering.typ", IssueCode.MISSING)


def coded(rows: list[dict[str, Any]]) -> dict[str, Any]:
    raw = answered(minimal_1062(), "diagnosRegistrering.typ", "DIAGNOS_KODAD")
    return raw | {"diagnosKodad": rows}


def test_1062_coded_diagnosis_required_when_none() -> None:
    """TYPES.md §9: KODAD needs at least one row."""
    assert only(validate_1062(coded([]))) == ("51", "diagnosKodad", IssueCode.MISSING)


def test_1062_first_coded_row_filled_when_several() -> None:
    """TYPES.md §9: with more than one row the first must not be empty."""
    rows = [{}, {"diagnosKod": "F900", "diagnosKodSystem": "ICD_10_SE", "diagnosArtal": "2015"}]
    assert only(validate_1062(coded(rows))) == ("51", "diagnosKodad[0]", IssueCode.MISSING)


@pytest.mark.parametrize(("key", "question_id"), [
    ("diagnosKod", "51.1"), ("diagnosKodSystem", "51.1"), ("diagnosArtal", "51.3")])
def test_1062_coded_row_complete_when_part_missing(key: str, question_id: str) -> None:
    """TYPES.md §9: each row needs code, code system and year."""
    row = {"diagnosKod": "F900", "diagnosKodSystem": "ICD_10_SE", "diagnosArtal": "2015"}
    del row[key]
    assert only(validate_1062(coded([row]))) == (
        question_id, f"diagnosKodad[0].{key}", IssueCode.MISSING)


@pytest.mark.parametrize(("year", "code"), [("2027", IssueCode.FUTURE_DATE),
                                            ("tjugo", IssueCode.INVALID_FORMAT)])
def test_1062_coded_year_valid_when_wrong(year: str, code: IssueCode) -> None:
    """TYPES.md §9: the year is an integer, not in the future."""
    row = {"diagnosKod": "F900", "diagnosKodSystem": "ICD_10_SE", "diagnosArtal": year}
    assert only(validate_1062(coded([row]))) == ("51.3", "diagnosKodad[0].diagnosArtal", code)


@pytest.mark.parametrize(("key", "question_id"), [("diagnosFritext", "52.1"),
                                                  ("diagnosArtal", "52.2")])
def test_1062_free_text_diagnosis_complete_when_part_missing(key: str, question_id: str) -> None:
    """TYPES.md §9: FRITEXT needs the text and the year."""
    raw = answered(minimal_1062(), f"diagnosFritext.{key}", None)
    assert only(validate_1062(raw)) == (question_id, f"diagnosFritext.{key}", IssueCode.MISSING)


def test_1062_medication_history_required_when_missing() -> None:
    """TYPES.md §9 q53: required."""
    assert only(validate_1062(answered(minimal_1062(), "lakemedelsbehandling", None))) == (
        "53", "lakemedelsbehandling.harHaft", IssueCode.MISSING)


def test_1062_ongoing_required_when_treated() -> None:
    """TYPES.md §9: 53 = true needs 54."""
    raw = answered(minimal_1062(), "lakemedelsbehandling.harHaft", True)
    assert only(validate_1062(raw)) == ("54", "lakemedelsbehandling.pagar", IssueCode.MISSING)


@pytest.mark.parametrize(("key", "question_id"), [
    ("aktuell", "55"), ("pagatt", "56"), ("effekt", "57"), ("foljsamhet", "58")])
def test_1062_ongoing_treatment_described_when_ongoing(key: str, question_id: str) -> None:
    """TYPES.md §9: 54 = true needs 55 (non-empty), 56, 57, 58."""
    raw = answered(maximal_1062(), f"lakemedelsbehandling.{key}", None)
    assert only(validate_1062(raw)) == (
        question_id, f"lakemedelsbehandling.{key}", IssueCode.MISSING)


@pytest.mark.parametrize(("key", "question_id"), [("avslutadTidpunkt", "59.1"),
                                                  ("avslutadOrsak", "59.2")])
def test_1062_ended_treatment_described_when_ended(key: str, question_id: str) -> None:
    """TYPES.md §9: 54 = false needs 59.1 and 59.2 non-empty."""
    ended = {"harHaft": True, "pagar": False, "avslutadTidpunkt": "2024",
             "avslutadOrsak": "Biverkningar"}
    raw = answered(minimal_1062() | {"lakemedelsbehandling": ended},
                   f"lakemedelsbehandling.{key}", "")
    assert only(validate_1062(raw)) == (
        question_id, f"lakemedelsbehandling.{key}", IssueCode.BLANK)


def test_1062_symptom_assessment_required_when_missing() -> None:
    """TYPES.md §9 q60: non-empty."""
    assert only(validate_1062(answered(minimal_1062(), "bedomningAvSymptom", None))) == (
        "60", "bedomningAvSymptom", IssueCode.MISSING)


@pytest.mark.parametrize(("value", "code"), [(None, IssueCode.MISSING),
                                             ("KANSKE", IssueCode.INVALID_VALUE)])
def test_1062_prognosis_required_when_wrong(value: str | None, code: IssueCode) -> None:
    """TYPES.md §9 q61: required, JA, NEJ or KANEJBEDOMA."""
    assert only(validate_1062(answered(minimal_1062(), "prognosTillstand.typ", value))) == (
        "61", "prognosTillstand.typ", code)


def test_1062_assessment_required_when_empty() -> None:
    """TYPES.md §9 q33: non-empty."""
    raw = answered(minimal_1062(), "bedomning.uppfyllerBehorighetskrav", [])
    assert only(validate_1062(raw)) == (
        "33", "bedomning.uppfyllerBehorighetskrav", IssueCode.MISSING)


def test_1062_cannot_assess_alone_when_combined() -> None:
    """TYPES.md §9 q33: VAR11 alone."""
    raw = answered(minimal_1062(), "bedomning.uppfyllerBehorighetskrav", ["VAR16", "VAR11"])
    assert only(validate_1062(raw)) == (
        "33", "bedomning.uppfyllerBehorighetskrav", IssueCode.MUST_STAND_ALONE)


def test_1062_care_unit_required_when_incomplete() -> None:
    """TYPES.md §0 R-vårdenhet: the unit needs a postal address."""
    unit = CARE_UNIT.model_copy(update={"postal_address": ""})
    assert only(validate_1062(minimal_1062(), unit)) == (
        "vardenhet", "vardenhet.postadress", IssueCode.MISSING)
