"""AG7804 (the employer's certificate) content model, validation, renewal and creation from a
LISJP: TYPES.md §4."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from domain.content.fk.ag7804 import (
    QUESTION_IDS,
    Ag7804Content,
    from_lisjp,
    renewal_content,
    validate_ag7804,
)
from domain.content.fk.lisjp import LisjpContent
from domain.shared.validation import IssueCode, ValidationIssue
from tests.factories.content import CARE_UNIT, maximal_lisjp, minimal_ag7804, minimal_lisjp
from tests.unit.content.issue_helpers import only
from tests.unit.content.issue_helpers import reported_codes as reported

TODAY = date(2026, 11, 28)
AG_MEASURES = ["ARBETSTRANING", "ARBETSANPASSNING", "BESOK_ARBETSPLATS", "ERGONOMISK",
               "HJALPMEDEL", "KONTAKT_FHV", "OMFORDELNING", "OVRIGA_ATGARDER"]


def validate(raw: dict[str, Any]) -> list[ValidationIssue]:
    return validate_ag7804(Ag7804Content.model_validate(raw), TODAY, CARE_UNIT)


# --- passing examples -----------------------------------------------------------------------
def test_minimal_ag7804_passes_when_diagnosis_not_wanted() -> None:
    """TYPES.md §4: required answers with 100 = false and no diagnosis are complete."""
    assert validate(minimal_ag7804()) == []


def test_ag7804_passes_when_diagnosis_wanted_and_given() -> None:
    """TYPES.md §4 q100/q6: with 100 = true a valid diagnosis block is complete."""
    raw = minimal_ag7804(onskarFormedlaDiagnos=True,
                         diagnoser=[{"kod": "M54.4", "beskrivning": "Lumbago med ischias"}])
    assert validate(raw) == []


def test_smittskydd_ag7804_passes_when_only_consent_and_periods_given() -> None:
    """TYPES.md §4 q27: smittskydd lifts 1, 28, 35, 17, 39, 40 and the 33 requirement."""
    raw = {"avstangningSmittskydd": True, "onskarFormedlaDiagnos": False,
           "sjukskrivningar": [{"sjukskrivningsgrad": "HALFTEN",
                                "period": {"from": "2026-11-27", "tom": "2026-12-04"}}]}
    assert validate(raw) == []


# --- 100 / 6 --------------------------------------------------------------------------------
def test_consent_required_when_missing() -> None:
    """TYPES.md §4 q100: onskarFormedlaDiagnos is required."""
    assert only(validate(minimal_ag7804(onskarFormedlaDiagnos=None))) == (
        "100", "onskarFormedlaDiagnos", IssueCode.MISSING)


def test_consent_required_when_smittskydd() -> None:
    """TYPES.md §4 q27: smittskydd does not lift question 100."""
    raw = {"avstangningSmittskydd": True,
           "sjukskrivningar": [{"sjukskrivningsgrad": "HELT_NEDSATT",
                                "period": {"from": "2026-11-27", "tom": "2026-12-04"}}]}
    assert only(validate(raw)) == ("100", "onskarFormedlaDiagnos", IssueCode.MISSING)


def test_diagnosis_required_when_consent_true() -> None:
    """TYPES.md §4 q6: 100 = true needs the diagnosis block."""
    assert only(validate(minimal_ag7804(onskarFormedlaDiagnos=True))) == (
        "6", "diagnoser", IssueCode.MISSING)


def test_diagnosis_forbidden_when_consent_false() -> None:
    """TYPES.md §4 q6: 100 = false with diagnoses is an incorrect combination."""
    raw = minimal_ag7804(diagnoser=[{"kod": "M544", "beskrivning": "Lumbago"}])
    assert only(validate(raw)) == ("6", "diagnoser", IssueCode.INCORRECT_COMBINATION)


def test_diagnosis_block_checked_when_consent_true() -> None:
    """TYPES.md §0 diagnosis block: F codes need 4 characters in AG7804 too."""
    raw = minimal_ag7804(onskarFormedlaDiagnos=True,
                         diagnoser=[{"kod": "F32", "beskrivning": "Depression"}])
    assert only(validate(raw)) == ("6", "diagnoser[0].kod", IssueCode.INVALID_FORMAT)


# --- 1, 39, 40, 25, 103 ---------------------------------------------------------------------
def test_grund_annat_needs_description_when_missing() -> None:
    """TYPES.md §4 q1 R2: ANNAT needs 1.3, reported on the description's own id 1.3 (one rule
    for question ids, issue 17; Webcert's AG7804 names 1.1)."""
    raw = minimal_ag7804(grundForMU=[{"typ": "UNDERSOKNING", "datum": "2026-11-25"},
                                     {"typ": "ANNAT", "datum": "2026-11-20"}])
    assert only(validate(raw)) == ("1.3", "grundForMU[1].beskrivning", IssueCode.MISSING)


