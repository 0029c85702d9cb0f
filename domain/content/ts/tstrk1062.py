"""TSTRK1062: läkarintyg ADHD, autismspektrumtillstånd och liknande tillstånd, to
Transportstyrelsen (TYPES.md §9).

The national validator reports by field path only; here each failure also carries the question
id of the table in TYPES.md §9: a coded diagnosis's code and code system on 51.1 and its year on
51.3, a free-text diagnosis on 52.1/52.2, the medication answers on 53-59.2.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pydantic import BaseModel

from domain.content.common.answers import CAMEL_CONTENT_CONFIG, has_text
from domain.content.common.checks import (
    check_answered,
    check_care_unit,
    check_choice,
    check_plain_text,
    issue,
)
from domain.content.common.protection import Code
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
INTYG_AVSER = (*(f"IAV{n}" for n in range(1, 10)), *(f"IAV{n}" for n in range(11, 18)))
"""IAV1-IAV9 (C1 ... Taxi) and IAV11-IAV17 (AM ... Traktor); there is no IAV10."""
BEDOMNING = (*HIGHER_LICENCES, *LOWER_LICENCES, CANNOT_ASSESS)
KODAD, FRITEXT = "DIAGNOS_KODAD", "DIAGNOS_FRITEXT"
PROGNOSER = ("JA", "NEJ", "KANEJBEDOMA")
HAD_TREATMENT = "when lakemedelsbehandling.harHaft is yes"
ONGOING = "when the treatment is ongoing (lakemedelsbehandling.pagar is yes)"
ENDED = "when the treatment has ended (lakemedelsbehandling.pagar is no)"

QUESTION_IDS: dict[str, str] = {
    "intygAvser": "1", "idKontroll": "2", "diagnosRegistrering": "50", "diagnosKodad": "51",
    "diagnosFritext": "52", "lakemedelsbehandling": "53", "bedomningAvSymptom": "60",
    "prognosTillstand": "61", "ovrigaKommentarer": "32", "bedomning": "33",
}


class _Group(BaseModel):
    model_config = CAMEL_CONTENT_CONFIG


class IntygAvser(_Group):
    behorigheter: list[str] | None = None


class Typ(_Group):
    """A coded answer: identity check (2), how the diagnosis is given (50), prognosis (61)."""

    typ: str | None = None


class DiagnosKodad(_Group):
    diagnos_kod: Code = None
    diagnos_kod_system: Code = None
    diagnos_beskrivning: str | None = None
    diagnos_display_name: str | None = None
    diagnos_artal: str | None = None


class DiagnosFritext(_Group):
    diagnos_fritext: str | None = None
    diagnos_artal: str | None = None


class Lakemedelsbehandling(_Group):
    har_haft: bool | None = None
    pagar: bool | None = None
    aktuell: str | None = None
    pagatt: bool | None = None
    effekt: bool | None = None
    foljsamhet: bool | None = None
    avslutad_tidpunkt: str | None = None
    avslutad_orsak: str | None = None


class Bedomning(_Group):
    uppfyller_behorighetskrav: list[str] | None = None


class Tstrk1062Content(_Group):
    """The answers of a TSTRK1062, by their national names."""

    intyg_avser: IntygAvser | None = None
    id_kontroll: Typ | None = None
    diagnos_registrering: Typ | None = None
    diagnos_kodad: list[DiagnosKodad] | None = None
    diagnos_fritext: DiagnosFritext | None = None
    lakemedelsbehandling: Lakemedelsbehandling | None = None
    bedomning_av_symptom: str | None = None
    prognos_tillstand: Typ | None = None
    ovriga_kommentarer: str | None = None
    bedomning: Bedomning | None = None


def validate_tstrk1062(
    content: Tstrk1062Content, today: date, care_unit: CareUnit
) -> list[ValidationIssue]:
    """Every failing rule of TYPES.md §9, in the order of the form; empty when complete."""
    assessed = (content.bedomning or Bedomning()).uppfyller_behorighetskrav
    field = "bedomning.uppfyllerBehorighetskrav"
    return [
        *check_categories((content.intyg_avser or IntygAvser()).behorigheter, INTYG_AVSER,
                          question_id="1", field="intygAvser.behorigheter"),
        *check_identity((content.id_kontroll or Typ()).typ, "idKontroll.typ"),
        *_check_diagnosis(content, today),
        *_check_medication(content.lakemedelsbehandling or Lakemedelsbehandling()),
        *check_plain_text(content.bedomning_av_symptom, "60", "bedomningAvSymptom",
                          required=True),
        *check_choice((content.prognos_tillstand or Typ()).typ, PROGNOSER, "61",
                      "prognosTillstand.typ"),
        *check_categories(assessed, BEDOMNING, question_id="33", field=field),
        *check_alone(assessed, CANNOT_ASSESS, "33", field),
        *check_care_unit(care_unit),
    ]


def _check_diagnosis(content: Tstrk1062Content, today: date) -> list[ValidationIssue]:
    """50 required; coded (51) or free text (52), each with its year."""
    how = (content.diagnos_registrering or Typ()).typ
    issues = check_choice(how, (KODAD, FRITEXT), "50", "diagnosRegistrering.typ")
    if how == KODAD:
        issues += _check_coded(content.diagnos_kodad or [], today)
    elif how == FRITEXT:
        fritext = content.diagnos_fritext or DiagnosFritext()
        issues += check_plain_text(fritext.diagnos_fritext, "52.1",
                                   "diagnosFritext.diagnosFritext", required=True,
                                   condition=f"when diagnosRegistrering.typ is {FRITEXT}")
        issues += check_year(fritext.diagnos_artal, "52.2", "diagnosFritext.diagnosArtal", today,
                             condition=f"when diagnosRegistrering.typ is {FRITEXT}")
    return issues


def _check_coded(rows: Sequence[DiagnosKodad], today: date) -> list[ValidationIssue]:
    """At least one row; with several rows the first must be filled in; each row needs code,
    code system and year (not in the future)."""
    if not rows:
        return [issue("51", "diagnosKodad", IssueCode.MISSING,
                      f"At least one diagnosis is needed when diagnosRegistrering.typ is {KODAD}.")]
    issues: list[ValidationIssue] = []
    for index, row in enumerate(rows):
        path = f"diagnosKodad[{index}]"
        if index == 0 and len(rows) > 1 and _is_empty(row):
            issues.append(issue("51", path, IssueCode.MISSING,
                                "The first diagnosis must be filled in before the others."))
            continue
        issues += check_plain_text(row.diagnos_kod, "51.1", f"{path}.diagnosKod", required=True)
        issues += check_plain_text(row.diagnos_kod_system, "51.1", f"{path}.diagnosKodSystem",
                                   required=True)
        issues += check_year(row.diagnos_artal, "51.3", f"{path}.diagnosArtal", today)
    return issues


def _is_empty(row: DiagnosKodad) -> bool:
    return not any(has_text(value) for value in (row.diagnos_kod, row.diagnos_beskrivning,
                                                  row.diagnos_artal))


def _check_medication(behandling: Lakemedelsbehandling) -> list[ValidationIssue]:
    """53 required; yes needs 54; ongoing (54 yes) needs 55-58, ended (54 no) 59.1 and 59.2."""
    path = "lakemedelsbehandling"
    issues = check_answered(behandling.har_haft, "53", f"{path}.harHaft")
    if behandling.har_haft is True:
        issues += check_answered(behandling.pagar, "54", f"{path}.pagar", HAD_TREATMENT)
    ongoing = behandling.har_haft is True and behandling.pagar is True
    ended = behandling.har_haft is True and behandling.pagar is False
    if ongoing:
        issues += check_all_answered([(behandling.pagatt, "56", f"{path}.pagatt"),
                                      (behandling.effekt, "57", f"{path}.effekt"),
                                      (behandling.foljsamhet, "58", f"{path}.foljsamhet")],
                                     ONGOING)
    issues += check_plain_text(behandling.aktuell, "55", f"{path}.aktuell", required=ongoing,
                               condition=ONGOING)
    issues += check_plain_text(behandling.avslutad_tidpunkt, "59.1", f"{path}.avslutadTidpunkt",
                               required=ended, condition=ENDED)
    issues += check_plain_text(behandling.avslutad_orsak, "59.2", f"{path}.avslutadOrsak",
                               required=ended, condition=ENDED)
    return issues
