"""DOMAIN.md §9: the employer version of a LISJP is an explicit allow-list."""

from __future__ import annotations

from datetime import date

from domain.certificates.employer_version import ALWAYS, OptionalPart, employer_version
from tests.factories import lisjp_content

TODAY = date(2026, 11, 28)


def full_content() -> dict[str, object]:
    return lisjp_content(
        TODAY, avstangningSmittskydd=False, sysselsattning=["NUVARANDE_ARBETE", "STUDIER"],
        pagaendeBehandling="KBT", planeradBehandling="Fysioterapi",
        forsakringsmedicinsktBeslutsstod="Längre än FMB", arbetstidsforlaggning=True,
        arbetstidsforlaggningMotivering="Orkar bara förmiddagar", arbetsresor=True,
        ovrigt="Privat", kontaktMedFk=True, anledningTillKontakt="Ring mig",
        motiveringTillTidigtStartdatumForSjukskrivning="Kom sent")


def test_mandatory_parts_are_kept_when_the_citizen_omits_everything():
    """§9: grund för MU, periods, arbetsresor, arbetstidsförläggning, prognos, åtgärder stay."""
    version = employer_version(full_content(), set(OptionalPart))
    assert set(version) == {"grundForMU", "sjukskrivningar", "arbetsresor",
                            "arbetstidsforlaggning", "prognos", "arbetslivsinriktadeAtgarder",
                            "sysselsattning", "nuvarandeArbete"}
    assert version["sysselsattning"] == ["NUVARANDE_ARBETE"]


def test_optional_parts_are_included_when_the_citizen_keeps_them():
    """§9: diagnoses, 35, 17, treatments, FMB, motivering, övrigt, kontakt are the citizen's."""
    version = employer_version(full_content(), set())
    for name in ("diagnoser", "funktionsnedsattning", "aktivitetsbegransning",
                 "pagaendeBehandling", "forsakringsmedicinsktBeslutsstod",
                 "arbetstidsforlaggningMotivering", "ovrigt", "kontaktMedFk",
                 "anledningTillKontakt", "avstangningSmittskydd"):
        assert name in version, name
    assert version["sysselsattning"] == ["NUVARANDE_ARBETE", "STUDIER"]


def test_unlisted_fields_never_reach_the_employer_when_present_in_the_content():
    """§9 allow-list: a field in neither list (here the early-start motivering) is left out."""
    content = full_content() | {"someFutureField": "secret"}
    version = employer_version(content, set())
    assert "motiveringTillTidigtStartdatumForSjukskrivning" not in version
    assert "someFutureField" not in version


def test_only_the_diagnosis_is_left_out_when_the_citizen_omits_diagnoser():
    version = employer_version(full_content(), {OptionalPart.DIAGNOSER})
    assert "diagnoser" not in version
    assert "funktionsnedsattning" in version
    assert set(ALWAYS) - {"motiveringTillInteBaseratPaUndersokning",
                          "arbetslivsinriktadeAtgarderBeskrivning"} <= set(version)