def test_prognosis_days_required_when_ater_x_antal_dgr() -> None:
    """TYPES.md §4 q39: ATER_X_ANTAL_DGR needs 39.3, reported on 39.3 (one rule for question
    ids, issue 17; Webcert's AG7804 names 39.1)."""
    raw = minimal_ag7804(prognos={"typ": "ATER_X_ANTAL_DGR"})
    assert only(validate(raw)) == ("39.3", "prognos.dagarTillArbete", IssueCode.MISSING)


def test_measure_code_refused_when_absent_in_ag7804() -> None:
    """TYPES.md §4 q40: SOKA_NYTT_ARBETE and KONFLIKTHANTERING are not AG7804 codes."""
    raw = minimal_ag7804(arbetslivsinriktadeAtgarder=["ERGONOMISK", "SOKA_NYTT_ARBETE"])
    assert only(validate(raw)) == (
        "40", "arbetslivsinriktadeAtgarder[1]", IssueCode.INVALID_VALUE)


def test_measures_at_most_eight_when_nine_given() -> None:
    """TYPES.md §4 q40: at most 8 entries (the v1 constant)."""
    raw = minimal_ag7804(arbetslivsinriktadeAtgarder=[*AG_MEASURES, "ERGONOMISK"])
    assert ("40", IssueCode.TOO_MANY) in reported(validate(raw))


def test_other_information_at_most_4000_when_longer() -> None:
    """TYPES.md §4 q25: övrigt has at most 4000 characters."""
    assert only(validate(minimal_ag7804(ovrigt="x" * 4001))) == (
        "25", "ovrigt", IssueCode.TOO_LONG)


def test_employer_contact_reason_forbidden_when_no_contact_wanted() -> None:
    """TYPES.md §4 q103: 103.2 given while 103.1 = false is an error, on 103.2 (the reason's
    own id: one rule for question ids, issue 17)."""
    raw = minimal_ag7804(kontaktMedAg=False, anledningTillKontakt="Planera återgång.")
    assert only(validate(raw)) == ("103.2", "anledningTillKontakt", IssueCode.FORBIDDEN)


def test_employer_contact_reason_not_blank_when_whitespace_only() -> None:
    """TYPES.md §4: blank-but-present on 103.2 is an error."""
    raw = minimal_ag7804(kontaktMedAg=True, anledningTillKontakt="  ")
    assert only(validate(raw)) == ("103.2", "anledningTillKontakt", IssueCode.BLANK)


def test_lisjp_only_fields_refused_when_given() -> None:
    """TYPES.md §4: AG7804 has no kontaktMedFk (26); its contact is 103."""
    with pytest.raises(ValidationError):
        Ag7804Content.model_validate(minimal_ag7804(kontaktMedFk=True))


def test_question_ids_cover_every_field_when_listed() -> None:
    """TYPES.md §4: every answer has its national question id."""
    aliases = {f.alias or name for name, f in Ag7804Content.model_fields.items()}
    assert set(QUESTION_IDS) == aliases
    assert QUESTION_IDS["onskarFormedlaDiagnos"] == "100"
    assert QUESTION_IDS["kontaktMedAg"] == "103"


