"""The printed forms of Försäkringskassan's läkarutlåtanden FK 7800 (LUSE), FK 7801 (LUAE_NA)
and FK 7802 (LUAE_FS): the question texts in the order of the forms, and the code lists."""

from __future__ import annotations

from domain.content.common.codes import DIAGNOSIS_ROW, KODSYSTEM, UNDERLAG
from domain.content.common.texts import FormTexts, under

_BASIS = {
    "undersokningAvPatienten": "Utlåtandet är baserat på min undersökning av patienten",
    "journaluppgifter": "Utlåtandet är baserat på journaluppgifter från den",
    "anhorigsBeskrivningAvPatienten": "Utlåtandet är baserat på anhörigs beskrivning av "
                                      "patienten",
    "annatGrundForMU": "Utlåtandet är baserat på annat",
    "annatGrundForMUBeskrivning": "Ange vad annat är",
    "motiveringTillInteBaseratPaUndersokning":
        "Motivering till varför utlåtandet inte är baserat på min undersökning av patienten",
    "kannedomOmPatient": "Jag har känt patienten sedan",
    "underlagFinns": "Finns det andra medicinska utredningar eller underlag?",
    "underlag": "Andra medicinska utredningar eller underlag",
    "underlag.typ": "Underlag",
    "underlag.datum": "Datum",
    "underlag.hamtasFran": "Hämtas från",
}
_HISTORY = {
    "sjukdomsforlopp": "Sjukdomsförlopp för aktuella sjukdomar av betydelse",
}
_DIAGNOSIS = {
    "diagnoser": "Diagnos eller diagnoser för sjukdom som orsakar nedsatt arbetsförmåga",
    **under("diagnoser", DIAGNOSIS_ROW),
}
_DIAGNOSIS_GROUND = {
    "diagnosgrund": "När och var ställdes diagnosen eller diagnoserna?",
    "nyBedomningDiagnosgrund": "Finns det skäl att göra en ny bedömning av diagnosen?",
    "diagnosForNyBedomning": "Diagnos som behöver bedömas på nytt, och skälet till det",
}
_FUNCTIONS = {
    f"funktionsnedsattning{area}": f"Funktionsnedsättning – {text}" for area, text in (
        ("Intellektuell", "intellektuell funktion"),
        ("Kommunikation", "kommunikation och social interaktion"),
        ("Koncentration", "uppmärksamhet, koncentration och exekutiv funktion"),
        ("Psykisk", "annan psykisk funktion"),
        ("SynHorselTal", "sinnesfunktioner och smärta"),
        ("BalansKoordination", "balans, koordination och motorik"),
        ("Annan", "annan kroppslig funktion"),
    )
}
_ABILITY = {
    "aktivitetsbegransning": "Aktivitetsbegränsning – beskriv vad patienten inte kan göra på "
                             "grund av sin sjukdom",
    "avslutadBehandling": "Avslutade medicinska behandlingar",
    "pagaendeBehandling": "Pågående medicinska behandlingar",
    "planeradBehandling": "Planerade medicinska behandlingar",
    "substansintag": "Substansintag",
    "medicinskaForutsattningarForArbete": "Medicinska förutsättningar för arbete",
    "formagaTrotsBegransning": "Patientens förmåga trots sjukdom",
}
_CLOSING = {
    "ovrigt": "Övriga upplysningar",
    "kontaktMedFk": "Jag önskar att Försäkringskassan kontaktar mig",
    "anledningTillKontakt": "Anledning till kontakt",
    "tillaggsfragor": "Tilläggsfrågor från Försäkringskassan",
    "tillaggsfragor.id": "Fråga",
    "tillaggsfragor.svar": "Svar",
}
_CODES = {"underlag.typ": UNDERLAG, "diagnoser.kodsystem": KODSYSTEM}

LUSE_TEXTS = FormTexts(
    questions={**_BASIS, **_HISTORY, **_DIAGNOSIS, **_DIAGNOSIS_GROUND, **_FUNCTIONS, **_ABILITY,
               **_CLOSING},
    codes=_CODES,
)
LUAE_NA_TEXTS = FormTexts(
    questions={**_BASIS, **_HISTORY, **_DIAGNOSIS, **_DIAGNOSIS_GROUND, **_FUNCTIONS, **_ABILITY,
               "forslagTillAtgard": "Förslag på vad som kan underlätta för patienten att komma "
                                    "ut i arbete",
               **_CLOSING},
    codes=_CODES,
)
LUAE_FS_TEXTS = FormTexts(
    questions={**_BASIS, **_DIAGNOSIS,
               "funktionsnedsattningDebut": "När och hur debuterade funktionsnedsättningen, och "
                                            "hur har den utvecklats?",
               "funktionsnedsattningPaverkan": "Hur påverkar funktionsnedsättningen patientens "
                                               "förmåga att klara skolgången?",
               **_CLOSING},
    codes=_CODES,
)
