"""TS-BAS (TSTRK1007 v7) content model and validation: TYPES.md §6, one failing example per rule."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from domain.content.ts.bas import NATIONAL_VERSION, QUESTION_IDS, TsBasContent, validate_ts_bas
from domain.shared.care import CareUnit
from domain.shared.validation import IssueCode, ValidationIssue
from tests.factories.content import minimal_ts_bas
from tests.unit.content.issue_helpers import answered, only

TODAY = date(2026, 11, 28)
CARE_UNIT = CareUnit(
    hsa_id="SE2321000016-1003", care_giver_hsa_id="SE2321000016-1000", name="Vårdcentralen Norr",
    postal_address="Storgatan 1", postal_code="123 45", postal_town="Norrstad",
    phone="010-123 45 67", lan="01",
)


def maximal_ts_bas() -> dict[str, Any]:
    """Every category, every question answered "yes" with its texts and all acuity values."""
    corrected = {"utanKorrektion": 0.05, "medKorrektion": 2.0, "kontaktlins": True}
    return {
        "intygAvser": {"korkortstyp": [f"IAV{n}" for n in range(1, 11)]},
        "vardkontakt": {"typ": "5880005", "idkontroll": "IDK6"},
        "syn": {"synfaltsdefekter": True, "nattblindhet": True, "progressivOgonsjukdom": True,
                "diplopi": True, "nystagmus": True, "synskarpaSkickasSeparat": False,
                "hogerOga": corrected, "vansterOga": dict(corrected),
                "binokulart": {"utanKorrektion": 0.0, "medKorrektion": 1.5},
                "korrektionsglasensStyrka": True},
        "horselBalans": {"balansrubbningar": True, "svartUppfattaSamtal4Meter": True},
        "funktionsnedsattning": {"funktionsnedsattning": True, "beskrivning": "Amputerad fot",
                                 "otillrackligRorelseformaga": True},
        "hjartKarl": {"hjartKarlSjukdom": True, "hjarnskadaEfterTrauma": True,
                      "riskfaktorerStroke": True, "beskrivningRiskfaktorer": "Förmaksflimmer"},
        "diabetes": {"harDiabetes": True, "diabetesTyp": "DIABETES_TYP_2", "kost": True,
                     "tabletter": True, "insulin": True},
        "neurologi": {"neurologiskSjukdom": True},
        "medvetandestorning": {"medvetandestorning": True, "beskrivning": "Kramp 2019"},
        "njurar": {"nedsattNjurfunktion": True},
        "kognitivt": {"sviktandeKognitivFunktion": True},
        "somnVakenhet": {"teckenSomnstorningar": True},
        "narkotikaLakemedel": {"teckenMissbruk": True, "foremalForVardinsats": True,
                               "provtagningBehovs": True, "lakarordineratLakemedelsbruk": True,
                               "lakemedelOchDos": "Oxikodon 10 mg x 2"},
        "psykiskt": {"psykiskSjukdom": True},
        "utvecklingsstorning": {"psykiskUtvecklingsstorning": True, "harSyndrom": True},
        "sjukhusvard": {"sjukhusEllerLakarkontakt": True, "tidpunkt": "Mars 2025",
                        "vardinrattning": "Akademiska sjukhuset", "anledning": "Hjärtinfarkt"},
        "medicinering": {"stadigvarandeMedicinering": True, "beskrivning": "Waran"},
        "kommentar": "Inga övriga kommentarer.",
        "bedomning": {"korkortstyp": [f"VAR{n}" for n in range(1, 12)],
                      "lakareSpecialKompetens": "Neurolog"},
    }


def validate(raw: dict[str, Any], care_unit: CareUnit = CARE_UNIT) -> list[ValidationIssue]:
    return validate_ts_bas(TsBasContent.model_validate(raw), TODAY, care_unit)




def edited(path: str, value: Any) -> dict[str, Any]:
    return answered(minimal_ts_bas(), path, value)




def reported(issues: list[ValidationIssue]) -> set[tuple[str, str, IssueCode]]:
    return {(i.question_id, i.field, i.code) for i in issues}


# --- model ----------------------------------------------------------------------------------
def test_minimal_ts_bas_passes_when_only_required_answers_given() -> None:
    """TYPES.md §6: a TS-BAS with every required answer is complete."""
    assert validate(minimal_ts_bas()) == []


def test_maximal_ts_bas_passes_when_every_question_answered() -> None:
    """TYPES.md §6: every question answered, every category chosen, is complete."""
    assert validate(maximal_ts_bas()) == []


def test_model_round_trips_national_names_when_dumped_by_alias() -> None:
    """TYPES.md §6: the content is stored by its national camelCase names."""
    raw = maximal_ts_bas()
    assert TsBasContent.model_validate(raw).model_dump(by_alias=True, exclude_none=True) == raw


def test_model_refuses_unknown_answer_when_key_not_national() -> None:
    """TYPES.md §6: extra keys are a wrong shape, refused at parse time."""
    with pytest.raises(ValidationError):
        TsBasContent.model_validate(answered(minimal_ts_bas(), "syn.farg", True))


def test_question_ids_cover_every_top_level_answer() -> None:
    """TYPES.md §6: every top-level answer maps to a national question id."""
    aliases = {f.alias for f in TsBasContent.model_fields.values()}
    assert set(QUESTION_IDS) == aliases
    assert NATIONAL_VERSION == "7"


# --- 1, 2 -----------------------------------------------------------------------------------
def test_intyg_avser_required_when_empty() -> None:
    """TYPES.md §6 q1: at least one category."""
    assert only(validate(edited("intygAvser.korkortstyp", []))) == (
        "1", "intygAvser.korkortstyp", IssueCode.MISSING)


def test_intyg_avser_known_when_code_unknown() -> None:
    """TYPES.md §6 q1: KV_INTYGET_AVSER codes IAV1-IAV10."""
    assert only(validate(edited("intygAvser.korkortstyp", ["IAV3", "IAV11"]))) == (
        "1", "intygAvser.korkortstyp[1]", IssueCode.INVALID_VALUE)


def test_identity_required_when_missing() -> None:
    """TYPES.md §6 q2: identitet styrkt genom is required."""
    assert only(validate(edited("vardkontakt.idkontroll", None))) == (
        "2", "vardkontakt.idkontroll", IssueCode.MISSING)


def test_identity_known_when_code_unknown() -> None:
    """TYPES.md §6 q2: KV_ID_KONTROLL codes IDK1-IDK6."""
    assert only(validate(edited("vardkontakt.idkontroll", "IDK7"))) == (
        "2", "vardkontakt.idkontroll", IssueCode.INVALID_VALUE)


# --- 3-8: syn -------------------------------------------------------------------------------
@pytest.mark.parametrize(("question_id", "path"), [
    ("3", "syn.synfaltsdefekter"), ("4", "syn.nattblindhet"),
    ("5", "syn.progressivOgonsjukdom"), ("6", "syn.diplopi"), ("7", "syn.nystagmus")])
def test_vision_answer_required_when_missing(question_id: str, path: str) -> None:
    """TYPES.md §6: 3, 4, 5, 6, 7 required."""
    assert only(validate(edited(path, None))) == (question_id, path, IssueCode.MISSING)


def test_acuity_required_when_not_sent_separately() -> None:
    """TYPES.md §6 R37: without 8.1, acuity without correction is required."""
    assert only(validate(edited("syn.vansterOga.utanKorrektion", None))) == (
        "8", "syn.vansterOga.utanKorrektion", IssueCode.MISSING)


def test_acuity_within_range_when_above_two() -> None:
    """TYPES.md §6 R37: every given value is 0.0-2.0."""
    assert only(validate(edited("syn.binokulart.medKorrektion", 2.1))) == (
        "8", "syn.binokulart.medKorrektion", IssueCode.INVALID_VALUE)


def test_acuity_may_be_left_out_when_sent_separately() -> None:
    """TYPES.md §6 R37: with 8.1 true no acuity values are needed."""
    raw = edited("syn", {**minimal_ts_bas()["syn"], "synskarpaSkickasSeparat": True,
                         "hogerOga": None, "vansterOga": None, "binokulart": None})
    assert validate(raw) == []


def test_acuity_forbidden_when_sent_separately() -> None:
    """TYPES.md §6 R37: with 8.1 true no acuity values or contact lenses may be given."""
    raw = edited("syn", {**minimal_ts_bas()["syn"], "synskarpaSkickasSeparat": True,
                         "hogerOga": {"kontaktlins": True}, "vansterOga": None,
                         "binokulart": None})
    assert only(validate(raw)) == ("8", "syn.hogerOga", IssueCode.INCORRECT_COMBINATION)


def test_corrected_acuity_required_when_annat_and_binocular_below_half() -> None:
    """TYPES.md §6 R33: IAV10 and binokulärt utan < 0.5 need all three corrected values."""
    raw = answered(edited("intygAvser.korkortstyp", ["IAV10"]), "syn.binokulart",
                   {"utanKorrektion": 0.4})
    assert reported(validate(raw)) == {
        ("8", f"syn.{eye}.medKorrektion", IssueCode.MISSING)
        for eye in ("hogerOga", "vansterOga", "binokulart")}


def test_corrected_acuity_required_when_both_eyes_below_point_eight() -> None:
    """TYPES.md §6 R34: IAV1-IAV9 and both eyes in [0.1, 0.8) need corrected values."""
    raw = answered(edited("syn.hogerOga.utanKorrektion", 0.1), "syn.vansterOga.utanKorrektion",
                   0.79)
    assert ("8", "syn.hogerOga.medKorrektion", IssueCode.MISSING) in reported(validate(raw))
    assert len(validate(raw)) == 3


def test_corrected_acuity_required_when_one_eye_below_point_one() -> None:
    """TYPES.md §6 R35: IAV1-IAV9 and either eye < 0.1 need corrected values."""
    issues = validate(edited("syn.hogerOga.utanKorrektion", 0.09))
    assert ("8", "syn.binokulart.medKorrektion", IssueCode.MISSING) in reported(issues)
    assert len(issues) == 3


# --- 10-13 ----------------------------------------------------------------------------------
def test_balance_required_when_missing() -> None:
    """TYPES.md §6: 10 required."""
    assert only(validate(edited("horselBalans.balansrubbningar", None))) == (
        "10", "horselBalans.balansrubbningar", IssueCode.MISSING)


HEARING = "horselBalans.svartUppfattaSamtal4Meter"
MOBILITY = "funktionsnedsattning.otillrackligRorelseformaga"


@pytest.mark.parametrize(("question_id", "path", "other"), [
    ("11", HEARING, MOBILITY), ("13", MOBILITY, HEARING)])
def test_passenger_answer_required_when_taxi(question_id: str, path: str, other: str) -> None:
    """TYPES.md §6: 11 and 13 are required in persontransport context (D1, D1E, D, DE, Taxi)."""
    raw = answered(edited("intygAvser.korkortstyp", ["IAV9"]), other, False)
    assert only(validate(raw)) == (question_id, path, IssueCode.MISSING)


def test_disability_required_when_missing() -> None:
    """TYPES.md §6: 12 required (12.1)."""
    assert only(validate(edited("funktionsnedsattning.funktionsnedsattning", None))) == (
        "12.1", "funktionsnedsattning.funktionsnedsattning", IssueCode.MISSING)


def test_disability_description_required_when_yes() -> None:
    """TYPES.md §6: 12 = true needs 12.2."""
    assert only(validate(edited("funktionsnedsattning.funktionsnedsattning", True))) == (
        "12.2", "funktionsnedsattning.beskrivning", IssueCode.MISSING)


# --- 14-19 ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("question_id", "path"), [
    ("14", "hjartKarl.hjartKarlSjukdom"), ("15", "hjartKarl.hjarnskadaEfterTrauma"),
    ("16.1", "hjartKarl.riskfaktorerStroke"), ("17", "diabetes.harDiabetes")])
def test_heart_and_diabetes_answer_required_when_missing(question_id: str, path: str) -> None:
    """TYPES.md §6: 14, 15, 16 and 17 required."""
    assert only(validate(edited(path, None))) == (question_id, path, IssueCode.MISSING)


def test_stroke_risk_description_required_when_yes() -> None:
    """TYPES.md §6: 16 = true needs 16.2."""
    assert only(validate(edited("hjartKarl.riskfaktorerStroke", True))) == (
        "16.2", "hjartKarl.beskrivningRiskfaktorer", IssueCode.MISSING)


def test_diabetes_type_required_when_diabetes() -> None:
    """TYPES.md §6: 17 = true needs 18."""
    assert only(validate(edited("diabetes.harDiabetes", True))) == (
        "18", "diabetes.diabetesTyp", IssueCode.MISSING)


def test_diabetes_type_known_when_code_unknown() -> None:
    """TYPES.md §6 q18: DIABETES_TYP_1 or DIABETES_TYP_2."""
    raw = edited("diabetes", {"harDiabetes": True, "diabetesTyp": "LADA"})
    assert only(validate(raw)) == ("18", "diabetes.diabetesTyp", IssueCode.INVALID_VALUE)


def test_diabetes_treatment_required_when_type_2() -> None:
    """TYPES.md §6 q19: type 2 needs at least one of kost, tabletter, insulin."""
    raw = edited("diabetes", {"harDiabetes": True, "diabetesTyp": "DIABETES_TYP_2",
                              "kost": False})
    assert only(validate(raw)) == ("19", "diabetes.behandling", IssueCode.MISSING)


def test_diabetes_treatment_optional_when_type_1() -> None:
    """TYPES.md §6 q19: only type 2 needs a treatment."""
    assert validate(edited("diabetes", {"harDiabetes": True,
                                        "diabetesTyp": "DIABETES_TYP_1"})) == []


# --- 20-31 ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("question_id", "path"), [
    ("20", "neurologi.neurologiskSjukdom"), ("21.1", "medvetandestorning.medvetandestorning"),
    ("22", "njurar.nedsattNjurfunktion"), ("23", "kognitivt.sviktandeKognitivFunktion"),
    ("24", "somnVakenhet.teckenSomnstorningar"), ("25.1", "narkotikaLakemedel.teckenMissbruk"),
    ("25.2", "narkotikaLakemedel.foremalForVardinsats"),
    ("26.1", "narkotikaLakemedel.lakarordineratLakemedelsbruk"),
    ("27", "psykiskt.psykiskSjukdom"), ("28", "utvecklingsstorning.psykiskUtvecklingsstorning"),
    ("29", "utvecklingsstorning.harSyndrom"), ("30.1", "sjukhusvard.sjukhusEllerLakarkontakt"),
    ("31.1", "medicinering.stadigvarandeMedicinering")])
def test_health_answer_required_when_missing(question_id: str, path: str) -> None:
    """TYPES.md §6: 20-24, 25.1, 25.2, 26.1, 27-29, 30.1 and 31.1 required."""
    assert only(validate(edited(path, None))) == (question_id, path, IssueCode.MISSING)


@pytest.mark.parametrize("cause", ["teckenMissbruk", "foremalForVardinsats"])
def test_sampling_required_when_abuse_or_care(cause: str) -> None:
    """TYPES.md §6: 25.1 or 25.2 true needs 25.3."""
    assert only(validate(edited(f"narkotikaLakemedel.{cause}", True))) == (
        "25.3", "narkotikaLakemedel.provtagningBehovs", IssueCode.MISSING)


def test_medication_and_dose_required_when_prescribed() -> None:
    """TYPES.md §6: 26.1 true needs 26.2."""
    assert only(validate(edited("narkotikaLakemedel.lakarordineratLakemedelsbruk", True))) == (
        "26.2", "narkotikaLakemedel.lakemedelOchDos", IssueCode.MISSING)


def test_hospital_care_texts_required_when_yes() -> None:
    """TYPES.md §6: 30.1 true needs 30.2, 30.3 and 30.4."""
    raw = edited("sjukhusvard", {"sjukhusEllerLakarkontakt": True, "tidpunkt": "2025",
                                 "vardinrattning": "  "})
    assert reported(validate(raw)) == {
        ("30.3", "sjukhusvard.vardinrattning", IssueCode.BLANK),
        ("30.4", "sjukhusvard.anledning", IssueCode.MISSING)}


def test_permanent_medication_description_required_when_yes() -> None:
    """TYPES.md §6: 31.1 true needs 31.2."""
    assert only(validate(edited("medicinering.stadigvarandeMedicinering", True))) == (
        "31.2", "medicinering.beskrivning", IssueCode.MISSING)


# --- 33, care unit --------------------------------------------------------------------------
def test_assessment_required_when_empty() -> None:
    """TYPES.md §6: 33 non-empty."""
    assert only(validate(edited("bedomning", {}))) == (
        "33", "bedomning.korkortstyp", IssueCode.MISSING)


def test_assessment_known_when_code_unknown() -> None:
    """TYPES.md §6 q33: KV_KORKORTSBEHORIGHET VAR1-VAR11."""
    assert only(validate(edited("bedomning.korkortstyp", ["VAR12"]))) == (
        "33", "bedomning.korkortstyp[0]", IssueCode.INVALID_VALUE)


def test_care_unit_phone_required_when_missing() -> None:
    """TYPES.md §0 R-vårdenhet: the issuing unit needs a phone number."""
    unit = CARE_UNIT.model_copy(update={"phone": " "})
    assert only(validate(minimal_ts_bas(), unit)) == (
        "vardenhet", "vardenhet.telefonnummer", IssueCode.MISSING)


def test_every_failure_reported_when_content_empty() -> None:
    """TYPES.md §6: validation answers with every failing question at once."""
    questions = {i.question_id for i in validate({})}
    assert {"1", "2", "3", "8", "10", "12.1", "17", "31.1", "33"} <= questions
