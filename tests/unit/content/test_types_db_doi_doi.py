"""DOI (dödsorsaksintyg) content model, validation and creation from a DB: TYPES.md §11, one
failing example per rule."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.content.death.db import DbContent
from domain.content.death.doi import QUESTION_IDS, DoiContent, from_db, validate_doi
from domain.shared.validation import IssueCode, ValidationIssue
from tests.factories.content import DEATH_CARE_UNIT as CARE_UNIT
from tests.factories.content import maximal_db, minimal_doi
from tests.unit.content.issue_helpers import only

TODAY = date(2026, 11, 28)
BORN = date(1950, 3, 10)
def maximal_doi() -> dict[str, Any]:
    """The whole chain a-d, eight contributing diseases, an operation and an injury."""
    cause = {"beskrivning": "x" * 55, "datum": "2020-01-01", "specifikation": "KRONISK"}
    return minimal_doi() | {
        "terminalDodsorsak": {"beskrivning": "a" * 120, "datum": "2026-11-27",
                              "specifikation": "PLOTSLIG"},
        "foljd": [{"beskrivning": "b" * 80, "datum": "2026-11-20",
                   "specifikation": "UPPGIFT_SAKNAS"},
                  {"beskrivning": "c", "datum": "2026-11-20"},
                  {"beskrivning": "d", "datum": "2010-05-05", "specifikation": "KRONISK"}],
        "bidragandeSjukdomar": [dict(cause) for _ in range(8)],
        "operation": "JA", "operationDatum": "2026-10-30", "operationAnledning": "o" * 31,
        "forgiftning": True, "forgiftningOrsak": "OLYCKSFALL",
        "forgiftningDatum": "2026-11-27", "forgiftningUppkommelse": "f" * 150,
        "grunder": ["UNDERSOKNING_FORE_DODEN", "UNDERSOKNING_EFTER_DODEN", "KLINISK_OBDUKTION",
                    "RATTSMEDICINSK_OBDUKTION", "RATTSMEDICINSK_BESIKTNING"],
        "land": "l" * 24,
    }


def validate(raw: dict[str, Any], born: date | None = BORN) -> list[ValidationIssue]:
    return validate_doi(DoiContent.model_validate(raw), TODAY, CARE_UNIT, birth_date=born)


def edited(**changes: Any) -> dict[str, Any]:
    raw = minimal_doi() | changes
    return {key: value for key, value in raw.items() if value is not None}


def uncertain(**changes: Any) -> dict[str, Any]:
    """Date of death uncertain (November 2026), found dead on the 20th."""
    return edited(**({"dodsdatumSakert": False, "dodsdatum": "2026-11-00",
                      "antraffatDodDatum": "2026-11-20"} | changes))




def terminal(**changes: Any) -> dict[str, Any]:
    return {"terminalDodsorsak": {"beskrivning": "Hjärtinfarkt"} | changes}


# --- passing, model, from_db ----------------------------------------------------------------
def test_minimal_doi_passes_when_only_required_answers_given() -> None:
    """TYPES.md §11: a DOI with every required answer is complete."""
    assert validate(minimal_doi()) == []


def test_maximal_doi_passes_when_every_question_answered() -> None:
    """TYPES.md §11: every question answered at its limits is complete."""
    assert validate(maximal_doi()) == []


def test_question_ids_cover_every_top_level_answer() -> None:
    """TYPES.md §11: every top-level answer maps to its national question id."""
    assert set(QUESTION_IDS) == {f.alias for f in DoiContent.model_fields.values()}


def test_from_db_copies_listed_answers_when_created_from_db() -> None:
    """TYPES.md §11: identity, date of death (certainty, date, found dead), place and child are
    copied from the DB; nothing else."""
    doi = from_db(DbContent.model_validate(maximal_db()))
    dumped = doi.model_dump(by_alias=True, exclude_none=True)
    assert dumped == {key: maximal_db()[key] for key in (
        "identitetStyrkt", "dodsdatumSakert", "dodsdatum", "antraffatDodDatum",
        "dodsplatsKommun", "dodsplatsBoende", "barn")}


# --- 1-4 (shared with DB) -------------------------------------------------------------------
def test_shared_questions_checked_when_municipality_unknown() -> None:
    """TYPES.md §11: the §10 rules for 1-4 apply to DOI."""
    assert only(validate(edited(dodsplatsKommun="Atlantis"))) == (
        "3.1", "dodsplatsKommun", IssueCode.INVALID_VALUE)


def test_shared_patient_address_required_when_missing() -> None:
    """TYPES.md §11: the patient's address is required (PatientValidator)."""
    raw = edited(patient={"postadress": "Lillgatan 2", "postnummer": "75236"})
    assert only(validate(raw)) == ("patient", "patient.postort", IssueCode.MISSING)


