"""One rule for question ids (issue 17): every validation issue names the national (sub-)question
of the answer its field path names, whatever the fault, and whitespace-only text is BLANK whether
the text is required or optional.

``TABLE`` shows the mapping in one place: per type, a rule (a short name), the change to a
passing content that breaks it, and the (question id, field, code) reported. The every-type test
below it checks that no issue any type reports lands on a question its ``QUESTION_IDS`` does not
place the field on.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

import pytest

from domain.content import registry
from domain.shared.validation import IssueCode, ValidationIssue
from tests.factories.content import CARE_UNIT, DEATH_CARE_UNIT, maximal_lisjp
from tests.type_examples import MAXIMAL, MINIMAL, TODAY
from tests.unit.content.issue_helpers import answered, reported

M, F, B = IssueCode.MISSING, IssueCode.FORBIDDEN, IssueCode.BLANK
PARTIAL = [{"sjukskrivningsgrad": "HALFTEN", "period": {"from": "2026-11-25", "tom": "2026-12-12"}}]
HALF_AND_FULL = [*PARTIAL, {"sjukskrivningsgrad": "HELT_NEDSATT",
                            "period": {"from": "2026-12-13", "tom": "2026-12-20"}}]
EARLY = [{"sjukskrivningsgrad": "HELT_NEDSATT",
          "period": {"from": "2026-11-01", "tom": "2026-12-12"}}]
TWO_PERIODS = [{"sjukskrivningsgrad": "HELT_NEDSATT",
                "period": {"from": "2026-11-25", "tom": "2026-12-12"}},
               {"sjukskrivningsgrad": "HALFTEN",
                "period": {"from": "2026-12-10", "tom": "2026-12-20"}}]
EXAMINED = {"typ": "UNDERSOKNING", "datum": "2026-11-25"}
PHONE = {"typ": "TELEFONKONTAKT", "datum": "2026-11-25"}

Change = tuple[str, Any]  # a dotted answer path and its new value (None: left out)
Row = tuple[str, str, list[Change], tuple[str, str, IssueCode]]

_FK7804: list[tuple[str, list[Change], tuple[str, str, IssueCode]]] = [
    ("a basis is required", [("grundForMU", None)], ("1", "grundForMU", M)),
    ("a basis has a known type", [("grundForMU", [{"typ": "BREV", "datum": "2026-11-25"}])],
     ("1", "grundForMU[0].typ", IssueCode.INVALID_VALUE)),
    ("a basis type once", [("grundForMU", [EXAMINED, EXAMINED])],
     ("1", "grundForMU[1].typ", IssueCode.DUPLICATE)),
    ("a basis date is real", [("grundForMU", [{"typ": "UNDERSOKNING", "datum": "2026-02-30"}])],
     ("1", "grundForMU[0].datum", IssueCode.INVALID_FORMAT)),
    ("a basis date is not after today",
     [("grundForMU", [{"typ": "UNDERSOKNING", "datum": "2026-11-29"}])],
     ("1", "grundForMU[0].datum", IssueCode.FUTURE_DATE)),
    ("ANNAT needs a description", [("grundForMU", [EXAMINED, {"typ": "ANNAT",
                                                              "datum": "2026-11-25"}])],
     ("1.3", "grundForMU[1].beskrivning", M)),
    ("a description only with ANNAT",
     [("grundForMU", [{**EXAMINED, "beskrivning": "Besök"}])],
     ("1.3", "grundForMU[0].beskrivning", F)),
    ("a description is not blank", [("grundForMU", [EXAMINED, {"typ": "ANNAT",
                                                               "datum": "2026-11-25",
                                                               "beskrivning": "  "}])],
     ("1.3", "grundForMU[1].beskrivning", B)),
    ("1-4 occupations", [("sysselsattning", None), ("nuvarandeArbete", None)],
     ("28", "sysselsattning", M)),
    ("an occupation is known", [("sysselsattning", ["PENSIONAR"]), ("nuvarandeArbete", None)],
     ("28", "sysselsattning[0]", IssueCode.INVALID_VALUE)),
    ("an occupation once", [("sysselsattning", ["NUVARANDE_ARBETE", "NUVARANDE_ARBETE"])],
     ("28", "sysselsattning[1]", IssueCode.DUPLICATE)),
    ("nuvarande arbete with NUVARANDE_ARBETE", [("nuvarandeArbete", None)],
     ("29", "nuvarandeArbete", M)),
    ("nuvarande arbete only with NUVARANDE_ARBETE", [("sysselsattning", ["STUDIER"])],
     ("29", "nuvarandeArbete", F)),
    ("nuvarande arbete is not blank", [("nuvarandeArbete", " ")], ("29", "nuvarandeArbete", B)),
    ("funktionsnedsättning is required", [("funktionsnedsattning", None)],
     ("35", "funktionsnedsattning", M)),
    ("funktionsnedsättning is not blank", [("funktionsnedsattning", "\n")],
     ("35", "funktionsnedsattning", B)),
    ("aktivitetsbegränsning is required", [("aktivitetsbegransning", None)],
     ("17", "aktivitetsbegransning", M)),
    ("pågående behandling is not blank", [("pagaendeBehandling", "  ")],
     ("19", "pagaendeBehandling", B)),
    ("planerad behandling is not blank", [("planeradBehandling", "  ")],
     ("20", "planeradBehandling", B)),
    ("a period is required", [("sjukskrivningar", None)], ("32", "sjukskrivningar", M)),
    ("a period has a known degree",
     [("sjukskrivningar", [{**EARLY[0], "sjukskrivningsgrad": "TIOPROCENT",
                            "period": PARTIAL[0]["period"]}])],
     ("32", "sjukskrivningar[0].sjukskrivningsgrad", IssueCode.INVALID_VALUE)),
    ("a period starts before it ends",
     [("sjukskrivningar", [{"sjukskrivningsgrad": "HELT_NEDSATT",
                            "period": {"from": "2026-12-12", "tom": "2026-11-25"}}])],
     ("32", "sjukskrivningar[0].period", IssueCode.INVALID_RANGE)),
    ("periods do not overlap", [("sjukskrivningar", TWO_PERIODS), ("arbetstidsforlaggning", False)],
     ("32", "sjukskrivningar[1].period.from", IssueCode.OVERLAP)),
    ("working hours answered beside 25-75 %",
     [("sjukskrivningar", PARTIAL), ("arbetstidsforlaggning", None)],
     ("33", "arbetstidsforlaggning", M)),
    ("working hours not answered beside only 100 %",
     [("sjukskrivningar", EARLY[:1]), ("arbetstidsforlaggning", False)],
     ("33", "arbetstidsforlaggning", F)),
    ("a motivation when working hours is true",
     [("sjukskrivningar", PARTIAL), ("arbetstidsforlaggning", True)],
     ("33.2", "arbetstidsforlaggningMotivering", M)),
    ("no motivation when working hours is false",
     [("sjukskrivningar", PARTIAL), ("arbetstidsforlaggning", False),
      ("arbetstidsforlaggningMotivering", "Förmiddagar.")],
     ("33.2", "arbetstidsforlaggningMotivering", F)),
    ("no motivation beside only 100 %", [("arbetstidsforlaggningMotivering", "Förmiddagar.")],
     ("33.2", "arbetstidsforlaggningMotivering", F)),
    ("a motivation is not blank",
     [("sjukskrivningar", HALF_AND_FULL), ("arbetstidsforlaggning", True),
      ("arbetstidsforlaggningMotivering", "  ")],
     ("33.2", "arbetstidsforlaggningMotivering", B)),
    ("FMB comment is not blank", [("forsakringsmedicinsktBeslutsstod", " ")],
     ("37", "forsakringsmedicinsktBeslutsstod", B)),
    ("a prognosis is required", [("prognos", None)], ("39", "prognos.typ", M)),
    ("a prognosis type is known", [("prognos", {"typ": "KANSKE"})],
     ("39", "prognos.typ", IssueCode.INVALID_VALUE)),
    ("ATER_X_ANTAL_DGR needs days", [("prognos", {"typ": "ATER_X_ANTAL_DGR"})],
     ("39.3", "prognos.dagarTillArbete", M)),
    ("days only with ATER_X_ANTAL_DGR",
     [("prognos", {"typ": "PROGNOS_OKLAR", "dagarTillArbete": "TRETTIO_DGR"})],
     ("39.3", "prognos.dagarTillArbete", F)),
    ("days are known", [("prognos", {"typ": "ATER_X_ANTAL_DGR", "dagarTillArbete": "ETT_AR"})],
     ("39.3", "prognos.dagarTillArbete", IssueCode.INVALID_VALUE)),
    ("measures are required", [("arbetslivsinriktadeAtgarder", None)],
     ("40", "arbetslivsinriktadeAtgarder", M)),
    ("EJ_AKTUELLT stands alone", [("arbetslivsinriktadeAtgarder", ["EJ_AKTUELLT", "ERGONOMISK"])],
     ("40", "arbetslivsinriktadeAtgarder", IssueCode.MUST_STAND_ALONE)),
    ("no description of measures with EJ_AKTUELLT",
     [("arbetslivsinriktadeAtgarderBeskrivning", "Arbetsträning.")],
     ("44", "arbetslivsinriktadeAtgarderBeskrivning", F)),
    ("a description of measures is not blank",
     [("arbetslivsinriktadeAtgarder", ["ERGONOMISK"]),
      ("arbetslivsinriktadeAtgarderBeskrivning", " ")],
     ("44", "arbetslivsinriktadeAtgarderBeskrivning", B)),
    ("övrigt is not blank", [("ovrigt", "  ")], ("25", "ovrigt", B)),
]
_LISJP_ONLY: list[tuple[str, list[Change], tuple[str, str, IssueCode]]] = [
    ("a diagnosis is required", [("diagnoser", None)], ("6", "diagnoser", M)),
    ("a diagnosis description is not blank", [("diagnoser", [{"kod": "M544", "beskrivning": " "}])],
     ("6", "diagnoser[0].beskrivning", B)),
    ("F codes have 4 or more characters", [("diagnoser", [{"kod": "F32", "beskrivning": "Dep"}])],
     ("6", "diagnoser[0].kod", IssueCode.INVALID_FORMAT)),
    ("a motivation when no basis is an examination", [("grundForMU", [PHONE])],
     ("1", "motiveringTillInteBaseratPaUndersokning", M)),
    ("no motivation after an examination",
     [("motiveringTillInteBaseratPaUndersokning", "Känd sedan länge.")],
     ("1", "motiveringTillInteBaseratPaUndersokning", F)),
    ("an early start needs a motivation", [("sjukskrivningar", EARLY)],
     ("32", "motiveringTillTidigtStartdatumForSjukskrivning", M)),
    ("no early-start motivation without an early start",
     [("motiveringTillTidigtStartdatumForSjukskrivning", "Sökte sent.")],
     ("32", "motiveringTillTidigtStartdatumForSjukskrivning", F)),
    ("a contact reason only with a wish for contact",
     [("kontaktMedFk", False), ("anledningTillKontakt", "Rehabilitering.")],
     ("26.2", "anledningTillKontakt", F)),
    ("a contact reason is not blank", [("kontaktMedFk", True), ("anledningTillKontakt", " ")],
     ("26.2", "anledningTillKontakt", B)),
]
_AG7804_ONLY: list[tuple[str, list[Change], tuple[str, str, IssueCode]]] = [
    ("the diagnosis wish is answered", [("onskarFormedlaDiagnos", None)],
     ("100", "onskarFormedlaDiagnos", M)),
    ("a contact reason only with a wish for contact",
     [("kontaktMedAg", False), ("anledningTillKontakt", "Planera återgång.")],
     ("103.2", "anledningTillKontakt", F)),
    ("a contact reason is not blank", [("kontaktMedAg", True), ("anledningTillKontakt", " ")],
     ("103.2", "anledningTillKontakt", B)),
]
_LU: list[tuple[str, list[Change], tuple[str, str, IssueCode]]] = [
    ("a basis is required", [("undersokningAvPatienten", None)], ("1", "grundForMU", M)),
    ("a basis date is not after today", [("undersokningAvPatienten", "2026-11-29")],
     ("1", "undersokningAvPatienten", IssueCode.FUTURE_DATE)),
    ("ANNAT needs a description", [("annatGrundForMU", "2026-11-20")],
     ("1.3", "annatGrundForMUBeskrivning", M)),
    ("a description only with ANNAT", [("annatGrundForMUBeskrivning", "Intyg.")],
     ("1.3", "annatGrundForMUBeskrivning", IssueCode.INCORRECT_COMBINATION)),
    ("a motivation when no basis is an examination",
     [("undersokningAvPatienten", None), ("journaluppgifter", "2026-11-20")],
     ("1.4", "motiveringTillInteBaseratPaUndersokning", M)),
    ("kännedom is required", [("kannedomOmPatient", None)], ("2", "kannedomOmPatient", M)),
    ("underlag finns is answered", [("underlagFinns", None)], ("3", "underlagFinns", M)),
    ("underlag rows with a yes", [("underlagFinns", True)], ("4", "underlag", M)),
    ("a diagnosis is required", [("diagnoser", None)], ("6", "diagnoser", M)),
    ("övrigt is not blank", [("ovrigt", " ")], ("25", "ovrigt", B)),
    ("a contact reason only with a wish for contact",
     [("kontaktMedFk", False), ("anledningTillKontakt", "Samtal.")],
     ("26.2", "anledningTillKontakt", IssueCode.INCORRECT_COMBINATION)),
    ("a contact reason is not blank", [("kontaktMedFk", True), ("anledningTillKontakt", " ")],
     ("26.2", "anledningTillKontakt", B)),
]
_LUSE_NA: list[tuple[str, list[Change], tuple[str, str, IssueCode]]] = [
    ("sjukdomsförlopp is required", [("sjukdomsforlopp", None)], ("5", "sjukdomsforlopp", M)),
    ("sjukdomsförlopp is not blank", [("sjukdomsforlopp", " ")], ("5", "sjukdomsforlopp", B)),
    ("diagnosgrund is required", [("diagnosgrund", None)], ("7", "diagnosgrund", M)),
    ("a new assessment is answered", [("nyBedomningDiagnosgrund", None)],
     ("45", "nyBedomningDiagnosgrund", M)),
    ("a new assessment needs a reason", [("nyBedomningDiagnosgrund", True)],
     ("45.2", "diagnosForNyBedomning", M)),
    ("a reason only with a new assessment", [("diagnosForNyBedomning", "Ny utredning.")],
     ("45.2", "diagnosForNyBedomning", IssueCode.INCORRECT_COMBINATION)),
    ("one area of function is described", [("funktionsnedsattningPsykisk", None)],
     ("funktionsnedsattning", "funktionsnedsattning", M)),
    ("aktivitetsbegränsning is required", [("aktivitetsbegransning", None)],
     ("17.1", "aktivitetsbegransning", M)),
    ("aktivitetsbegränsning is not blank", [("aktivitetsbegransning", " ")],
     ("17.1", "aktivitetsbegransning", B)),
    ("medicinska förutsättningar are required", [("medicinskaForutsattningarForArbete", None)],
     ("22", "medicinskaForutsattningarForArbete", M)),
]
_LUAE_FS: list[tuple[str, list[Change], tuple[str, str, IssueCode]]] = [
    ("debut is required", [("funktionsnedsattningDebut", None)],
     ("15", "funktionsnedsattningDebut", M)),
    ("debut is not blank", [("funktionsnedsattningDebut", " ")],
     ("15", "funktionsnedsattningDebut", B)),
    ("påverkan is required", [("funktionsnedsattningPaverkan", None)],
     ("16", "funktionsnedsattningPaverkan", M)),
]
_OTHERS: list[Row] = [
    ("ag114", "a basis is required", [("grundForMU", None)], ("10", "grundForMU", M)),
    ("ag114", "the diagnosis wish is answered", [("onskarFormedlaDiagnos", None)],
     ("3", "onskarFormedlaDiagnos", M)),
    ("ag114", "nedsatt arbetsförmåga is required", [("nedsattArbetsformaga", None)],
     ("5", "nedsattArbetsformaga", M)),
    ("ag114", "nedsatt arbetsförmåga is not blank", [("nedsattArbetsformaga", " ")],
     ("5", "nedsattArbetsformaga", B)),
    ("ag114", "arbetsförmåga trots sjukdom is answered", [("arbetsformagaTrotsSjukdom", None)],
     ("6", "arbetsformagaTrotsSjukdom", M)),
    ("ag114", "a degree is required", [("sjukskrivningsgrad", None)],
     ("7.1", "sjukskrivningsgrad", M)),
    ("ag114", "sysselsättning is not blank", [("sysselsattning", " ")],
     ("1.1", "sysselsattning", B)),
    ("ts-bas", "a category is required", [("intygAvser.korkortstyp", None)],
     ("1", "intygAvser.korkortstyp", M)),
    ("ts-bas", "diplopi is answered", [("syn.diplopi", None)], ("6", "syn.diplopi", M)),
    ("ts-bas", "hospital care is answered", [("sjukhusvard.sjukhusEllerLakarkontakt", None)],
     ("30.1", "sjukhusvard.sjukhusEllerLakarkontakt", M)),
    ("ts-diabetes", "the diabetes type is answered", [("allmant.typAvDiabetes", None)],
     ("18", "allmant.typAvDiabetes", M)),
    ("ts-diabetes", "the year of diagnosis is answered", [("allmant.diabetesDiagnosAr", None)],
     ("35", "allmant.diabetesDiagnosAr", M)),
    ("tstrk1009", "medical grounds are required", [("medicinskaForhallanden", None)],
     ("47", "medicinskaForhallanden", M)),
    ("tstrk1009", "medical grounds are not blank", [("medicinskaForhallanden", " ")],
     ("47", "medicinskaForhallanden", B)),
    ("tstrk1009", "the patient's town is required", [("patient.postort", None)],
     ("patient", "patient.postort", M)),
    ("tstrk1009", "the patient's town is not blank", [("patient.postort", " ")],
     ("patient", "patient.postort", B)),
    ("tstrk1062", "the diagnosis text is required", [("diagnosFritext.diagnosFritext", None)],
     ("52.1", "diagnosFritext.diagnosFritext", M)),
    ("tstrk1062", "the symptoms are assessed", [("bedomningAvSymptom", None)],
     ("60", "bedomningAvSymptom", M)),
    ("db", "identity is required", [("identitetStyrkt", None)], ("1.1", "identitetStyrkt", M)),
    ("db", "identity is not blank", [("identitetStyrkt", " ")], ("1.1", "identitetStyrkt", B)),
    ("db", "barn is answered", [("barn", None)], ("4.1", "barn", M)),
    ("doi", "operation is answered", [("operation", None)], ("11.1", "operation", M)),
    ("doi", "forgiftning is answered", [("forgiftning", None)], ("12.1", "forgiftning", M)),
    ("af00213", "a yes on 1 needs a description", [("harFunktionsnedsattning", True)],
     ("1.2", "funktionsnedsattning", M)),
    ("af00213", "the description is not blank",
     [("harFunktionsnedsattning", True), ("funktionsnedsattning", " ")],
     ("1.2", "funktionsnedsattning", B)),
    ("af00251", "funktionsnedsättning is required", [("funktionsnedsattning", None)],
     ("3", "funktionsnedsattning", M)),
    ("af00251", "funktionsnedsättning is not blank", [("funktionsnedsattning", " ")],
     ("3", "funktionsnedsattning", B)),
    ("af00251", "the programme assessment is not blank",
     [("arbetsmarknadspolitisktProgram.medicinskBedomning", " ")],
     ("2.1", "arbetsmarknadspolitisktProgram.medicinskBedomning", B)),
]
TABLE: list[Row] = [
    *(("lisjp", *row) for row in [*_FK7804, *_LISJP_ONLY]),
    *(("ag7804", *row) for row in [*_FK7804, *_AG7804_ONLY]),
    *((kind, *row) for kind in ("luse", "luae_na", "luae_fs") for row in _LU),
    *((kind, *row) for kind in ("luse", "luae_na") for row in _LUSE_NA),
    *(("luae_fs", *row) for row in _LUAE_FS),
    *_OTHERS,
]


def _validate(kind: str, raw: dict[str, Any]) -> list[ValidationIssue]:
    unit = DEATH_CARE_UNIT if kind in ("db", "doi") else CARE_UNIT
    return registry.validate(kind, raw, TODAY.date(), unit, "191212121212")


def _broken(kind: str, changes: list[Change]) -> dict[str, Any]:
    raw = MINIMAL[kind]()
    for path, value in changes:
        raw = answered(raw, path, value)
    return raw


@pytest.mark.parametrize(("kind", "rule", "changes", "expected"), TABLE,
                         ids=[f"{kind}: {rule}" for kind, rule, _, _ in TABLE])
def test_each_rule_reports_on_its_national_question(
    kind: str, rule: str, changes: list[Change], expected: tuple[str, str, IssueCode]
) -> None:
    """TYPES.md / DOMAIN.md §3: the rule, broken, is reported on its (sub-)question id."""
    assert _validate(kind, MINIMAL[kind]()) == []
    assert expected in reported(_validate(kind, _broken(kind, changes)))


# Answers nested in one top-level group that the national forms ask as questions of their own;
# and rules on a group of answers with no field of its own (LUSE/LUAE "grundForMU", the
# funktionsnedsättning category). Every other issue is on its top-level answer's id or below it.
NESTED_QUESTIONS: dict[str, dict[str, str]] = {
    "ts-bas": {
        "syn.nattblindhet": "4", "syn.progressivOgonsjukdom": "5", "syn.diplopi": "6",
        "syn.nystagmus": "7", "syn.hogerOga.utanKorrektion": "8",
        "syn.vansterOga.utanKorrektion": "8", "syn.binokulart.utanKorrektion": "8",
        "hjartKarl.hjarnskadaEfterTrauma": "15", "hjartKarl.riskfaktorerStroke": "16.1",
        "hjartKarl.beskrivningRiskfaktorer": "16.2", "diabetes.diabetesTyp": "18",
        "narkotikaLakemedel.lakarordineratLakemedelsbruk": "26.1",
        "narkotikaLakemedel.lakemedelOchDos": "26.2", "utvecklingsstorning.harSyndrom": "29",
    },
    "ts-diabetes": {
        "allmant.diabetesDiagnosAr": "35", "allmant.typAvDiabetes": "18",
        "allmant.medicineringForDiabetes": "207",
        "allmant.medicineringMedforRiskForHypoglykemi": "208",
    },
    "tstrk1062": {"lakemedelsbehandling.pagar": "54"},
    "luse": {"grundForMU": "1", "funktionsnedsattning": "funktionsnedsattning"},
    "luae_na": {"grundForMU": "1", "funktionsnedsattning": "funktionsnedsattning"},
    "luae_fs": {"grundForMU": "1"},
}


def _placed(kind: str, field: str, question_id: str) -> bool:
    """Whether the type's question map places ``field`` on ``question_id``."""
    path = re.sub(r"\[\d+\]", "", field)
    nested = NESTED_QUESTIONS.get(kind, {})
    if path in nested:
        return nested[path] == question_id
    mapped = registry.CONTENT_SPECS[kind].question_ids.get(path.split(".")[0])
    return mapped is not None and (question_id == mapped or question_id.startswith(mapped + "."))


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _leaves(value, (*path, index))
    else:
        yield path, node


