"""TS-BAS (TSTRK1007): läkarintyg för högre körkortsbehörigheter och taxi, to
Transportstyrelsen. Modelled on the national current version 7 (TYPES.md §6); the groups and
camelCase names (the aliases, generated from the field names) are the national internal
model's. Every answer is yes/no unless noted.

Question ids where TYPES.md §6 gives none: a yes/no with a sub-answer is reported on its first
delsvar (12.1, 16.1, 21.1, 25.1-25.3, 26.1, 30.1, 31.1), its text on the delsvar of the text;
a diabetes type on 18. Optional texts (21.2, 32, 34) carry no rule: no limits are defined.
The vision questions 3-9 (``Syn``, R33-R37) live in ``domain.content.ts.common``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel

from domain.content.common.answers import CAMEL_CONTENT_CONFIG
from domain.content.common.checks import check_care_unit, issue
from domain.content.ts.common import (
    Answer,
    Syn,
    answer_at,
    check_all_answered,
    check_categories,
    check_descriptions,
    check_identity,
    check_vision,
)
from domain.shared.care import CareUnit
from domain.shared.validation import IssueCode, ValidationIssue

CONTENT_VERSION = 1
NATIONAL_VERSION = "7"
INTYG_AVSER = tuple(f"IAV{n}" for n in range(1, 11))
"""IAV1 C1, IAV2 C1E, IAV3 C, IAV4 CE, IAV5 D1, IAV6 D1E, IAV7 D, IAV8 DE, IAV9 Taxi,
IAV10 Annat."""
PASSENGER_TRANSPORT = frozenset({"IAV5", "IAV6", "IAV7", "IAV8", "IAV9"})
BEDOMNING = tuple(f"VAR{n}" for n in range(1, 12))
"""VAR1-VAR9 as IAV1-IAV9, VAR10 Annat, VAR11 kan inte ta ställning."""
DIABETES_TYPER = ("DIABETES_TYP_1", "DIABETES_TYP_2")

QUESTION_IDS: dict[str, str] = {
    "intygAvser": "1", "vardkontakt": "2", "syn": "3", "horselBalans": "10",
    "funktionsnedsattning": "12", "hjartKarl": "14", "diabetes": "17", "neurologi": "20",
    "medvetandestorning": "21", "njurar": "22", "kognitivt": "23", "somnVakenhet": "24",
    "narkotikaLakemedel": "25", "psykiskt": "27", "utvecklingsstorning": "28",
    "sjukhusvard": "30", "medicinering": "31", "kommentar": "32", "bedomning": "33",
}


class _Group(BaseModel):
    model_config = CAMEL_CONTENT_CONFIG


class IntygAvser(_Group):
    """1: the licence categories the certificate is about (IAV codes)."""

    korkortstyp: list[str] | None = None


class Vardkontakt(_Group):
    """2: how the identity was checked (IDK1-IDK6); ``typ`` is the fixed 5880005."""

    typ: str | None = None
    idkontroll: str | None = None


class HorselBalans(_Group):
    balansrubbningar: bool | None = None
    svart_uppfatta_samtal_4_meter: bool | None = None


class Funktionsnedsattning(_Group):
    funktionsnedsattning: bool | None = None
    beskrivning: str | None = None
    otillracklig_rorelseformaga: bool | None = None


class HjartKarl(_Group):
    hjart_karl_sjukdom: bool | None = None
    hjarnskada_efter_trauma: bool | None = None
    riskfaktorer_stroke: bool | None = None
    beskrivning_riskfaktorer: str | None = None


class Diabetes(_Group):
    har_diabetes: bool | None = None
    diabetes_typ: str | None = None
    kost: bool | None = None
    tabletter: bool | None = None
    insulin: bool | None = None


class Neurologi(_Group):
    neurologisk_sjukdom: bool | None = None


class Medvetandestorning(_Group):
    medvetandestorning: bool | None = None
    beskrivning: str | None = None


class Njurar(_Group):
    nedsatt_njurfunktion: bool | None = None


class Kognitivt(_Group):
    sviktande_kognitiv_funktion: bool | None = None


class SomnVakenhet(_Group):
    tecken_somnstorningar: bool | None = None


class NarkotikaLakemedel(_Group):
    tecken_missbruk: bool | None = None
    foremal_for_vardinsats: bool | None = None
    provtagning_behovs: bool | None = None
    lakarordinerat_lakemedelsbruk: bool | None = None
    lakemedel_och_dos: str | None = None


class Psykiskt(_Group):
    psykisk_sjukdom: bool | None = None


class Utvecklingsstorning(_Group):
    psykisk_utvecklingsstorning: bool | None = None
    har_syndrom: bool | None = None


class Sjukhusvard(_Group):
    sjukhus_eller_lakarkontakt: bool | None = None
    tidpunkt: str | None = None
    vardinrattning: str | None = None
    anledning: str | None = None


class Medicinering(_Group):
    stadigvarande_medicinering: bool | None = None
    beskrivning: str | None = None


class Bedomning(_Group):
    """33: the licences the patient is fit for (VAR codes); 34: specialist to consult."""

    korkortstyp: list[str] | None = None
    lakare_special_kompetens: str | None = None


class TsBasContent(_Group):
    """The answers of a TS-BAS, grouped as in the national model."""

    intyg_avser: IntygAvser | None = None
    vardkontakt: Vardkontakt | None = None
    syn: Syn | None = None
    horsel_balans: HorselBalans | None = None
    funktionsnedsattning: Funktionsnedsattning | None = None
    hjart_karl: HjartKarl | None = None
    diabetes: Diabetes | None = None
    neurologi: Neurologi | None = None
    medvetandestorning: Medvetandestorning | None = None
    njurar: Njurar | None = None
    kognitivt: Kognitivt | None = None
    somn_vakenhet: SomnVakenhet | None = None
    narkotika_lakemedel: NarkotikaLakemedel | None = None
    psykiskt: Psykiskt | None = None
    utvecklingsstorning: Utvecklingsstorning | None = None
    sjukhusvard: Sjukhusvard | None = None
    medicinering: Medicinering | None = None
    kommentar: str | None = None
    bedomning: Bedomning | None = None


REQUIRED: tuple[tuple[str, str], ...] = (
    ("10", "horselBalans.balansrubbningar"),
    ("12.1", "funktionsnedsattning.funktionsnedsattning"),
    ("14", "hjartKarl.hjartKarlSjukdom"),
    ("15", "hjartKarl.hjarnskadaEfterTrauma"),
    ("16.1", "hjartKarl.riskfaktorerStroke"),
    ("17", "diabetes.harDiabetes"),
    ("20", "neurologi.neurologiskSjukdom"),
    ("21.1", "medvetandestorning.medvetandestorning"),
    ("22", "njurar.nedsattNjurfunktion"),
    ("23", "kognitivt.sviktandeKognitivFunktion"),
    ("24", "somnVakenhet.teckenSomnstorningar"),
    ("25.1", "narkotikaLakemedel.teckenMissbruk"),
    ("25.2", "narkotikaLakemedel.foremalForVardinsats"),
    ("26.1", "narkotikaLakemedel.lakarordineratLakemedelsbruk"),
    ("27", "psykiskt.psykiskSjukdom"),
    ("28", "utvecklingsstorning.psykiskUtvecklingsstorning"),
    ("29", "utvecklingsstorning.harSyndrom"),
    ("30.1", "sjukhusvard.sjukhusEllerLakarkontakt"),
    ("31.1", "medicinering.stadigvarandeMedicinering"),
)
"""Yes/no questions always required: (question id, answer path)."""
PASSENGER_REQUIRED = (("11", "horselBalans.svartUppfattaSamtal4Meter"),
                      ("13", "funktionsnedsattning.otillrackligRorelseformaga"))
PASSENGER_CONDITION = "when the certificate is for passenger transport (D1, D1E, D, DE, Taxi)"
DRUG_TEST_REQUIRED = (("25.3", "narkotikaLakemedel.provtagningBehovs"),)
DRUG_TEST_CONDITION = ("when narkotikaLakemedel.teckenMissbruk or "
                       "narkotikaLakemedel.foremalForVardinsats is yes")
DESCRIPTIONS: tuple[tuple[str, str, str], ...] = (
    ("funktionsnedsattning.funktionsnedsattning", "12.2", "funktionsnedsattning.beskrivning"),
    ("hjartKarl.riskfaktorerStroke", "16.2", "hjartKarl.beskrivningRiskfaktorer"),
    ("narkotikaLakemedel.lakarordineratLakemedelsbruk", "26.2",
     "narkotikaLakemedel.lakemedelOchDos"),
    ("sjukhusvard.sjukhusEllerLakarkontakt", "30.2", "sjukhusvard.tidpunkt"),
    ("sjukhusvard.sjukhusEllerLakarkontakt", "30.3", "sjukhusvard.vardinrattning"),
    ("sjukhusvard.sjukhusEllerLakarkontakt", "30.4", "sjukhusvard.anledning"),
    ("medicinering.stadigvarandeMedicinering", "31.2", "medicinering.beskrivning"),
)
"""Texts a yes asks for: (the yes/no answer, question id of the text, text path)."""


def validate_ts_bas(
    content: TsBasContent, today: date, care_unit: CareUnit
) -> list[ValidationIssue]:
    """Every failing rule of TYPES.md §6, in the order of the form; empty when complete."""
    answers = content.model_dump(by_alias=True)
    intyg_avser = (content.intyg_avser or IntygAvser()).korkortstyp
    return [
        *check_categories(intyg_avser, INTYG_AVSER, question_id="1",
                          field="intygAvser.korkortstyp"),
        *check_identity((content.vardkontakt or Vardkontakt()).idkontroll,
                        "vardkontakt.idkontroll"),
        *check_vision(content.syn, set(intyg_avser or ())),
        *_check_required(answers, set(intyg_avser or ())),
        *_check_diabetes(content.diabetes or Diabetes()),
        *check_descriptions(answers, DESCRIPTIONS),
        *check_categories((content.bedomning or Bedomning()).korkortstyp, BEDOMNING,
                          question_id="33", field="bedomning.korkortstyp"),
        *check_care_unit(care_unit),
    ]


def _check_required(answers: dict[str, Any], intyg_avser: set[str]) -> list[ValidationIssue]:
    """The yes/no questions 10-31; 11 and 13 only when the certificate is about passenger
    transport (D1, D1E, D, DE, Taxi); 25.3 only with 25.1 or 25.2 yes."""
    issues = check_all_answered(_at(answers, REQUIRED))
    if intyg_avser & PASSENGER_TRANSPORT:
        issues += check_all_answered(_at(answers, PASSENGER_REQUIRED), PASSENGER_CONDITION)
    if answer_at(answers, "narkotikaLakemedel.teckenMissbruk") or answer_at(
            answers, "narkotikaLakemedel.foremalForVardinsats"):
        issues += check_all_answered(_at(answers, DRUG_TEST_REQUIRED), DRUG_TEST_CONDITION)
    return issues


def _at(answers: dict[str, Any], questions: Sequence[tuple[str, str]]) -> list[Answer]:
    return [(answer_at(answers, path), question_id, path) for question_id, path in questions]


def _check_diabetes(diabetes: Diabetes) -> list[ValidationIssue]:
    """17 yes needs the type (18); type 2 needs a treatment (19: kost, tabletter, insulin)."""
    if diabetes.har_diabetes is not True:
        return []
    typ = diabetes.diabetes_typ
    if typ is None:
        return [issue("18", "diabetes.diabetesTyp", IssueCode.MISSING,
                      "State the type of diabetes: needed when harDiabetes is yes.")]
    if typ not in DIABETES_TYPER:
        return [issue("18", "diabetes.diabetesTyp", IssueCode.INVALID_VALUE,
                      f"{typ!r} is not one of {', '.join(DIABETES_TYPER)}.")]
    treated = diabetes.kost or diabetes.tabletter or diabetes.insulin
    if typ == "DIABETES_TYP_2" and not treated:
        return [issue("19", "diabetes.behandling", IssueCode.MISSING,
                      "Diabetes type 2 needs at least one treatment (kost, tabletter, insulin).")]
    return []