# --- 8: terminal cause ----------------------------------------------------------------------
@pytest.mark.parametrize(("value", "code"), [(None, IssueCode.MISSING),
                                             ("a" * 121, IssueCode.TOO_LONG)])
def test_terminal_cause_described_when_wrong(value: str | None, code: IssueCode) -> None:
    """TYPES.md §11 q8.1: non-blank, at most 120 characters."""
    raw = edited(terminalDodsorsak={"beskrivning": value} if value else {})
    assert only(validate(raw)) == ("8.1", "terminalDodsorsak.beskrivning", code)


@pytest.mark.parametrize(("value", "code"), [("2026-11-31", IssueCode.INVALID_FORMAT),
                                             ("2026-11-29", IssueCode.FUTURE_DATE)])
def test_terminal_date_valid_when_wrong(value: str, code: IssueCode) -> None:
    """TYPES.md §11 R22: 8.2, if given, valid and not after today."""
    raw = edited(**terminal(datum=value), dodsdatum="2026-11-28")
    assert only(validate(raw)) == ("8.1", "terminalDodsorsak.datum", code)


def test_terminal_date_not_after_death_when_later() -> None:
    """TYPES.md §11 R22-1: 8.2 not after a certain date of death."""
    assert only(validate(edited(**terminal(datum="2026-11-28")))) == (
        "8.1", "terminalDodsorsak.datum", IssueCode.INVALID_RANGE)


def test_terminal_date_not_after_found_dead_when_later() -> None:
    """TYPES.md §11 R22-2: 8.2 not after the anträffad-död date when ej säkert."""
    assert only(validate(uncertain(**terminal(datum="2026-11-21")))) == (
        "8.1", "terminalDodsorsak.datum", IssueCode.INVALID_RANGE)


def test_terminal_specification_known_when_unknown() -> None:
    """TYPES.md §11 q8.3: KRONISK, PLOTSLIG or UPPGIFT_SAKNAS."""
    assert only(validate(edited(**terminal(specifikation="AKUT")))) == (
        "8.1", "terminalDodsorsak.specifikation", IssueCode.INVALID_VALUE)


# --- 9: följd -------------------------------------------------------------------------------
def test_chain_at_most_three_when_four() -> None:
    """TYPES.md §11 q9: at most three causes b-d."""
    raw = edited(foljd=[{"beskrivning": name} for name in "bcde"])
    assert only(validate(raw)) == ("9", "foljd", IssueCode.TOO_MANY)


@pytest.mark.parametrize("index", [0, 1, 2])
def test_chain_cause_described_when_text_missing(index: int) -> None:
    """TYPES.md §11 q9: each row's text is required, on 9.1.0 / 9.1.1 / 9.1.2."""
    rows: list[dict[str, Any]] = [{"beskrivning": name} for name in "bcd"]
    rows[index] = {"specifikation": "KRONISK"}
    assert only(validate(edited(foljd=rows))) == (
        f"9.1.{index}", f"foljd[{index}].beskrivning", IssueCode.MISSING)


def test_chain_cause_at_most_80_when_longer() -> None:
    """TYPES.md §11 q9: text at most 80 characters."""
    assert only(validate(edited(foljd=[{"beskrivning": "b" * 81}]))) == (
        "9.1.0", "foljd[0].beskrivning", IssueCode.TOO_LONG)


def test_chain_b_not_after_a_when_later() -> None:
    """TYPES.md §11 R21 (val-050): b's date ≤ a's date."""
    raw = edited(**terminal(datum="2026-11-01"),
                 foljd=[{"beskrivning": "b", "datum": "2026-11-02"}])
    assert only(validate(raw)) == ("9.1.0", "foljd[0].datum", IssueCode.INVALID_RANGE)


def test_chain_c_not_after_b_when_later() -> None:
    """TYPES.md §11 R21 (val-051): c ≤ b (and d ≤ c)."""
    raw = edited(foljd=[{"beskrivning": "b", "datum": "2026-10-01"},
                        {"beskrivning": "c", "datum": "2026-10-02"}])
    assert only(validate(raw)) == ("9.1.1", "foljd[1].datum", IssueCode.INVALID_RANGE)