def _edits(raw: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """``raw`` with one answer at a time left out, blanked, made too long, wrong or flipped."""
    for path, value in _leaves(raw):
        tries: list[Any] = [...]
        if isinstance(value, str):
            tries += ["  ", "x" * 5000, "ZZZ", "2099-01-01"]
        if isinstance(value, bool):
            tries.append(not value)
        for replacement in tries:
            edited = copy.deepcopy(raw)
            node = edited
            for part in path[:-1]:
                node = node[part]
            if replacement is ...:
                del node[path[-1]]
            else:
                node[path[-1]] = replacement
            yield edited


@pytest.mark.parametrize("kind", sorted(registry.CONTENT_SPECS))
def test_no_issue_lands_on_a_question_the_map_does_not_place_its_field_on(kind: str) -> None:
    """Issue 17, one rule for question ids: in every type, each issue the validator reports for
    an empty, a minimal, a maximal or a broken content is on the id its answer has."""
    bases = [{}, MINIMAL[kind](), *([MAXIMAL[kind]()] if kind in MAXIMAL else []),
             *([maximal_lisjp()] if kind == "lisjp" else [])]
    misplaced = {
        (issue.question_id, issue.field, issue.code)
        for base in bases for raw in [base, *_edits(base)]
        for issue in _validate(kind, raw)
        if not _placed(kind, issue.field, issue.question_id)
    }
    assert misplaced == set()


def test_the_table_covers_every_draftable_type() -> None:
    assert {kind for kind, *_ in TABLE} == set(registry.CONTENT_SPECS)


# --- the four LISJP cases of issue 17 -------------------------------------------------------
def _lisjp(changes: list[Change]) -> set[tuple[str, str, IssueCode]]:
    return reported(_validate("lisjp", _broken("lisjp", changes)))


def test_current_work_without_nuvarande_arbete_is_reported_on_29() -> None:
    """DOMAIN.md §3 q29 (issue 17): nuvarandeArbete is forbidden without NUVARANDE_ARBETE, on
    29, where the answer is, not on 28."""
    assert _lisjp([("sysselsattning", ["ARBETSSOKANDE"])]) == {("29", "nuvarandeArbete", F)}


def test_description_with_undersokning_is_reported_on_1_3() -> None:
    """DOMAIN.md §3 q1 (issue 17): a description on a basis other than ANNAT is on 1.3."""
    changes = [("grundForMU", [{**EXAMINED, "beskrivning": "Besök"}])]
    assert _lisjp(changes) == {("1.3", "grundForMU[0].beskrivning", F)}


def test_working_hours_motivation_missing_and_forbidden_share_33_2() -> None:
    """DOMAIN.md §3 q33 (issue 17): the motivation is missing or forbidden on the same id."""
    missing = _lisjp([("sjukskrivningar", PARTIAL), ("arbetstidsforlaggning", True)])
    forbidden = _lisjp([("sjukskrivningar", PARTIAL), ("arbetstidsforlaggning", False),
                        ("arbetstidsforlaggningMotivering", "Förmiddagar.")])
    assert missing == {("33.2", "arbetstidsforlaggningMotivering", M)}
    assert forbidden == {("33.2", "arbetstidsforlaggningMotivering", F)}


def test_whitespace_only_text_is_blank_whether_required_or_optional() -> None:
    """DOMAIN.md §3 (issue 17): whitespace-only is one code, BLANK, for the required
    funktionsnedsättning (35) and the optional övrigt (25) alike."""
    assert _lisjp([("funktionsnedsattning", " \n"), ("ovrigt", "  ")]) == {
        ("35", "funktionsnedsattning", B), ("25", "ovrigt", B)}
