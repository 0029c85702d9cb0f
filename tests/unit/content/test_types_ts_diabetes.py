"""TS-DIABETES (TSTRK1031 v4) content model and validation: TYPES.md §7, one failing example per
rule."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.content.ts.diabetes import (
    NATIONAL_VERSION,
    QUESTION_IDS,
    TsDiabetesContent,
    validate_ts_diabetes,
)
from domain.shared.care import CareUnit
from domain.shared.validation import IssueCode, ValidationIssue
from tests.factories.content import minimal_ts_diabetes
from tests.unit.content.issue_helpers import answered, only

TODAY = date(2026, 11, 28)
BORN = date(1980, 6, 15)
CARE_UNIT = CareUnit(
    hsa_id="SE2321000016-1003", care_giver_hsa_id="SE2321000016-1000", name="Vårdcentralen Norr",
    postal_address="Storgatan 1", postal_code="12345", postal_town="Norrstad",
    phone="010-123 45 67", lan="01",
)

HIGHER = [f"VAR{n}" for n in range(1, 10)]
LOWER = [f"VAR{n}" for n in range(12, 19)]


def risk_ts_diabetes() -> dict[str, Any]:
    """Medication with a risk of hypoglycaemia (R30), every answer it asks for given."""
    raw = minimal_ts_diabetes()
    raw["allmant"] |= {"medicineringForDiabetes": True,
                       "medicineringMedforRiskForHypoglykemi": True,
                       "behandling": {"insulin": True},
                       "medicineringMedforRiskForHypoglykemiTidpunkt": "2015-03-01"}
    raw["hypoglykemi"] = {
        "kontrollSjukdomstillstand": True, "forstarRiskerMedHypoglykemi": True,
        "formagaKannaVarningstecken": True, "vidtaAdekvataAtgarder": True,
        "aterkommandeSenasteAret": False, "aterkommandeVaketSenasteTolv": False}
    return raw


def maximal_ts_diabetes() -> dict[str, Any]:
    """Every category, every question answered at its limits."""
    return {
        "intygAvser": {"kategorier": HIGHER + LOWER},
        "identitetStyrktGenom": {"typ": "IDK6"},
        "allmant": {
            "patientenFoljsAv": "VN2", "diabetesDiagnosAr": "1980", "typAvDiabetes": "ANNAN",
            "beskrivningAnnanTypAvDiabetes": "x" * 53, "medicineringForDiabetes": True,
            "medicineringMedforRiskForHypoglykemi": True,
            "behandling": {"insulin": True, "tabletter": True, "annan": True,
                           "annanAngeVilken": "y" * 53},
            "medicineringMedforRiskForHypoglykemiTidpunkt": "1980-06-15"},
        "hypoglykemi": {
            "kontrollSjukdomstillstand": False, "kontrollSjukdomstillstandVarfor": "z" * 53,
            "forstarRiskerMedHypoglykemi": True, "formagaKannaVarningstecken": True,
            "vidtaAdekvataAtgarder": True, "aterkommandeSenasteAret": True,
            "aterkommandeSenasteAretTidpunkt": "2026-11-28",
            "aterkommandeSenasteAretKontrolleras": True, "aterkommandeSenasteAretTrafik": True,
            "aterkommandeVaketSenasteTolv": True, "aterkommandeVaketSenasteTre": True,
            "aterkommandeVaketSenasteTreTidpunkt": "2026-10-01",
            "allvarligSenasteTolvManaderna": True,
            "allvarligSenasteTolvManadernaTidpunkt": "2026-06-01",
            "regelbundnaBlodsockerkontroller": True},
        "ovrigt": {"komplikationerAvSjukdomen": True,
                   "komplikationerAvSjukdomenAnges": "k" * 189,
                   "borUndersokasAvSpecialist": "s" * 71},
        "bedomning": {"uppfyllerBehorighetskrav": HIGHER + LOWER,
                      "ovrigaKommentarer": "o" * 189},
    }


def validate(raw: dict[str, Any], care_unit: CareUnit = CARE_UNIT) -> list[ValidationIssue]:
    return validate_ts_diabetes(TsDiabetesContent.model_validate(raw), TODAY, care_unit,
                                birth_date=BORN)




def edited(path: str, value: Any) -> dict[str, Any]:
    return answered(minimal_ts_diabetes(), path, value)


def risk(path: str, value: Any) -> dict[str, Any]:
    return answered(risk_ts_diabetes(), path, value)




# --- passing --------------------------------------------------------------------------------
def test_minimal_ts_diabetes_passes_when_only_required_answers_given() -> None:
    """TYPES.md §7: without medication or a higher category the hypoglykemi block is not asked."""
    assert validate(minimal_ts_diabetes()) == []


def test_maximal_ts_diabetes_passes_when_every_question_answered() -> None:
    """TYPES.md §7: every question answered at its limits is complete."""
    assert validate(maximal_ts_diabetes()) == []


def test_risk_ts_diabetes_passes_when_hypoglycaemia_answered() -> None:
    """TYPES.md §7 R30: with a risk of hypoglycaemia its answers complete the certificate."""
    assert validate(risk_ts_diabetes()) == []


def test_question_ids_cover_every_top_level_answer() -> None:
    """TYPES.md §7: every top-level group maps to a national question id."""
    assert set(QUESTION_IDS) == {f.alias for f in TsDiabetesContent.model_fields.values()}
    assert NATIONAL_VERSION == "4"


def test_birth_checks_skipped_when_birth_date_unknown() -> None:
    """TYPES.md §7 R2: without the birth date the year is only checked against today."""
    content = TsDiabetesContent.model_validate(edited("allmant.diabetesDiagnosAr", "1900"))
    assert validate_ts_diabetes(content, TODAY, CARE_UNIT) == []


# --- 1, 2, 205, 35 --------------------------------------------------------------------------
def test_categories_required_when_empty() -> None:
    """TYPES.md §7 q1: non-empty."""
    assert only(validate(edited("intygAvser.kategorier", []))) == (
        "1", "intygAvser.kategorier", IssueCode.MISSING)


def test_identity_required_when_missing() -> None:
    """TYPES.md §7 q2: required."""
    assert only(validate(edited("identitetStyrktGenom", None))) == (
        "2", "identitetStyrktGenom.typ", IssueCode.MISSING)


def test_followed_by_required_when_missing() -> None:
    """TYPES.md §7 q205: required (VN1, VN2)."""
    assert only(validate(edited("allmant.patientenFoljsAv", None))) == (
        "205", "allmant.patientenFoljsAv", IssueCode.MISSING)


@pytest.mark.parametrize(("year", "code"), [
    (None, IssueCode.MISSING), ("10", IssueCode.INVALID_FORMAT),
    ("2027", IssueCode.FUTURE_DATE), ("1979", IssueCode.BEFORE_BIRTH)])
def test_diagnosis_year_valid_when_wrong(year: str | None, code: IssueCode) -> None:
    """TYPES.md §7 q35: required, four digits (b-02b), not future, not before birth year (R2)."""
    assert only(validate(edited("allmant.diabetesDiagnosAr", year))) == (
        "35", "allmant.diabetesDiagnosAr", code)


# --- 18, 207-210 ----------------------------------------------------------------------------
def test_diabetes_type_required_when_missing() -> None:
    """TYPES.md §7 q18: required."""
    assert only(validate(edited("allmant.typAvDiabetes", None))) == (
        "18", "allmant.typAvDiabetes", IssueCode.MISSING)


def test_other_type_described_when_annan() -> None:
    """TYPES.md §7 R3: ANNAN needs 18.2."""
    assert only(validate(edited("allmant.typAvDiabetes", "ANNAN"))) == (
        "18.2", "allmant.beskrivningAnnanTypAvDiabetes", IssueCode.MISSING)


def test_other_type_at_most_53_when_longer() -> None:
    """TYPES.md §7 R3: 18.2 at most 53 characters."""
    raw = answered(edited("allmant.typAvDiabetes", "ANNAN"),
                   "allmant.beskrivningAnnanTypAvDiabetes", "x" * 54)
    assert only(validate(raw)) == (
        "18.2", "allmant.beskrivningAnnanTypAvDiabetes", IssueCode.TOO_LONG)


def test_medication_required_when_missing() -> None:
    """TYPES.md §7 q207: required."""
    assert only(validate(edited("allmant.medicineringForDiabetes", None))) == (
        "207", "allmant.medicineringForDiabetes", IssueCode.MISSING)


def test_hypoglycaemia_risk_required_when_medicated() -> None:
    """TYPES.md §7 R32: 207 = true needs 208."""
    assert only(validate(edited("allmant.medicineringForDiabetes", True))) == (
        "208", "allmant.medicineringMedforRiskForHypoglykemi", IssueCode.MISSING)


def test_treatment_required_when_risk() -> None:
    """TYPES.md §7 R30/R4: 209 needs at least one of insulin, tabletter, annan."""
    assert only(validate(risk("allmant.behandling", {"insulin": False}))) == (
        "209", "allmant.behandling", IssueCode.MISSING)


def test_other_treatment_described_when_annan() -> None:
    """TYPES.md §7 R18: annan needs 209.4."""
    assert only(validate(risk("allmant.behandling", {"annan": True}))) == (
        "209.4", "allmant.behandling.annanAngeVilken", IssueCode.MISSING)


@pytest.mark.parametrize(("value", "code"), [
    (None, IssueCode.MISSING), ("2026-02-30", IssueCode.INVALID_FORMAT),
    ("2026-11-29", IssueCode.FUTURE_DATE), ("1980-06-14", IssueCode.BEFORE_BIRTH)])
def test_risk_date_valid_when_wrong(value: str | None, code: IssueCode) -> None:
    """TYPES.md §7 R30: 210 required, valid, between birth date and today."""
    field = "allmant.medicineringMedforRiskForHypoglykemiTidpunkt"
    assert only(validate(risk(field, value))) == ("210", field, code)


# --- hypoglykemi ----------------------------------------------------------------------------
@pytest.mark.parametrize(("question_id", "name"), [
    ("200", "kontrollSjukdomstillstand"), ("201", "forstarRiskerMedHypoglykemi"),
    ("110", "formagaKannaVarningstecken"), ("202", "vidtaAdekvataAtgarder"),
    ("106", "aterkommandeSenasteAret"), ("107", "aterkommandeVaketSenasteTolv")])
def test_hypoglycaemia_answer_required_when_risk(question_id: str, name: str) -> None:
    """TYPES.md §7 R30: 200, 201, 110, 202, 106 and 107 required."""
    assert only(validate(risk(f"hypoglykemi.{name}", None))) == (
        question_id, f"hypoglykemi.{name}", IssueCode.MISSING)


def test_control_reason_required_when_not_in_control() -> None:
    """TYPES.md §7 R27: 200 = false needs 200.2."""
    assert only(validate(risk("hypoglykemi.kontrollSjukdomstillstand", False))) == (
        "200.2", "hypoglykemi.kontrollSjukdomstillstandVarfor", IssueCode.MISSING)


def test_recurring_follow_ups_required_when_recurring() -> None:
    """TYPES.md §7 R8: 106 = true needs 106.2, 106.3 and 106.5."""
    issues = validate(risk("hypoglykemi.aterkommandeSenasteAret", True))
    assert {(i.question_id, i.code) for i in issues} == {
        ("106.2", IssueCode.MISSING), ("106.3", IssueCode.MISSING),
        ("106.5", IssueCode.MISSING)}


def test_recurring_date_within_life_when_before_birth() -> None:
    """TYPES.md §7 R8: 106.2 lies between birth date and today."""
    raw = risk("hypoglykemi", {**risk_ts_diabetes()["hypoglykemi"],
                               "aterkommandeSenasteAret": True,
                               "aterkommandeSenasteAretTidpunkt": "1970-01-01",
                               "aterkommandeSenasteAretKontrolleras": False,
                               "aterkommandeSenasteAretTrafik": False})
    assert only(validate(raw)) == (
        "106.2", "hypoglykemi.aterkommandeSenasteAretTidpunkt", IssueCode.BEFORE_BIRTH)


def test_awake_last_three_months_required_when_awake_recurring() -> None:
    """TYPES.md §7 R9: 107 = true needs 107.3."""
    assert only(validate(risk("hypoglykemi.aterkommandeVaketSenasteTolv", True))) == (
        "107.3", "hypoglykemi.aterkommandeVaketSenasteTre", IssueCode.MISSING)


def test_awake_date_required_when_last_three_months() -> None:
    """TYPES.md §7 R9: 107.3 = true needs 107.5, within birth..today."""
    raw = risk("hypoglykemi", {**risk_ts_diabetes()["hypoglykemi"],
                               "aterkommandeVaketSenasteTolv": True,
                               "aterkommandeVaketSenasteTre": True,
                               "aterkommandeVaketSenasteTreTidpunkt": "2026-12-01"})
    assert only(validate(raw)) == (
        "107.5", "hypoglykemi.aterkommandeVaketSenasteTreTidpunkt", IssueCode.FUTURE_DATE)


@pytest.mark.parametrize(("question_id", "name"), [
    ("203", "allvarligSenasteTolvManaderna"), ("204", "regelbundnaBlodsockerkontroller")])
def test_severe_answers_required_when_higher_category(question_id: str, name: str) -> None:
    """TYPES.md §7 R28: a higher category needs 203 and 204."""
    other = {"203": "regelbundnaBlodsockerkontroller",
             "204": "allvarligSenasteTolvManaderna"}[question_id]
    raw = answered(edited("intygAvser.kategorier", ["VAR16", "VAR9"]), f"hypoglykemi.{other}",
                   False)
    raw["bedomning"]["uppfyllerBehorighetskrav"] = ["VAR16"]
    assert only(validate(raw)) == (question_id, f"hypoglykemi.{name}", IssueCode.MISSING)


def test_severe_date_required_when_severe() -> None:
    """TYPES.md §7 R28: 203 = true needs 203.2."""
    raw = answered(edited("intygAvser.kategorier", ["VAR3"]), "hypoglykemi",
                   {"allvarligSenasteTolvManaderna": True, "regelbundnaBlodsockerkontroller": True})
    assert only(validate(raw)) == (
        "203.2", "hypoglykemi.allvarligSenasteTolvManadernaTidpunkt", IssueCode.MISSING)


# --- 206, 34, 33, 32, care unit -------------------------------------------------------------
def test_complications_required_when_missing() -> None:
    """TYPES.md §7 q206: required."""
    assert only(validate(edited("ovrigt", None))) == (
        "206", "ovrigt.komplikationerAvSjukdomen", IssueCode.MISSING)


def test_complications_described_when_yes() -> None:
    """TYPES.md §7 R29: 206 = true needs 206.2."""
    assert only(validate(edited("ovrigt.komplikationerAvSjukdomen", True))) == (
        "206.2", "ovrigt.komplikationerAvSjukdomenAnges", IssueCode.MISSING)


def test_complications_at_most_189_when_longer() -> None:
    """TYPES.md §7 R29: 206.2 at most 189 characters."""
    raw = answered(edited("ovrigt.komplikationerAvSjukdomen", True),
                   "ovrigt.komplikationerAvSjukdomenAnges", "k" * 190)
    assert only(validate(raw)) == (
        "206.2", "ovrigt.komplikationerAvSjukdomenAnges", IssueCode.TOO_LONG)


def test_specialist_at_most_71_when_longer() -> None:
    """TYPES.md §7 q34: at most 71 characters."""
    assert only(validate(edited("ovrigt.borUndersokasAvSpecialist", "s" * 72))) == (
        "34", "ovrigt.borUndersokasAvSpecialist", IssueCode.TOO_LONG)


def test_assessment_required_when_empty() -> None:
    """TYPES.md §7 q33: non-empty."""
    assert only(validate(edited("bedomning.uppfyllerBehorighetskrav", []))) == (
        "33", "bedomning.uppfyllerBehorighetskrav", IssueCode.MISSING)


def test_cannot_assess_alone_when_combined() -> None:
    """TYPES.md §7 q33: VAR11 must be alone."""
    assert only(validate(edited("bedomning.uppfyllerBehorighetskrav", ["VAR11", "VAR16"]))) == (
        "33", "bedomning.uppfyllerBehorighetskrav", IssueCode.MUST_STAND_ALONE)


def test_higher_assessment_applied_for_when_not_in_categories() -> None:
    """TYPES.md §7 R35: every higher licence in 33 must also be in 1."""
    assert only(validate(edited("bedomning.uppfyllerBehorighetskrav", ["VAR16", "VAR3"]))) == (
        "33", "bedomning.uppfyllerBehorighetskrav", IssueCode.INCORRECT_COMBINATION)


def test_comments_at_most_189_when_longer() -> None:
    """TYPES.md §7 q32: at most 189 characters."""
    assert only(validate(edited("bedomning.ovrigaKommentarer", "o" * 190))) == (
        "32", "bedomning.ovrigaKommentarer", IssueCode.TOO_LONG)


def test_care_unit_postal_code_valid_when_malformed() -> None:
    """TYPES.md §0 R-vårdenhet: postal code \\d{3}\\s?\\d{2}."""
    unit = CARE_UNIT.model_copy(update={"postal_code": "1234"})
    assert only(validate(minimal_ts_diabetes(), unit)) == (
        "vardenhet", "vardenhet.postnummer", IssueCode.INVALID_FORMAT)