def test_chain_not_future_when_cause_before_has_no_date() -> None:
    """TYPES.md §11 R21: if a has no valid date, b must be ≤ today."""
    raw = edited(foljd=[{"beskrivning": "b", "datum": "2026-11-29"}])
    assert only(validate(raw)) == ("9.1.0", "foljd[0].datum", IssueCode.FUTURE_DATE)


# --- 10: bidragande sjukdomar ---------------------------------------------------------------
def test_contributing_at_most_eight_when_nine() -> None:
    """TYPES.md §11 q10: at most eight rows."""
    raw = edited(bidragandeSjukdomar=[{"beskrivning": "x"} for _ in range(9)])
    assert only(validate(raw)) == ("10.1", "bidragandeSjukdomar", IssueCode.TOO_MANY)


def test_contributing_empty_rows_ignored_when_left_over() -> None:
    """TYPES.md §11 q10: fully empty rows are ignored."""
    assert validate(edited(bidragandeSjukdomar=[{}, {"beskrivning": "Diabetes"}, {}])) == []


@pytest.mark.parametrize(("row", "field", "code"), [
    ({"datum": "2020-01-01"}, "beskrivning", IssueCode.MISSING),
    ({"beskrivning": "x" * 56}, "beskrivning", IssueCode.TOO_LONG),
    ({"beskrivning": "x", "datum": "2020-02-30"}, "datum", IssueCode.INVALID_FORMAT),
    ({"beskrivning": "x", "datum": "2026-11-28"}, "datum", IssueCode.INVALID_RANGE)])
def test_contributing_disease_valid_when_wrong(
    row: dict[str, str], field: str, code: IssueCode
) -> None:
    """TYPES.md §11 q10: text required (≤55); date valid and not after dödsdatum."""
    assert only(validate(edited(bidragandeSjukdomar=[row]))) == (
        "10.1", f"bidragandeSjukdomar[0].{field}", code)


def test_contributing_date_not_after_found_dead_when_later() -> None:
    """TYPES.md §11 q10: date not after the anträffad-död date."""
    raw = uncertain(bidragandeSjukdomar=[{"beskrivning": "x", "datum": "2026-11-21"}])
    assert only(validate(raw)) == ("10.1", "bidragandeSjukdomar[0].datum", IssueCode.INVALID_RANGE)


# --- 11: operation --------------------------------------------------------------------------
def operated(**changes: Any) -> dict[str, Any]:
    return edited(**({"operation": "JA", "operationDatum": "2026-11-01",
                      "operationAnledning": "Höftplastik"} | changes))


def test_operation_required_when_missing() -> None:
    """TYPES.md §11 q11.1: required."""
    assert only(validate(edited(operation=None))) == ("11.1", "operation", IssueCode.MISSING)


@pytest.mark.parametrize(("value", "code"), [
    (None, IssueCode.MISSING), ("2026-11", IssueCode.INVALID_FORMAT),
    ("2026-11-28", IssueCode.INVALID_RANGE), ("2026-10-29", IssueCode.INVALID_RANGE),
    ("1950-03-09", IssueCode.BEFORE_BIRTH)])
def test_operation_date_valid_when_wrong(value: str | None, code: IssueCode) -> None:
    """TYPES.md §11 R13: 11.2 valid, not after dödsdatum, death ≤ op-datum + 28 days (e-06),
    not before birth."""
    assert only(validate(operated(operationDatum=value))) == ("11.2", "operationDatum", code)


def test_operation_date_not_after_found_dead_when_later() -> None:
    """TYPES.md §11 R13: 11.2 not after the anträffad-död date."""
    raw = uncertain(operation="JA", operationDatum="2026-11-21", operationAnledning="Op")
    assert only(validate(raw)) == ("11.2", "operationDatum", IssueCode.INVALID_RANGE)


@pytest.mark.parametrize(("value", "code"), [(None, IssueCode.MISSING),
                                             ("o" * 32, IssueCode.TOO_LONG)])
def test_operation_reason_required_when_operated(value: str | None, code: IssueCode) -> None:
    """TYPES.md §11 R13: JA needs 11.3 (at most 31 characters)."""
    assert only(validate(operated(operationAnledning=value))) == (
        "11.3", "operationAnledning", code)


@pytest.mark.parametrize(("answer", "question_id", "key"), [
    ("NEJ", "11.2", "operationDatum"), ("UPPGIFT_SAKNAS", "11.3", "operationAnledning")])
