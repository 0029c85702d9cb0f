"""TS-DIABETES (TSTRK1031): läkarintyg diabetes, to Transportstyrelsen. Modelled on the national
current version 4 (TYPES.md §7); the groups and camelCase names are the national model's.

"Higher" categories are C1, C1E, C, CE, D1, D1E, D, DE and Taxi (VAR1-VAR9). The hypoglykemi
block is asked when the medication brings a risk of hypoglycaemia (208 yes, R30) or a higher
category is applied for (R28). Dates and years are checked against the patient's birth date
when the caller knows it (``birth_date``); without it those checks are skipped.

Question ids where TYPES.md §7 gives none: each answer on its own (del)svar id, e.g. 209.4 for
the other treatment, 106.2/106.3/106.5 and 107.3/107.5 for the follow-up answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel

from domain.content.common.answers import CAMEL_CONTENT_CONFIG
from domain.content.common.checks import (
    check_answered,
    check_care_unit,
    check_choice,
    check_past_date,
    check_plain_text,
    issue,
)
from domain.content.common.limits import Limit
from domain.content.ts.common import (
    CANNOT_ASSESS,
    HIGHER_LICENCES,
    LOWER_LICENCES,
    check_all_answered,
    check_alone,
    check_categories,
    check_identity,
    check_year,
)
from domain.shared.care import CareUnit
from domain.shared.validation import IssueCode, ValidationIssue

CONTENT_VERSION = 1
NATIONAL_VERSION = "4"
INTYG_AVSER = HIGHER_LICENCES + LOWER_LICENCES
BEDOMNING = (*INTYG_AVSER, CANNOT_ASSESS)
VARDNIVA = ("VN1", "VN2")
"""Who follows the patient: VN1 primärvård, VN2 specialistvård."""
TYPER = ("TYP1", "TYP2", "LADA", "ANNAN")
MAX_SHORT_TEXT, MAX_SPECIALIST, MAX_LONG_TEXT = 53, 71, 189

QUESTION_IDS: dict[str, str] = {
    "intygAvser": "1", "identitetStyrktGenom": "2", "allmant": "205", "hypoglykemi": "200",
    "ovrigt": "206", "bedomning": "33",
}


class _Group(BaseModel):
    model_config = CAMEL_CONTENT_CONFIG


class IntygAvser(_Group):
    kategorier: list[str] | None = None


class IdentitetStyrktGenom(_Group):
    typ: str | None = None


class Behandling(_Group):
    insulin: bool | None = None
    tabletter: bool | None = None
    annan: bool | None = None
    annan_ange_vilken: Annotated[str | None, Limit(MAX_SHORT_TEXT)] = None


class Allmant(_Group):
    patienten_foljs_av: str | None = None
    diabetes_diagnos_ar: str | None = None
    typ_av_diabetes: str | None = None
    beskrivning_annan_typ_av_diabetes: Annotated[str | None, Limit(MAX_SHORT_TEXT)] = None
    medicinering_for_diabetes: bool | None = None
    medicinering_medfor_risk_for_hypoglykemi: bool | None = None
    behandling: Behandling | None = None
    medicinering_medfor_risk_for_hypoglykemi_tidpunkt: str | None = None


class Hypoglykemi(_Group):
    kontroll_sjukdomstillstand: bool | None = None
    kontroll_sjukdomstillstand_varfor: Annotated[str | None, Limit(MAX_SHORT_TEXT)] = None
    forstar_risker_med_hypoglykemi: bool | None = None
    formaga_kanna_varningstecken: bool | None = None
    vidta_adekvata_atgarder: bool | None = None
    aterkommande_senaste_aret: bool | None = None
    aterkommande_senaste_aret_tidpunkt: str | None = None
    aterkommande_senaste_aret_kontrolleras: bool | None = None
    aterkommande_senaste_aret_trafik: bool | None = None
    aterkommande_vaket_senaste_tolv: bool | None = None
    aterkommande_vaket_senaste_tre: bool | None = None
    aterkommande_vaket_senaste_tre_tidpunkt: str | None = None
    allvarlig_senaste_tolv_manaderna: bool | None = None
    allvarlig_senaste_tolv_manaderna_tidpunkt: str | None = None
    regelbundna_blodsockerkontroller: bool | None = None


class Ovrigt(_Group):
    komplikationer_av_sjukdomen: bool | None = None
    komplikationer_av_sjukdomen_anges: Annotated[str | None, Limit(MAX_LONG_TEXT)] = None
    bor_undersokas_av_specialist: Annotated[str | None, Limit(MAX_SPECIALIST)] = None


class Bedomning(_Group):
    uppfyller_behorighetskrav: list[str] | None = None
    ovriga_kommentarer: Annotated[str | None, Limit(MAX_LONG_TEXT)] = None


class TsDiabetesContent(_Group):
    """The answers of a TS-DIABETES, grouped as in the national model."""

    intyg_avser: IntygAvser | None = None
    identitet_styrkt_genom: IdentitetStyrktGenom | None = None
    allmant: Allmant | None = None
    hypoglykemi: Hypoglykemi | None = None
    ovrigt: Ovrigt | None = None
    bedomning: Bedomning | None = None


_RISK_ANSWERS = (("200", "kontrollSjukdomstillstand"), ("201", "forstarRiskerMedHypoglykemi"),
                 ("110", "formagaKannaVarningstecken"), ("202", "vidtaAdekvataAtgarder"),
                 ("106", "aterkommandeSenasteAret"), ("107", "aterkommandeVaketSenasteTolv"))
_FOLLOW_UPS = (("aterkommandeSenasteAret", "106.3", "aterkommandeSenasteAretKontrolleras"),
               ("aterkommandeSenasteAret", "106.5", "aterkommandeSenasteAretTrafik"),
               ("aterkommandeVaketSenasteTolv", "107.3", "aterkommandeVaketSenasteTre"))
_RISK_DATES = (("aterkommandeSenasteAret", "106.2", "aterkommandeSenasteAretTidpunkt"),
               ("aterkommandeVaketSenasteTre", "107.5", "aterkommandeVaketSenasteTreTidpunkt"))
_HIGHER_ANSWERS = (("203", "allvarligSenasteTolvManaderna"),
                   ("204", "regelbundnaBlodsockerkontroller"))
_HIGHER_DATES = (
    ("allvarligSenasteTolvManaderna", "203.2", "allvarligSenasteTolvManadernaTidpunkt"),)
RISK = "when the medication brings a risk of hypoglycaemia (208 yes)"
HIGHER = "when a higher licence category (VAR1-VAR9: C1 to DE, taxi) is asked for"


def validate_ts_diabetes(
    content: TsDiabetesContent, today: date, care_unit: CareUnit,
    *, birth_date: date | None = None,
) -> list[ValidationIssue]:
    """Every failing rule of TYPES.md §7, in the order of the form; empty when complete."""
    categories = (content.intyg_avser or IntygAvser()).kategorier
    allmant = content.allmant or Allmant()
    return [
        *check_categories(categories, INTYG_AVSER, question_id="1",
                          field="intygAvser.kategorier"),
        *check_identity((content.identitet_styrkt_genom or IdentitetStyrktGenom()).typ,
                        "identitetStyrktGenom.typ"),
        *_check_general(allmant, today, birth_date),
        *_check_hypoglycaemia(content, today, birth_date, risk=_risk(allmant),
                              higher=bool(set(categories or ()) & set(HIGHER_LICENCES))),
        *_check_other(content.ovrigt or Ovrigt()),
        *_check_assessment(content.bedomning or Bedomning(), categories),
        *check_care_unit(care_unit),
    ]


def _risk(allmant: Allmant) -> bool:
    """R30: the medication brings a risk of hypoglycaemia (208 yes)."""
    return allmant.medicinering_medfor_risk_for_hypoglykemi is True


def _check_general(allmant: Allmant, today: date, birth: date | None) -> list[ValidationIssue]:
    """205, 35, 18 (R3), 207, 208 (R32) and, with a risk of hypoglycaemia, 209 and 210."""
    issues = [
        *check_choice(allmant.patienten_foljs_av, VARDNIVA, "205", "allmant.patientenFoljsAv"),
        *check_year(allmant.diabetes_diagnos_ar, "35", "allmant.diabetesDiagnosAr", today,
                    birth.year if birth else None),
        *check_choice(allmant.typ_av_diabetes, TYPER, "18", "allmant.typAvDiabetes"),
        *check_plain_text(allmant.beskrivning_annan_typ_av_diabetes, "18.2",
                          "allmant.beskrivningAnnanTypAvDiabetes", max_length=MAX_SHORT_TEXT,
                          required=allmant.typ_av_diabetes == "ANNAN",
                          condition="when typAvDiabetes is ANNAN"),
        *check_all_answered([(allmant.medicinering_for_diabetes, "207",
                              "allmant.medicineringForDiabetes")]),
    ]
    if allmant.medicinering_for_diabetes:
        issues += check_answered(allmant.medicinering_medfor_risk_for_hypoglykemi, "208",
                                 "allmant.medicineringMedforRiskForHypoglykemi",
                                 "when medicineringForDiabetes is yes")
    if _risk(allmant):
        issues += _check_treatment(allmant.behandling or Behandling())
        issues += check_past_date(allmant.medicinering_medfor_risk_for_hypoglykemi_tidpunkt,
                                  "210", "allmant.medicineringMedforRiskForHypoglykemiTidpunkt",
                                  today, birth, condition=RISK)
    return issues


def _check_treatment(behandling: Behandling) -> list[ValidationIssue]:
    """R4: at least one of insulin, tabletter, annan; R18: annan needs 209.4."""
    issues = check_plain_text(behandling.annan_ange_vilken, "209.4",
                              "allmant.behandling.annanAngeVilken", max_length=MAX_SHORT_TEXT,
                              required=behandling.annan is True,
                              condition="when behandling.annan is yes")
    if not (behandling.insulin or behandling.tabletter or behandling.annan):
        issues.insert(0, issue("209", "allmant.behandling", IssueCode.MISSING,
                               f"At least one treatment (insulin, tabletter, annan) is needed "
                               f"{RISK}."))
    return issues


def _check_hypoglycaemia(
    content: TsDiabetesContent, today: date, birth: date | None, *, risk: bool, higher: bool
) -> list[ValidationIssue]:
    """R30 (risk): 200 (R27), 201, 110, 202, 106 (R8) and 107 (R9); R28 (a higher category):
    203 and 204. The dates asked for lie between the birth date and today."""
    answers: dict[str, Any] = (content.hypoglykemi or Hypoglykemi()).model_dump(by_alias=True)
    required: list[tuple[str, str, str]] = []
    dates: list[tuple[str, str, str]] = []
    if risk:
        required += [(q, path, RISK) for q, path in _RISK_ANSWERS]
        required += [(q, path, f"when {cond} is yes") for cond, q, path in _FOLLOW_UPS
                     if answers[cond] is True]
        dates += _RISK_DATES
    if higher:
        required += [(q, path, HIGHER) for q, path in _HIGHER_ANSWERS]
        dates += _HIGHER_DATES
    issues = [found for question_id, path, condition in required
              for found in check_answered(answers[path], question_id, f"hypoglykemi.{path}",
                                          condition)]
    issues += _check_reason(answers, risk)
    for asked, question_id, path in dates:
        if answers[asked] is True:
            issues += check_past_date(answers[path], question_id, f"hypoglykemi.{path}", today,
                                      birth, condition=f"when {asked} is yes")
    return issues

def _check_reason(answers: dict[str, Any], risk: bool) -> list[ValidationIssue]:
    """R27: 200 no needs the reason (200.2, at most 53 characters)."""
    return check_plain_text(answers["kontrollSjukdomstillstandVarfor"], "200.2",
                            "hypoglykemi.kontrollSjukdomstillstandVarfor",
                            required=risk and answers["kontrollSjukdomstillstand"] is False,
                            max_length=MAX_SHORT_TEXT,
                            condition="when kontrollSjukdomstillstand is no")


def _check_other(ovrigt: Ovrigt) -> list[ValidationIssue]:
    """206 required (R29: yes needs 206.2, ≤189); 34 at most 71 characters."""
    return [
        *check_all_answered([(ovrigt.komplikationer_av_sjukdomen, "206",
                              "ovrigt.komplikationerAvSjukdomen")]),
        *check_plain_text(ovrigt.komplikationer_av_sjukdomen_anges, "206.2",
                          "ovrigt.komplikationerAvSjukdomenAnges", max_length=MAX_LONG_TEXT,
                          required=ovrigt.komplikationer_av_sjukdomen is True,
                          condition="when komplikationerAvSjukdomen is yes"),
        *check_plain_text(ovrigt.bor_undersokas_av_specialist, "34",
                          "ovrigt.borUndersokasAvSpecialist", max_length=MAX_SPECIALIST),
    ]

def _check_assessment(
    bedomning: Bedomning, categories: Sequence[str] | None
) -> list[ValidationIssue]:
    """33: at least one code, VAR11 alone; R35: a higher licence assessed must be applied for
    (in 1). 32 at most 189 characters."""
    field = "bedomning.uppfyllerBehorighetskrav"
    codes = bedomning.uppfyller_behorighetskrav
    issues = [*check_categories(codes, BEDOMNING, question_id="33", field=field),
              *check_alone(codes, CANNOT_ASSESS, "33", field)]
    unasked = [c for c in codes or () if c in HIGHER_LICENCES and c not in (categories or ())]
    if unasked:
        issues.append(issue("33", field, IssueCode.INCORRECT_COMBINATION,
                            f"{', '.join(unasked)} is assessed but not applied for (1)."))
    return issues + check_plain_text(bedomning.ovriga_kommentarer, "32",
                                     "bedomning.ovrigaKommentarer", max_length=MAX_LONG_TEXT)