# --- from a LISJP ---------------------------------------------------------------------------
def test_from_lisjp_copies_diagnoses_when_patient_agrees() -> None:
    """TYPES.md §4 / DOMAIN.md §3: diagnoses are copied only when the patient agrees (100)."""
    lisjp = LisjpContent.model_validate(maximal_lisjp())
    ag = from_lisjp(lisjp, include_diagnosis=True)
    assert ag.onskar_formedla_diagnos is True
    assert ag.diagnoser == lisjp.diagnoser
    assert validate_ag7804(ag, TODAY, CARE_UNIT) == []


def test_from_lisjp_leaves_out_diagnoses_when_patient_declines() -> None:
    """TYPES.md §4 / DOMAIN.md §3: without consent no diagnosis reaches the employer."""
    ag = from_lisjp(LisjpContent.model_validate(maximal_lisjp()), include_diagnosis=False)
    assert ag.onskar_formedla_diagnos is False
    assert ag.diagnoser is None
    assert validate_ag7804(ag, TODAY, CARE_UNIT) == []


def test_from_lisjp_copies_shared_answers_when_created() -> None:
    """TYPES.md §4: grund, sysselsättning, 35, 17, 19, 20, periods, 37, 33, 34, prognos, 44, 25
    are copied; 103 stays empty."""
    lisjp = LisjpContent.model_validate(maximal_lisjp())
    ag = from_lisjp(lisjp, include_diagnosis=False)
    shared = set(Ag7804Content.model_fields) - {
        "onskar_formedla_diagnos", "diagnoser", "arbetslivsinriktade_atgarder",
        "kontakt_med_ag", "anledning_till_kontakt"}
    assert ag.model_dump(include=shared) == lisjp.model_dump(include=shared)
    assert ag.kontakt_med_ag is None and ag.anledning_till_kontakt is None


def test_from_lisjp_drops_measures_when_absent_in_ag7804() -> None:
    """TYPES.md §4: measure codes absent in AG7804 are dropped."""
    ag = from_lisjp(LisjpContent.model_validate(maximal_lisjp()), include_diagnosis=False)
    assert ag.arbetslivsinriktade_atgarder == AG_MEASURES


def test_from_lisjp_leaves_measures_empty_when_all_dropped() -> None:
    """TYPES.md §4: with only dropped codes the doctor must answer 40 again."""
    raw = minimal_lisjp() | {"arbetslivsinriktadeAtgarder": ["SOKA_NYTT_ARBETE"]}
    ag = from_lisjp(LisjpContent.model_validate(raw), include_diagnosis=False)
    assert ag.arbetslivsinriktade_atgarder is None
    assert only(validate_ag7804(ag, TODAY, CARE_UNIT)) == (
        "40", "arbetslivsinriktadeAtgarder", IssueCode.MISSING)


# --- renewal --------------------------------------------------------------------------------
def test_renewal_clears_assessment_when_renewed() -> None:
    """TYPES.md §4 renewal: clears grund dates and 1.3, prognos, periods, 33, 100 and 103."""
    lisjp = LisjpContent.model_validate(maximal_lisjp())
    original = from_lisjp(lisjp, include_diagnosis=True).model_copy(
        update={"kontakt_med_ag": True, "anledning_till_kontakt": "Planera återgång."})
    renewed = renewal_content(original)
    assert renewed.grund_for_mu is not None
    assert {(g.datum, g.beskrivning) for g in renewed.grund_for_mu} == {(None, None)}
    cleared = {"prognos", "sjukskrivningar", "arbetstidsforlaggning",
               "arbetstidsforlaggning_motivering", "onskar_formedla_diagnos", "kontakt_med_ag",
               "anledning_till_kontakt"}
    assert all(getattr(renewed, name) is None for name in cleared)
    kept = set(Ag7804Content.model_fields) - cleared - {"grund_for_mu"}
    assert renewed.model_dump(include=kept) == original.model_dump(include=kept)