def test_operation_details_forbidden_when_not_operated(
    answer: str, question_id: str, key: str
) -> None:
    """TYPES.md §11 R13: NEJ/UPPGIFT_SAKNAS with 11.2 or 11.3 is an incorrect combination."""
    raw = edited(operation=answer, **{key: "2026-11-01"})
    assert only(validate(raw)) == (question_id, key, IssueCode.INCORRECT_COMBINATION)


# --- 12: skada/förgiftning ------------------------------------------------------------------
def injured(**changes: Any) -> dict[str, Any]:
    return edited(**({"forgiftning": True, "forgiftningOrsak": "OLYCKSFALL",
                      "forgiftningDatum": "2026-11-27", "forgiftningUppkommelse": "Fall"}
                     | changes))


def test_injury_required_when_missing() -> None:
    """TYPES.md §11 q12.1: required."""
    assert only(validate(edited(forgiftning=None))) == ("12.1", "forgiftning", IssueCode.MISSING)


@pytest.mark.parametrize(("value", "code"), [(None, IssueCode.MISSING),
                                             ("MORD", IssueCode.INVALID_VALUE)])
def test_injury_cause_required_when_injured(value: str | None, code: IssueCode) -> None:
    """TYPES.md §11 R14: 12.1 = true needs 12.2, a known code."""
    assert only(validate(injured(forgiftningOrsak=value))) == ("12.2", "forgiftningOrsak", code)


@pytest.mark.parametrize(("value", "code"), [
    (None, IssueCode.MISSING), ("igår", IssueCode.INVALID_FORMAT),
    ("2026-11-28", IssueCode.INVALID_RANGE)])
def test_injury_date_valid_when_wrong(value: str | None, code: IssueCode) -> None:
    """TYPES.md §11 R16: 12.3 valid and not after dödsdatum."""
    assert only(validate(injured(forgiftningDatum=value))) == ("12.3", "forgiftningDatum", code)


def test_injury_date_not_after_found_dead_when_later() -> None:
    """TYPES.md §11 R16: 12.3 not after the anträffad-död date."""
    raw = uncertain(forgiftning=True, forgiftningOrsak="OKLART", forgiftningDatum="2026-11-21",
                    forgiftningUppkommelse="Okänt")
    assert only(validate(raw)) == ("12.3", "forgiftningDatum", IssueCode.INVALID_RANGE)


@pytest.mark.parametrize(("value", "code"), [(" ", IssueCode.BLANK),
                                             ("f" * 151, IssueCode.TOO_LONG)])
def test_injury_account_required_when_injured(value: str, code: IssueCode) -> None:
    """TYPES.md §11 R17: 12.4 non-blank (at most 150 characters)."""
    assert only(validate(injured(forgiftningUppkommelse=value))) == (
        "12.4", "forgiftningUppkommelse", code)


@pytest.mark.parametrize(("question_id", "key", "value"), [
    ("12.2", "forgiftningOrsak", "OLYCKSFALL"), ("12.3", "forgiftningDatum", "2026-11-27"),
    ("12.4", "forgiftningUppkommelse", "Fall")])
def test_injury_details_forbidden_when_not_injured(question_id: str, key: str, value: str) -> None:
    """TYPES.md §11 q12: false forbids 12.2, 12.3 and 12.4."""
    assert only(validate(edited(**{key: value}))) == (question_id, key, IssueCode.FORBIDDEN)


# --- 13, 14 ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("grounds", "field", "code"), [
    ([], "grunder", IssueCode.MISSING),
    (["KLINISK_OBDUKTION", "KLINISK_OBDUKTION"], "grunder[1]", IssueCode.DUPLICATE),
    (["GISSNING"], "grunder[0]", IssueCode.INVALID_VALUE)])
def test_grounds_valid_when_wrong(grounds: list[str], field: str, code: IssueCode) -> None:
    """TYPES.md §11 R18: 13 has ≥1 entry, no duplicates, known codes."""
    assert only(validate(edited(grunder=grounds))) == ("13.1", field, code)


def test_grounds_at_most_five_when_six() -> None:
    """TYPES.md §11 R18: at most five entries."""
    grounds = maximal_doi()["grunder"] + ["KLINISK_OBDUKTION"]
    assert ("13.1", "grunder", IssueCode.TOO_MANY) in {
        (i.question_id, i.field, i.code) for i in validate(edited(grunder=grounds))}


def test_country_at_most_24_when_longer() -> None:
    """TYPES.md §11 q14: at most 24 characters."""
    assert only(validate(edited(land="l" * 25))) == ("14.1", "land", IssueCode.TOO_LONG)
