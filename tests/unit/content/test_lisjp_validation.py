"""LISJP (FK 7804) content model and validation: DOMAIN.md §3, one failing example per rule."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from domain.content.fk.lisjp import (
    QUESTION_IDS,
    LisjpContent,
    last_period,
    periods,
    renewal_content,
    validate_lisjp,
)
from domain.shared.care import CareUnit
from domain.shared.validation import IssueCode, ValidationIssue
from tests.factories.content import CARE_UNIT, TODAY, maximal_lisjp, minimal_lisjp
from tests.factories.content import LISJP_OTHER_MEASURES as OTHER_MEASURES
from tests.unit.content.issue_helpers import only
from tests.unit.content.issue_helpers import reported_codes as reported


def smittskydd_lisjp() -> dict[str, Any]:
    """Avstängning enligt smittskyddslagen: only diagnosis and periods."""
    return {
        "avstangningSmittskydd": True,
        "diagnoser": [{"kod": "A02.0", "beskrivning": "Salmonellaenterit"}],
        "sjukskrivningar": [{"sjukskrivningsgrad": "HALFTEN",
                             "period": {"from": "2026-11-27", "tom": "2026-12-04"}}],
    }


def validate(raw: dict[str, Any], care_unit: CareUnit = CARE_UNIT) -> list[ValidationIssue]:
    return validate_lisjp(LisjpContent.model_validate(raw), TODAY, care_unit)


def edited(**changes: Any) -> dict[str, Any]:
    """The minimal LISJP with top-level answers replaced (None removes one)."""
    raw = minimal_lisjp() | changes
    return {key: value for key, value in raw.items() if value is not None}




def period(degree: str, start: str, end: str) -> dict[str, Any]:
    return {"sjukskrivningsgrad": degree, "period": {"from": start, "tom": end}}


# --- passing examples -----------------------------------------------------------------------
def test_minimal_lisjp_passes_when_only_required_answers_given() -> None:
    """DOMAIN.md §3: a LISJP with every required answer is complete."""
    assert validate(minimal_lisjp()) == []


def test_maximal_lisjp_passes_when_every_question_answered() -> None:
    """DOMAIN.md §3: every question answered at its limits is complete."""
    assert validate(maximal_lisjp()) == []


def test_smittskydd_lisjp_passes_when_only_diagnosis_and_periods_given() -> None:
    """DOMAIN.md §3 q27: smittskydd lifts 1, 28, 35, 17, 39, 40 and the 33 requirement."""
    assert validate(smittskydd_lisjp()) == []


def test_smittskydd_diagnosis_required_when_missing() -> None:
    """DOMAIN.md §3 q27: with smittskydd the diagnosis is still required."""
    raw = smittskydd_lisjp() | {"diagnoser": []}
    assert only(validate(raw)) == ("6", "diagnoser", IssueCode.MISSING)


def test_smittskydd_periods_required_when_missing() -> None:
    """DOMAIN.md §3 q27: with smittskydd the periods are still required."""
    raw = smittskydd_lisjp() | {"sjukskrivningar": None}
    assert only(validate(raw)) == ("32", "sjukskrivningar", IssueCode.MISSING)


def test_smittskydd_given_answers_checked_when_code_unknown() -> None:
    """DOMAIN.md §3 q27: smittskydd lifts the requirement, not the checks of given answers."""
    raw = smittskydd_lisjp() | {"sysselsattning": ["PENSIONAR"]}
    assert only(validate(raw)) == ("28", "sysselsattning[0]", IssueCode.INVALID_VALUE)


def test_smittskydd_given_answers_complete_when_annat_lacks_description() -> None:
    """DOMAIN.md §3 q27/q1: a basis given under smittskydd must still be complete."""
    raw = smittskydd_lisjp() | {"grundForMU": [{"typ": "UNDERSOKNING", "datum": "2026-11-27"},
                                               {"typ": "ANNAT", "datum": "2026-11-27"}]}
    assert only(validate(raw)) == ("1.3", "grundForMU[1].beskrivning", IssueCode.MISSING)


# --- 1: grund för MU ------------------------------------------------------------------------
def test_grund_required_when_missing() -> None:
    """DOMAIN.md §3 q1: at least one basis unless smittskydd."""
    assert only(validate(edited(grundForMU=[]))) == ("1", "grundForMU", IssueCode.MISSING)


def test_grund_at_most_four_when_five_given() -> None:
    """DOMAIN.md §3 q1: up to 4 bases."""
    bases = [{"typ": t, "datum": "2026-11-20"}
             for t in ("UNDERSOKNING", "TELEFONKONTAKT", "JOURNALUPPGIFTER", "UNDERSOKNING")]
    bases.append({"typ": "ANNAT", "datum": "2026-11-20", "beskrivning": "Remiss"})
    assert ("1", IssueCode.TOO_MANY) in reported(validate(edited(grundForMU=bases)))


def test_grund_type_known_when_unknown_type() -> None:
    """DOMAIN.md §3 q1: types UNDERSOKNING, TELEFONKONTAKT, JOURNALUPPGIFTER, ANNAT."""
    raw = edited(grundForMU=[{"typ": "UNDERSOKNING", "datum": "2026-11-25"},
                             {"typ": "ANHORIG", "datum": "2026-11-25"}])
    assert only(validate(raw)) == ("1", "grundForMU[1].typ", IssueCode.INVALID_VALUE)


def test_grund_type_once_when_duplicated() -> None:
    """DOMAIN.md §3 q1: each type of basis at most once."""
    raw = edited(grundForMU=[{"typ": "UNDERSOKNING", "datum": "2026-11-25"},
                             {"typ": "UNDERSOKNING", "datum": "2026-11-20"}])
    assert only(validate(raw)) == ("1", "grundForMU[1].typ", IssueCode.DUPLICATE)


def test_grund_date_required_when_missing() -> None:
    """DOMAIN.md §3 q1: each basis has a date."""
    raw = edited(grundForMU=[{"typ": "UNDERSOKNING"}])
    assert only(validate(raw)) == ("1", "grundForMU[0].datum", IssueCode.MISSING)


def test_grund_date_real_when_not_a_date() -> None:
    """DOMAIN.md §3 q1: dates must be real dates."""
    raw = edited(grundForMU=[{"typ": "UNDERSOKNING", "datum": "2026-02-30"}])
    assert only(validate(raw)) == ("1", "grundForMU[0].datum", IssueCode.INVALID_FORMAT)


def test_grund_date_not_future_when_after_today() -> None:
    """DOMAIN.md §3 q1: dates must not be in the future."""
    raw = edited(grundForMU=[{"typ": "UNDERSOKNING", "datum": "2026-11-29"}])
    assert only(validate(raw)) == ("1", "grundForMU[0].datum", IssueCode.FUTURE_DATE)


def test_grund_date_allowed_when_today() -> None:
    """DOMAIN.md §3 q1: today is not in the future."""
    assert validate(edited(grundForMU=[{"typ": "UNDERSOKNING", "datum": "2026-11-28"}])) == []


def test_grund_annat_needs_description_when_missing() -> None:
    """DOMAIN.md §3 q1: ANNAT needs a description (1.3)."""
    raw = edited(grundForMU=[{"typ": "UNDERSOKNING", "datum": "2026-11-25"},
                             {"typ": "ANNAT", "datum": "2026-11-25", "beskrivning": "  "}])
    assert only(validate(raw)) == ("1.3", "grundForMU[1].beskrivning", IssueCode.BLANK)


def test_grund_description_only_with_annat_when_given_on_other_basis() -> None:
    """DOMAIN.md §3 q1: a description without ANNAT is an error."""
    raw = edited(grundForMU=[{"typ": "UNDERSOKNING", "datum": "2026-11-25",
                              "beskrivning": "Besök"}])
    assert only(validate(raw)) == ("1.3", "grundForMU[0].beskrivning", IssueCode.FORBIDDEN)


def test_not_examined_motivation_required_when_no_undersokning() -> None:
    """DOMAIN.md §3 q1 (sub): without UNDERSOKNING the motivation is required (as in Webcert)."""
    raw = edited(grundForMU=[{"typ": "TELEFONKONTAKT", "datum": "2026-11-25"}])
    assert only(validate(raw)) == (
        "1", "motiveringTillInteBaseratPaUndersokning", IssueCode.MISSING)


def test_not_examined_motivation_at_most_150_when_longer() -> None:
    """DOMAIN.md §3 q1 (sub): the motivation has at most 150 characters."""
    raw = edited(grundForMU=[{"typ": "JOURNALUPPGIFTER", "datum": "2026-11-25"}],
                 motiveringTillInteBaseratPaUndersokning="x" * 151)
    assert only(validate(raw)) == (
        "1", "motiveringTillInteBaseratPaUndersokning", IssueCode.TOO_LONG)


def test_not_examined_motivation_forbidden_when_examined() -> None:
    """DOMAIN.md §3 q1 (sub): the motivation is only asked without an examination."""
    raw = edited(motiveringTillInteBaseratPaUndersokning="Telefon räckte.")
    assert only(validate(raw)) == (
        "1", "motiveringTillInteBaseratPaUndersokning", IssueCode.FORBIDDEN)


# --- 28/29: sysselsättning ------------------------------------------------------------------
def test_occupation_required_when_missing() -> None:
    """DOMAIN.md §3 q28: at least one occupation (and 29 then has nothing to describe)."""
    raw = edited(sysselsattning=None, nuvarandeArbete=None)
    assert only(validate(raw)) == ("28", "sysselsattning", IssueCode.MISSING)


def test_occupation_at_most_four_when_five_given() -> None:
    """DOMAIN.md §3 q28: 1-4 occupations."""
    codes = ["NUVARANDE_ARBETE", "ARBETSSOKANDE", "FORALDRALEDIG", "STUDIER", "STUDIER"]
    assert ("28", IssueCode.TOO_MANY) in reported(validate(edited(sysselsattning=codes)))


def test_occupation_once_when_duplicated() -> None:
    """DOMAIN.md §3 q28: no duplicates."""
    raw = edited(sysselsattning=["NUVARANDE_ARBETE", "NUVARANDE_ARBETE"])
    assert only(validate(raw)) == ("28", "sysselsattning[1]", IssueCode.DUPLICATE)


def test_current_work_required_when_nuvarande_arbete() -> None:
    """DOMAIN.md §3 q29: required with NUVARANDE_ARBETE."""
    assert only(validate(edited(nuvarandeArbete=None))) == (
        "29", "nuvarandeArbete", IssueCode.MISSING)


def test_current_work_forbidden_when_not_nuvarande_arbete() -> None:
    """DOMAIN.md §3 q29: forbidden without NUVARANDE_ARBETE."""
    raw = edited(sysselsattning=["ARBETSSOKANDE"])
    assert only(validate(raw)) == ("29", "nuvarandeArbete", IssueCode.FORBIDDEN)


# --- 6: diagnoser ---------------------------------------------------------------------------
def diagnoses(*rows: tuple[str, str] | tuple[str, str, str]) -> dict[str, Any]:
    return edited(diagnoser=[
        {"kod": r[0], "beskrivning": r[1], **({"kodsystem": r[2]} if len(r) == 3 else {})}
        for r in rows
    ])


def test_diagnosis_required_when_missing() -> None:
    """DOMAIN.md §3 q6: at least one diagnosis."""
    assert only(validate(edited(diagnoser=None))) == ("6", "diagnoser", IssueCode.MISSING)


def test_diagnosis_at_most_three_when_four_given() -> None:
    """DOMAIN.md §3 q6: 1-3 diagnoses."""
    raw = diagnoses(("M544", "a"), ("J069", "b"), ("R529", "c"), ("S5250", "d"))
    assert only(validate(raw)) == ("6", "diagnoser", IssueCode.TOO_MANY)


def test_diagnosis_code_required_when_missing() -> None:
    """DOMAIN.md §3 q6: each row has a code."""
    raw = edited(diagnoser=[{"beskrivning": "Ryggont"}])
    assert only(validate(raw)) == ("6", "diagnoser[0].kod", IssueCode.MISSING)


def test_diagnosis_code_at_least_three_when_shorter() -> None:
    """DOMAIN.md §3 q6: 3-5 characters after trimming."""
    assert only(validate(diagnoses((" M5 ", "Ryggont")))) == (
        "6", "diagnoser[0].kod", IssueCode.INVALID_FORMAT)


def test_diagnosis_code_at_most_five_when_longer() -> None:
    """DOMAIN.md §3 q6: 3-5 characters, the dot not counted."""
    assert only(validate(diagnoses(("M54.456", "Ryggont")))) == (
        "6", "diagnoser[0].kod", IssueCode.INVALID_FORMAT)


def test_diagnosis_code_dot_not_counted_when_five_characters_and_dot() -> None:
    """DOMAIN.md §3 q6: S52.50 is five characters."""
    assert validate(diagnoses(("S52.50", "Fraktur på distala radius"))) == []


def test_diagnosis_f_code_at_least_four_when_three() -> None:
    """DOMAIN.md §3 q6: codes starting with F need at least 4 characters."""
    assert only(validate(diagnoses(("F32", "Depression")))) == (
        "6", "diagnoser[0].kod", IssueCode.INVALID_FORMAT)


def test_diagnosis_z73_code_at_least_four_when_three() -> None:
    """DOMAIN.md §3 q6: codes starting with Z73 need at least 4 characters."""
    assert only(validate(diagnoses(("Z73", "Utbrändhet")))) == (
        "6", "diagnoser[0].kod", IssueCode.INVALID_FORMAT)


def test_diagnosis_code_exists_when_unknown() -> None:
    """DOMAIN.md §3 q6: each code must exist in the code list."""
    assert only(validate(diagnoses(("D90", "Påhittad")))) == (
        "6", "diagnoser[0].kod", IssueCode.UNKNOWN_CODE)


def test_diagnosis_code_normalised_when_parsed() -> None:
    """DOMAIN.md §4: a code is kept upper case, trimmed and without its dot."""
    content = LisjpContent.model_validate(diagnoses((" m54.4 ", "Lumbago")))
    assert content.diagnoser is not None and content.diagnoser[0].kod == "M544"


def test_diagnosis_ksh97_accepted_when_icd10_category_exists() -> None:
    """DOMAIN.md §3 q6: KSH97-P codes are accepted by their ICD-10 category."""
    assert validate(diagnoses(("J06-P", "Övre luftvägsinfektion", "KSH_97_P"))) == []


def test_diagnosis_ksh97_unknown_when_category_missing() -> None:
    """DOMAIN.md §3 q6: a KSH97-P code without an ICD-10 category does not exist."""
    assert only(validate(diagnoses(("U99P", "Påhittad", "KSH_97_P")))) == (
        "6", "diagnoser[0].kod", IssueCode.UNKNOWN_CODE)


def test_diagnosis_same_code_system_when_mixed() -> None:
    """DOMAIN.md §3 q6: all rows in the same code system."""
    raw = diagnoses(("M544", "Lumbago"), ("J06", "Förkylning", "KSH_97_P"))
    assert only(validate(raw)) == ("6", "diagnoser[1].kodsystem", IssueCode.MIXED_CODE_SYSTEMS)


def test_diagnosis_code_system_known_when_unknown() -> None:
    """DOMAIN.md §3 q6: ICD-10-SE or KSH97-P only."""
    assert only(validate(diagnoses(("M544", "Lumbago", "SNOMED")))) == (
        "6", "diagnoser[0].kodsystem", IssueCode.INVALID_VALUE)


def test_diagnosis_description_required_when_missing() -> None:
    """DOMAIN.md §3 q6: each code has a description."""
    raw = edited(diagnoser=[{"kod": "M544", "beskrivning": " "}])
    assert only(validate(raw)) == ("6", "diagnoser[0].beskrivning", IssueCode.BLANK)


def test_diagnosis_first_row_filled_when_later_rows_given() -> None:
    """TYPES.md §0 diagnosis block: with several rows an empty first row is the only error."""
    raw = edited(diagnoser=[{}, {"kod": "F32", "beskrivning": ""}])
    assert only(validate(raw)) == ("6", "diagnoser[0].kod", IssueCode.MISSING)


# --- 35/17 ----------------------------------------------------------------------------------
def test_function_impairment_required_when_missing() -> None:
    """DOMAIN.md §3 q35: funktionsnedsättning is required."""
    assert only(validate(edited(funktionsnedsattning=None))) == (
        "35", "funktionsnedsattning", IssueCode.MISSING)


def test_activity_limitation_required_when_whitespace_only() -> None:
    """DOMAIN.md §3 q17: aktivitetsbegränsning is required; whitespace is no answer (BLANK)."""
    assert only(validate(edited(aktivitetsbegransning=" \n"))) == (
        "17", "aktivitetsbegransning", IssueCode.BLANK)


# --- 32: sjukskrivningar --------------------------------------------------------------------
def test_periods_required_when_missing() -> None:
    """DOMAIN.md §3 q32: at least one period."""
    assert only(validate(edited(sjukskrivningar=[]))) == (
        "32", "sjukskrivningar", IssueCode.MISSING)


def test_periods_at_most_four_when_five_given() -> None:
    """DOMAIN.md §3 q32: 1-4 periods."""
    rows = [period("HALFTEN", f"2026-12-{day:02d}", f"2026-12-{day:02d}") for day in range(1, 6)]
    assert ("32", IssueCode.TOO_MANY) in reported(validate(edited(sjukskrivningar=rows)))


def test_period_degree_known_when_unknown() -> None:
    """DOMAIN.md §3 q32: degrees HELT_NEDSATT, TRE_FJARDEDEL, HALFTEN, EN_FJARDEDEL."""
    raw = edited(sjukskrivningar=[period("NITTIO", "2026-11-25", "2026-12-12")])
    assert only(validate(raw)) == (
        "32", "sjukskrivningar[0].sjukskrivningsgrad", IssueCode.INVALID_VALUE)


def test_period_degree_once_when_repeated() -> None:
    """DOMAIN.md §3 q32: each degree at most once."""
    raw = edited(sjukskrivningar=[period("HELT_NEDSATT", "2026-11-25", "2026-11-30"),
                                  period("HELT_NEDSATT", "2026-12-01", "2026-12-12")])
    assert only(validate(raw)) == (
        "32", "sjukskrivningar[1].sjukskrivningsgrad", IssueCode.DUPLICATE)


def test_period_from_not_after_tom_when_reversed() -> None:
    """DOMAIN.md §3 q32: from <= tom."""
    raw = edited(sjukskrivningar=[period("HELT_NEDSATT", "2026-12-12", "2026-11-25")])
    assert ("32", "sjukskrivningar[0].period", IssueCode.INVALID_RANGE) in {
        (i.question_id, i.field, i.code) for i in validate(raw)}


def test_period_date_real_when_not_a_date() -> None:
    """DOMAIN.md §3 q32: period dates must be real dates."""
    raw = edited(sjukskrivningar=[period("HELT_NEDSATT", "2026-11-25", "2026-12-32")])
    assert only(validate(raw)) == (
        "32", "sjukskrivningar[0].period.tom", IssueCode.INVALID_FORMAT)


def test_period_date_required_when_missing() -> None:
    """DOMAIN.md §3 q32: each period has a from and a to date."""
    raw = edited(sjukskrivningar=[{"sjukskrivningsgrad": "HELT_NEDSATT",
                                   "period": {"from": "2026-11-25"}}])
    assert only(validate(raw)) == ("32", "sjukskrivningar[0].period.tom", IssueCode.MISSING)


def test_periods_not_overlapping_when_overlapping() -> None:
    """DOMAIN.md §3 q32: periods must not overlap."""
    raw = edited(sjukskrivningar=[period("HELT_NEDSATT", "2026-11-25", "2026-12-05"),
                                  period("HALFTEN", "2026-12-05", "2026-12-12")],
                 arbetstidsforlaggning=False)
    assert {(i.question_id, i.field, i.code) for i in validate(raw)} == {
        ("32", "sjukskrivningar[0].period.tom", IssueCode.OVERLAP),
        ("32", "sjukskrivningar[1].period.from", IssueCode.OVERLAP),
    }


def test_early_start_motivation_required_when_seven_days_back() -> None:
    """DOMAIN.md §3 q32 (sub): a period starting 7 or more days before today needs a motivation."""
    raw = edited(sjukskrivningar=[period("HELT_NEDSATT", "2026-11-21", "2026-12-12")])
    assert only(validate(raw)) == (
        "32", "motiveringTillTidigtStartdatumForSjukskrivning", IssueCode.MISSING)


def test_early_start_motivation_not_asked_when_six_days_back() -> None:
    """DOMAIN.md §3 q32 (sub): six days back is not early."""
    assert validate(edited(sjukskrivningar=[period("HELT_NEDSATT", "2026-11-22",
                                                   "2026-12-12")])) == []


def test_early_start_motivation_at_most_150_when_longer() -> None:
    """DOMAIN.md §3 q32 (sub): the motivation has at most 150 characters."""
    raw = edited(sjukskrivningar=[period("HELT_NEDSATT", "2026-11-01", "2026-12-12")],
                 motiveringTillTidigtStartdatumForSjukskrivning="x" * 151)
    assert only(validate(raw)) == (
        "32", "motiveringTillTidigtStartdatumForSjukskrivning", IssueCode.TOO_LONG)


def test_early_start_motivation_forbidden_when_not_early() -> None:
    """DOMAIN.md §3 q32 (sub): the motivation is only asked for an early start."""
    raw = edited(motiveringTillTidigtStartdatumForSjukskrivning="Sökte sent.")
    assert only(validate(raw)) == (
        "32", "motiveringTillTidigtStartdatumForSjukskrivning", IssueCode.FORBIDDEN)


# --- 33: arbetstidsförläggning --------------------------------------------------------------
def partial(**changes: Any) -> dict[str, Any]:
    return edited(sjukskrivningar=[period("HALFTEN", "2026-11-25", "2026-12-12")], **changes)


def test_working_hours_required_when_partial_period() -> None:
    """DOMAIN.md §3 q33: required when any period is 25/50/75 %."""
    assert only(validate(partial())) == ("33", "arbetstidsforlaggning", IssueCode.MISSING)


def test_working_hours_required_when_full_and_partial_periods() -> None:
    """DOMAIN.md §3 q33: a partial period makes 33 required even beside a 100 % period."""
    raw = edited(sjukskrivningar=[period("HELT_NEDSATT", "2026-11-25", "2026-11-30"),
                                  period("HALFTEN", "2026-12-01", "2026-12-12")])
    assert only(validate(raw)) == ("33", "arbetstidsforlaggning", IssueCode.MISSING)


def test_working_hours_optional_when_smittskydd() -> None:
    """DOMAIN.md §3 q27/q33: smittskydd lifts the requirement of 33 (smittskydd example is 50 %)."""
    assert validate(smittskydd_lisjp()) == []


def test_working_hours_true_needs_motivation_when_missing() -> None:
    """DOMAIN.md §3 q33: true needs a motivering."""
    assert only(validate(partial(arbetstidsforlaggning=True))) == (
        "33.2", "arbetstidsforlaggningMotivering", IssueCode.MISSING)


def test_working_hours_false_forbids_motivation_when_given() -> None:
    """DOMAIN.md §3 q33: false forbids a motivering."""
    raw = partial(arbetstidsforlaggning=False, arbetstidsforlaggningMotivering="Förmiddagar.")
    assert only(validate(raw)) == ("33.2", "arbetstidsforlaggningMotivering",
                                   IssueCode.FORBIDDEN)


def test_working_hours_forbidden_when_full_period() -> None:
    """DOMAIN.md §3 q33: with a 100 % period neither answer nor motivering may be given."""
    assert only(validate(edited(arbetstidsforlaggning=False))) == (
        "33", "arbetstidsforlaggning", IssueCode.FORBIDDEN)


def test_working_hours_motivation_forbidden_when_full_period() -> None:
    """DOMAIN.md §3 q33: with a 100 % period no motivering either."""
    assert only(validate(edited(arbetstidsforlaggningMotivering="Förmiddagar."))) == (
        "33.2", "arbetstidsforlaggningMotivering", IssueCode.FORBIDDEN)


# --- 39: prognos ----------------------------------------------------------------------------
def test_prognosis_required_when_missing() -> None:
    """DOMAIN.md §3 q39: a prognosis unless smittskydd."""
    assert only(validate(edited(prognos=None))) == ("39", "prognos.typ", IssueCode.MISSING)


def test_prognosis_type_known_when_unknown() -> None:
    """DOMAIN.md §3 q39: the four prognosis types."""
    assert only(validate(edited(prognos={"typ": "KANSKE"}))) == (
        "39", "prognos.typ", IssueCode.INVALID_VALUE)


def test_prognosis_days_required_when_ater_x_antal_dgr() -> None:
    """DOMAIN.md §3 q39: ATER_X_ANTAL_DGR needs dagarTillArbete."""
    assert only(validate(edited(prognos={"typ": "ATER_X_ANTAL_DGR"}))) == (
        "39.3", "prognos.dagarTillArbete", IssueCode.MISSING)


def test_prognosis_days_forbidden_when_other_type() -> None:
    """DOMAIN.md §3 q39: the other types forbid dagarTillArbete."""
    raw = edited(prognos={"typ": "PROGNOS_OKLAR", "dagarTillArbete": "TRETTIO_DGR"})
    assert only(validate(raw)) == ("39.3", "prognos.dagarTillArbete", IssueCode.FORBIDDEN)


def test_prognosis_days_known_when_unknown() -> None:
    """DOMAIN.md §3 q39: dagarTillArbete is one of the five codes."""
    raw = edited(prognos={"typ": "ATER_X_ANTAL_DGR", "dagarTillArbete": "TIO_DGR"})
    assert only(validate(raw)) == ("39.3", "prognos.dagarTillArbete", IssueCode.INVALID_VALUE)


# --- 40/44: arbetslivsinriktade åtgärder ----------------------------------------------------
def test_measures_required_when_missing() -> None:
    """DOMAIN.md §3 q40: at least one measure unless smittskydd."""
    assert only(validate(edited(arbetslivsinriktadeAtgarder=[]))) == (
        "40", "arbetslivsinriktadeAtgarder", IssueCode.MISSING)


def test_measures_at_most_ten_when_eleven_given() -> None:
    """DOMAIN.md §3 q40: 1-10 measures."""
    raw = edited(arbetslivsinriktadeAtgarder=[*OTHER_MEASURES, "ERGONOMISK"])
    assert ("40", IssueCode.TOO_MANY) in reported(validate(raw))


def test_measures_once_when_duplicated() -> None:
    """DOMAIN.md §3 q40: no duplicates."""
    raw = edited(arbetslivsinriktadeAtgarder=["ERGONOMISK", "ERGONOMISK"])
    assert only(validate(raw)) == ("40", "arbetslivsinriktadeAtgarder[1]", IssueCode.DUPLICATE)


def test_measures_known_when_unknown() -> None:
    """DOMAIN.md §3 q40: the eleven measure codes."""
    raw = edited(arbetslivsinriktadeAtgarder=["MEDITATION"])
    assert only(validate(raw)) == ("40", "arbetslivsinriktadeAtgarder[0]",
                                   IssueCode.INVALID_VALUE)


def test_measures_ej_aktuellt_alone_when_combined() -> None:
    """DOMAIN.md §3 q40: EJ_AKTUELLT must stand alone."""
    raw = edited(arbetslivsinriktadeAtgarder=["EJ_AKTUELLT", "ERGONOMISK"])
    assert only(validate(raw)) == ("40", "arbetslivsinriktadeAtgarder",
                                   IssueCode.MUST_STAND_ALONE)


def test_measures_ej_aktuellt_forbids_description_when_given() -> None:
    """DOMAIN.md §3 q40/q44: EJ_AKTUELLT forbids a description of measures."""
    raw = edited(arbetslivsinriktadeAtgarderBeskrivning="Arbetsträning.")
    assert only(validate(raw)) == ("44", "arbetslivsinriktadeAtgarderBeskrivning",
                                   IssueCode.FORBIDDEN)


# --- 26: kontakt med FK ---------------------------------------------------------------------
def test_contact_reason_forbidden_when_no_contact_wanted() -> None:
    """DOMAIN.md §3 q26: a reason without kontaktMedFk=true is an error."""
    raw = edited(kontaktMedFk=False, anledningTillKontakt="Diskutera rehabilitering.")
    assert only(validate(raw)) == ("26.2", "anledningTillKontakt", IssueCode.FORBIDDEN)


def test_contact_reason_forbidden_when_contact_unanswered() -> None:
    """DOMAIN.md §3 q26: an unanswered kontaktMedFk is not true either."""
    raw = edited(anledningTillKontakt="Diskutera rehabilitering.")
    assert only(validate(raw)) == ("26.2", "anledningTillKontakt", IssueCode.FORBIDDEN)


# --- blank optional texts -------------------------------------------------------------------
@pytest.mark.parametrize(("alias", "question_id", "changes"), [
    ("pagaendeBehandling", "19", {}),
    ("planeradBehandling", "20", {}),
    ("forsakringsmedicinsktBeslutsstod", "37", {}),
    ("ovrigt", "25", {}),
    ("arbetslivsinriktadeAtgarderBeskrivning", "44",
     {"arbetslivsinriktadeAtgarder": ["HJALPMEDEL"]}),
    ("anledningTillKontakt", "26.2", {"kontaktMedFk": True}),
])
def test_optional_text_not_blank_when_whitespace_only(
    alias: str, question_id: str, changes: dict[str, Any]
) -> None:
    """DOMAIN.md §3: optional free texts may be absent but never whitespace-only."""
    raw = edited(**changes, **{alias: "   "})
    assert only(validate(raw)) == (question_id, alias, IssueCode.BLANK)


# --- vårdenhet ------------------------------------------------------------------------------
@pytest.mark.parametrize(("attribute", "field"), [
    ("postal_address", "vardenhet.postadress"),
    ("postal_code", "vardenhet.postnummer"),
    ("postal_town", "vardenhet.postort"),
    ("phone", "vardenhet.telefonnummer"),
])
def test_care_unit_complete_when_detail_missing(attribute: str, field: str) -> None:
    """DOMAIN.md §3 / TYPES.md §0 R-vårdenhet: address, postal code, town and phone required."""
    unit = CARE_UNIT.model_copy(update={attribute: " "})
    assert only(validate(minimal_lisjp(), unit)) == ("vardenhet", field, IssueCode.MISSING)


def test_care_unit_postal_code_format_when_malformed() -> None:
    """TYPES.md §0 R-vårdenhet: the postal code matches \\d{3}\\s?\\d{2}."""
    unit = CARE_UNIT.model_copy(update={"postal_code": "1234"})
    assert only(validate(minimal_lisjp(), unit)) == (
        "vardenhet", "vardenhet.postnummer", IssueCode.INVALID_FORMAT)


def test_care_unit_postal_code_accepted_when_without_space() -> None:
    """TYPES.md §0 R-vårdenhet: the space in a postal code is optional."""
    unit = CARE_UNIT.model_copy(update={"postal_code": "12345"})
    assert validate(minimal_lisjp(), unit) == []


# --- all at once, shapes, ids ---------------------------------------------------------------
def test_every_failure_reported_when_draft_empty() -> None:
    """DOMAIN.md §3: validation answers with every failing field at once."""
    unit = CareUnit(hsa_id="SE2321000016-1003", care_giver_hsa_id="SE2321000016-1000")
    found = {i.question_id for i in validate({}, unit)}
    assert found == {"1", "28", "6", "35", "17", "32", "39", "40", "vardenhet"}


def test_draft_kept_when_date_malformed() -> None:
    """DOMAIN.md §3: a draft with a malformed date can still be saved (validation reports it)."""
    content = LisjpContent.model_validate(edited(grundForMU=[{"typ": "X", "datum": "igår"}]))
    assert content.grund_for_mu is not None and content.grund_for_mu[0].datum == "igår"


@pytest.mark.parametrize("raw", [
    {"avstangningSmittskydd": ["ja"]},
    {"diagnoser": "M544"},
    {"okandFraga": "x"},
    {"prognos": {"typ": "STOR_SANNOLIKHET", "extra": 1}},
])
def test_shape_refused_when_wrong(raw: dict[str, Any]) -> None:
    """DOMAIN.md §3: wrong shapes and unknown keys are refused by the model."""
    with pytest.raises(ValidationError):
        LisjpContent.model_validate(raw)


def test_question_ids_cover_every_field_when_listed() -> None:
    """DOMAIN.md §3: every answer has its national question id."""
    aliases = {f.alias or name for name, f in LisjpContent.model_fields.items()}
    assert set(QUESTION_IDS) == aliases
    assert QUESTION_IDS["avstangningSmittskydd"] == "27"
    assert QUESTION_IDS["sjukskrivningar"] == "32"


# --- renewal, last period, periods ----------------------------------------------------------
def test_renewal_clears_assessment_when_renewed() -> None:
    """DOMAIN.md §3 förlängning: clears contact, basis dates and description, motiveringar,
    prognosis, periods and arbetstidsförläggning; keeps the rest."""
    original = LisjpContent.model_validate(maximal_lisjp())
    renewed = renewal_content(original)
    assert renewed.kontakt_med_fk is None and renewed.anledning_till_kontakt is None
    assert renewed.grund_for_mu is not None
    assert [(g.typ, g.datum, g.beskrivning) for g in renewed.grund_for_mu] == [
        ("TELEFONKONTAKT", None, None), ("JOURNALUPPGIFTER", None, None), ("ANNAT", None, None)]
    assert renewed.motivering_till_inte_baserat_pa_undersokning is None
    assert renewed.motivering_till_tidigt_startdatum_for_sjukskrivning is None
    assert renewed.prognos is None and renewed.sjukskrivningar is None
    assert renewed.arbetstidsforlaggning is None
    assert renewed.arbetstidsforlaggning_motivering is None
    kept = original.model_dump(exclude={
        "kontakt_med_fk", "anledning_till_kontakt", "grund_for_mu", "prognos", "sjukskrivningar",
        "motivering_till_inte_baserat_pa_undersokning", "arbetstidsforlaggning",
        "motivering_till_tidigt_startdatum_for_sjukskrivning", "arbetstidsforlaggning_motivering"})
    assert renewed.model_dump(include=set(kept)) == kept


def test_last_period_found_when_periods_valid() -> None:
    """DOMAIN.md §3 förlängning: the renewal remembers the last period end and degree."""
    content = LisjpContent.model_validate(maximal_lisjp())
    assert last_period(content) == (date(2027, 1, 11), "EN_FJARDEDEL")


def test_last_period_ignores_invalid_when_latest_is_malformed() -> None:
    """DOMAIN.md §3 förlängning: only valid periods count as the last period."""
    content = LisjpContent.model_validate(edited(sjukskrivningar=[
        period("HELT_NEDSATT", "2026-11-25", "2026-12-12"),
        period("HALFTEN", "2026-12-13", "2026-12-40")]))
    assert last_period(content) == (date(2026, 12, 12), "HELT_NEDSATT")


def test_last_period_none_when_no_valid_period() -> None:
    """DOMAIN.md §3 förlängning: nothing to remember without a valid period."""
    assert last_period(LisjpContent()) is None
    content = LisjpContent.model_validate(edited(sjukskrivningar=[
        period("HELT_NEDSATT", "2026-12-12", "2026-11-25")]))
    assert last_period(content) is None


def test_periods_listed_when_valid() -> None:
    """DOMAIN.md §7: valid periods as (degree, from, tom) for sick-leave cases."""
    content = LisjpContent.model_validate(edited(sjukskrivningar=[
        period("HELT_NEDSATT", "2026-11-25", "2026-11-30"),
        period("NITTIO", "2026-12-01", "2026-12-05"),
        period("HALFTEN", "2026-12-01", "2026-12-12")]))
    assert periods(content) == [
        ("HELT_NEDSATT", date(2026, 11, 25), date(2026, 11, 30)),
        ("HALFTEN", date(2026, 12, 1), date(2026, 12, 12)),
    ]
