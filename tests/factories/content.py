"""Content builders of every draftable type: the minimal (required answers only) and maximal
(every question answered) content each type's tests, the every-type tests and the fixtures
start from. All pass validation as of ``TODAY`` at ``CARE_UNIT`` (DB and DOI at
``DEATH_CARE_UNIT``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from domain.content.ag.ag114_v2 import from_v1
from domain.content.lu.common import QUESTION_IDS as LU_COMMON_QUESTION_IDS
from domain.shared.care import CareUnit

TODAY = date(2026, 11, 28)
CARE_UNIT = CareUnit(
    hsa_id="SE2321000016-1003", care_giver_hsa_id="SE2321000016-1000", name="Vårdcentralen Norr",
    postal_address="Storgatan 1", postal_code="123 45", postal_town="Norrstad",
    phone="010-123 45 67", lan="01",
)


# --- FK 7804: LISJP and AG7804 --------------------------------------------------------------
LISJP_OTHER_MEASURES = ["ARBETSTRANING", "ARBETSANPASSNING", "SOKA_NYTT_ARBETE",
                        "BESOK_ARBETSPLATS", "ERGONOMISK", "HJALPMEDEL", "KONFLIKTHANTERING",
                        "KONTAKT_FHV", "OMFORDELNING", "OVRIGA_ATGARDER"]


def minimal_lisjp() -> dict[str, Any]:
    """Only what is required: one examination, one occupation, one diagnosis, one 100 % period."""
    return {
        "grundForMU": [{"typ": "UNDERSOKNING", "datum": "2026-11-25"}],
        "sysselsattning": ["NUVARANDE_ARBETE"],
        "nuvarandeArbete": "Undersköterska, tunga lyft",
        "diagnoser": [{"kod": "M54.4", "beskrivning": "Lumbago med ischias"}],
        "funktionsnedsattning": "Smärta i ländryggen med utstrålning i vänster ben.",
        "aktivitetsbegransning": "Kan inte lyfta eller stå längre stunder.",
        "sjukskrivningar": [{"sjukskrivningsgrad": "HELT_NEDSATT",
                             "period": {"from": "2026-11-25", "tom": "2026-12-12"}}],
        "prognos": {"typ": "STOR_SANNOLIKHET"},
        "arbetslivsinriktadeAtgarder": ["EJ_AKTUELLT"],
    }


def maximal_lisjp() -> dict[str, Any]:
    """Every question answered, every list as long as allowed (4 periods, one per degree)."""
    return {
        "avstangningSmittskydd": False,
        "grundForMU": [
            {"typ": "TELEFONKONTAKT", "datum": "2026-11-18"},
            {"typ": "JOURNALUPPGIFTER", "datum": "2026-11-10"},
            {"typ": "ANNAT", "datum": "2026-11-01", "beskrivning": "Intyg från fysioterapeut"},
        ],
        "motiveringTillInteBaseratPaUndersokning": "Patienten bor långt bort; känd sedan länge.",
        "sysselsattning": ["NUVARANDE_ARBETE", "ARBETSSOKANDE", "FORALDRALEDIG", "STUDIER"],
        "nuvarandeArbete": "Lärare, deltid",
        "diagnoser": [
            {"kod": "F32.1", "beskrivning": "Medelsvår depressiv episod"},
            {"kod": "Z73.0", "beskrivning": "Utbrändhet"},
            {"kod": "M544", "beskrivning": "Lumbago med ischias", "kodsystem": "ICD_10_SE"},
        ],
        "funktionsnedsattning": "Nedstämdhet, koncentrationssvårigheter.",
        "aktivitetsbegransning": "Klarar inte undervisning i helklass.",
        "pagaendeBehandling": "Samtalsterapi och SSRI.",
        "planeradBehandling": "Fortsatt KBT.",
        "sjukskrivningar": [
            {"sjukskrivningsgrad": "HELT_NEDSATT",
             "period": {"from": "2026-11-18", "tom": "2026-11-30"}},
            {"sjukskrivningsgrad": "TRE_FJARDEDEL",
             "period": {"from": "2026-12-01", "tom": "2026-12-14"}},
            {"sjukskrivningsgrad": "HALFTEN",
             "period": {"from": "2026-12-15", "tom": "2026-12-28"}},
            {"sjukskrivningsgrad": "EN_FJARDEDEL",
             "period": {"from": "2026-12-29", "tom": "2027-01-11"}},
        ],
        "motiveringTillTidigtStartdatumForSjukskrivning": "Sökte vård först nu.",
        "forsakringsmedicinsktBeslutsstod": "Längre än FMB på grund av samsjuklighet.",
        "arbetstidsforlaggning": True,
        "arbetstidsforlaggningMotivering": "Orkar bäst på förmiddagen.",
        "arbetsresor": True,
        "prognos": {"typ": "ATER_X_ANTAL_DGR", "dagarTillArbete": "SEXTIO_DGR"},
        "arbetslivsinriktadeAtgarder": LISJP_OTHER_MEASURES,
        "arbetslivsinriktadeAtgarderBeskrivning": "Arbetsträning via företagshälsovården.",
        "ovrigt": "Inga övriga upplysningar av vikt.",
        "kontaktMedFk": True,
        "anledningTillKontakt": "Vill diskutera rehabilitering.",
    }


def minimal_ag7804(**changes: Any) -> dict[str, Any]:
    """Required answers only; the patient does not want the diagnosis passed on."""
    raw = minimal_lisjp() | {"onskarFormedlaDiagnos": False, "diagnoser": None} | changes
    return {key: value for key, value in raw.items() if value is not None}


# --- LUSE, LUAE_NA, LUAE_FS -----------------------------------------------------------------
UNDERLAG = {"typ": "PSYKOLOG", "datum": "2026-10-01", "hamtasFran": "Psykologmottagningen"}


def minimal_luse() -> dict[str, Any]:
    return {
        "undersokningAvPatienten": "2026-11-20",
        "kannedomOmPatient": "2019-03-01",
        "underlagFinns": False,
        "sjukdomsforlopp": "Långvarig depression sedan 2019.",
        "diagnoser": [{"kod": "F322", "beskrivning": "Svår depressiv episod"}],
        "diagnosgrund": "Vårdcentralen 2019, bekräftad av psykiatrin.",
        "nyBedomningDiagnosgrund": False,
        "funktionsnedsattningPsykisk": "Nedstämdhet och uttalad trötthet.",
        "aktivitetsbegransning": "Klarar inte att följa ett schema.",
        "medicinskaForutsattningarForArbete": "Saknas på överskådlig tid.",
    }


def maximal_luse() -> dict[str, Any]:
    return minimal_luse() | {
        "journaluppgifter": "2026-11-01",
        "anhorigsBeskrivningAvPatienten": "2026-11-10",
        "annatGrundForMU": "2026-11-15",
        "annatGrundForMUBeskrivning": "Utlåtande från arbetsterapeut.",
        "motiveringTillInteBaseratPaUndersokning": "Kompletterande uppgifter.",
        "kannedomOmPatient": "2026-11-10",
        "underlagFinns": True,
        "underlag": [UNDERLAG,
                     {"typ": "NEUROPSYKIATRISKT", "datum": "2025-05-05",
                      "hamtasFran": "Habiliteringen Norr"},
                     {"typ": "FORETAGSHALSOVARD", "datum": "2026-11-28", "hamtasFran": "Fhv"}],
        "diagnoser": [
            {"kod": "F322", "beskrivning": "Svår depressiv episod", "kodsystem": "ICD_10_SE"},
            {"kod": "F900", "beskrivning": "ADHD", "kodsystem": "ICD_10_SE"},
            {"kod": "M545", "beskrivning": "Lumbago", "kodsystem": "ICD_10_SE"}],
        "nyBedomningDiagnosgrund": True,
        "diagnosForNyBedomning": "Ny neuropsykiatrisk utredning 2026.",
        **{f"funktionsnedsattning{area}": f"Påverkan: {area}." for area in (
            "Intellektuell", "Kommunikation", "Koncentration", "Psykisk", "SynHorselTal",
            "BalansKoordination", "Annan")},
        "avslutadBehandling": "KBT 2020.",
        "pagaendeBehandling": "Sertralin.",
        "planeradBehandling": "Fysioterapi.",
        "substansintag": "Inget.",
        "formagaTrotsBegransning": "Kortare stillsamma uppgifter.",
        "ovrigt": "Inget att tillägga.",
        "kontaktMedFk": True,
        "anledningTillKontakt": "Vill diskutera rehabilitering.",
        "tillaggsfragor": [{"id": "9001", "svar": "Ja, se ovan."}, {"id": "9002"}],
    }


SKOLA = {"typ": "SKOLHALSOVARD", "datum": "2026-09-01", "hamtasFran": "Elevhälsan"}


def na_minimal() -> dict[str, Any]:
    return minimal_luse()


def na_maximal() -> dict[str, Any]:
    raw = maximal_luse() | {"forslagTillAtgard": "Arbetsträning i liten grupp."}
    raw["underlag"][2] = SKOLA
    return raw


def fs_minimal() -> dict[str, Any]:
    return _shared_with_luse(minimal_luse()) | {
        "funktionsnedsattningDebut": "Svårigheter sedan lågstadiet, utreddes 2015.",
        "funktionsnedsattningPaverkan": "Behöver ett extra år på gymnasiet.",
    }


def fs_maximal() -> dict[str, Any]:
    raw = fs_minimal() | _shared_with_luse(maximal_luse())
    raw["underlag"][2] = SKOLA
    return raw


def _shared_with_luse(raw: dict[str, Any]) -> dict[str, Any]:
    """The answers a LUAE_FS shares with a LUSE."""
    return {key: value for key, value in raw.items() if key in LU_COMMON_QUESTION_IDS}


# --- AG1-14 (content versions 1 and 2) ------------------------------------------------------
def minimal_ag114_v1() -> dict[str, Any]:
    """Required answers only; the patient does not want the diagnosis passed on."""
    return {
        "grundForMU": [{"typ": "UNDERSOKNING", "datum": "2026-11-27"}],
        "sysselsattning": ["NUVARANDE_ARBETE"],
        "nuvarandeArbete": "Lagerarbetare",
        "onskarFormedlaDiagnos": False,
        "nedsattArbetsformaga": "Kan inte lyfta eller bära.",
        "arbetsformagaTrotsSjukdom": False,
        "sjukskrivningsgrad": "100",
        "sjukskrivningsperiod": {"from": "2026-11-27", "tom": "2026-12-03"},
    }


def maximal_ag114_v1() -> dict[str, Any]:
    return minimal_ag114_v1() | {
        "grundForMU": [
            {"typ": "UNDERSOKNING", "datum": "2026-11-28"},
            {"typ": "TELEFONKONTAKT", "datum": "2026-11-26"},
            {"typ": "JOURNALUPPGIFTER", "datum": "2026-10-01"},
            {"typ": "ANNAT", "datum": "2026-11-20", "beskrivning": "Intyg från fysioterapeut."},
        ],
        "onskarFormedlaDiagnos": True,
        "diagnoser": [
            {"kod": "M544", "beskrivning": "Lumbago med ischias", "kodsystem": "ICD_10_SE"},
            {"kod": "S934", "beskrivning": "Stukning av fotled", "kodsystem": "ICD_10_SE"},
            {"kod": "F321", "beskrivning": "Medelsvår depression", "kodsystem": "ICD_10_SE"},
        ],
        "arbetsformagaTrotsSjukdom": True,
        "arbetsformagaTrotsSjukdomBeskrivning": "Kan utföra administrativa uppgifter.",
        "sjukskrivningsgrad": "50",
        "sjukskrivningsperiod": {"from": "2026-11-23", "tom": "2026-12-06"},
        "ovrigaUpplysningar": "Återbesök om två veckor.",
        "kontaktMedArbetsgivaren": True,
        "anledningTillKontakt": "Planera anpassade arbetsuppgifter.",
    }


def minimal_ag114_v2() -> dict[str, Any]:
    """Version 2's required answers: the occupation is a free text, no question 2."""
    return from_v1(minimal_ag114_v1())


# --- TS-BAS, TS-DIABETES, TSTRK1009, TSTRK1062 ----------------------------------------------
EYES = {"utanKorrektion": 1.0}


def minimal_ts_bas() -> dict[str, Any]:
    """Every required answer, all "no", for a C licence (not passenger transport)."""
    return {
        "intygAvser": {"korkortstyp": ["IAV3"]},
        "vardkontakt": {"idkontroll": "IDK1"},
        "syn": {"synfaltsdefekter": False, "nattblindhet": False, "progressivOgonsjukdom": False,
                "diplopi": False, "nystagmus": False, "hogerOga": dict(EYES),
                "vansterOga": dict(EYES), "binokulart": dict(EYES)},
        "horselBalans": {"balansrubbningar": False},
        "funktionsnedsattning": {"funktionsnedsattning": False},
        "hjartKarl": {"hjartKarlSjukdom": False, "hjarnskadaEfterTrauma": False,
                      "riskfaktorerStroke": False},
        "diabetes": {"harDiabetes": False},
        "neurologi": {"neurologiskSjukdom": False},
        "medvetandestorning": {"medvetandestorning": False},
        "njurar": {"nedsattNjurfunktion": False},
        "kognitivt": {"sviktandeKognitivFunktion": False},
        "somnVakenhet": {"teckenSomnstorningar": False},
        "narkotikaLakemedel": {"teckenMissbruk": False, "foremalForVardinsats": False,
                               "lakarordineratLakemedelsbruk": False},
        "psykiskt": {"psykiskSjukdom": False},
        "utvecklingsstorning": {"psykiskUtvecklingsstorning": False, "harSyndrom": False},
        "sjukhusvard": {"sjukhusEllerLakarkontakt": False},
        "medicinering": {"stadigvarandeMedicinering": False},
        "bedomning": {"korkortstyp": ["VAR3"]},
    }


def minimal_ts_diabetes() -> dict[str, Any]:
    """A B licence, diabetes without medication: no hypoglykemi block is asked."""
    return {
        "intygAvser": {"kategorier": ["VAR16"]},
        "identitetStyrktGenom": {"typ": "IDK1"},
        "allmant": {"patientenFoljsAv": "VN1", "diabetesDiagnosAr": "2010",
                    "typAvDiabetes": "TYP2", "medicineringForDiabetes": False},
        "ovrigt": {"komplikationerAvSjukdomen": False},
        "bedomning": {"uppfyllerBehorighetskrav": ["VAR16"]},
    }


TRK_PATIENT_ADDRESS = {"postadress": "Lillgatan 2", "postnummer": "123 46", "postort": "Norrstad"}


def minimal_1009() -> dict[str, Any]:
    return {
        "identitetStyrktGenom": {"typ": "IDK1"},
        "anmalanAvser": {"typ": "OLAMPLIGHET"},
        "medicinskaForhallanden": "Långt framskriden demens.",
        "senasteUndersokningsdatum": "2026-11-20",
        "intygetAvserBehorigheter": {"typer": ["ALLA"]},
        "patient": dict(TRK_PATIENT_ADDRESS),
    }


def minimal_1062() -> dict[str, Any]:
    return {
        "intygAvser": {"behorigheter": ["IAV15"]},
        "idKontroll": {"typ": "IDK1"},
        "diagnosRegistrering": {"typ": "DIAGNOS_FRITEXT"},
        "diagnosFritext": {"diagnosFritext": "ADHD", "diagnosArtal": "2015"},
        "lakemedelsbehandling": {"harHaft": False},
        "bedomningAvSymptom": "Välkontrollerade symtom.",
        "prognosTillstand": {"typ": "JA"},
        "bedomning": {"uppfyllerBehorighetskrav": ["VAR16"]},
    }


# --- DB and DOI -----------------------------------------------------------------------------
DEATH_CARE_UNIT = CareUnit(
    hsa_id="SE2321000016-1003", care_giver_hsa_id="SE2321000016-1000", name="Akademiska",
    postal_address="Sjukhusvägen 1", postal_code="751 85", postal_town="Uppsala",
    phone="018-611 00 00", lan="03",
)
DB_PATIENT_ADDRESS = {"postadress": "Lillgatan 2", "postnummer": "75236", "postort": "Uppsala"}
EXAMINED_SHORTLY_BEFORE_DEATH = "UNDERSOKNING_GJORT_KORT_FORE_DODEN"


def minimal_db() -> dict[str, Any]:
    """A certain date of death, no implant, examined after death, no police report."""
    return {
        "patient": dict(DB_PATIENT_ADDRESS),
        "identitetStyrkt": "körkort",
        "dodsdatumSakert": True,
        "dodsdatum": "2026-11-27",
        "dodsplatsKommun": "Uppsala",
        "dodsplatsBoende": "SJUKHUS",
        "barn": False,
        "explosivImplantat": False,
        "undersokningYttre": "JA",
        "polisanmalan": False,
    }


def maximal_db() -> dict[str, Any]:
    """An uncertain date of death (anträffad död), an implant removed, examined shortly before
    death, reported to the police; texts at their limits."""
    return minimal_db() | {
        "identitetStyrkt": "x" * 27,
        "dodsdatumSakert": False,
        "dodsdatum": "2026-11-00",
        "antraffatDodDatum": "2026-11-27",
        "dodsplatsKommun": "malung-sälen ",
        "dodsplatsBoende": "ANNAN",
        "explosivImplantat": True,
        "explosivAvlagsnat": True,
        "undersokningYttre": EXAMINED_SHORTLY_BEFORE_DEATH,
        "undersokningDatum": "2026-11-20",
        "polisanmalan": True,
    }


DOI_ANSWERS_FROM_DB = ("patient", "identitetStyrkt", "dodsdatumSakert", "dodsdatum",
                       "dodsplatsKommun", "dodsplatsBoende", "barn")


def minimal_doi() -> dict[str, Any]:
    """Questions 1-4 as the minimal DB, a terminal cause, no operation, no injury, one ground."""
    return {key: value for key, value in minimal_db().items() if key in DOI_ANSWERS_FROM_DB} | {
        "terminalDodsorsak": {"beskrivning": "Hjärtinfarkt"},
        "operation": "NEJ",
        "forgiftning": False,
        "grunder": ["UNDERSOKNING_FORE_DODEN"],
    }


# --- AF00213 and AF00251 --------------------------------------------------------------------
def minimal_213() -> dict[str, Any]:
    return {"harFunktionsnedsattning": False, "harUtredningBehandling": False,
            "harArbetetsPaverkan": False}


def sjukfranvaro(niva: Any, start: str, end: str, checked: bool = True) -> dict[str, Any]:
    return {"checked": checked, "niva": niva, "period": {"from": start, "tom": end}}


def minimal_251() -> dict[str, Any]:
    return {
        "undersokningsDatum": "2026-11-25",
        "arbetsmarknadspolitisktProgram": {"medicinskBedomning": "Klarar kontorsarbete.",
                                           "omfattning": "HELTID"},
        "funktionsnedsattning": "Ryggsmärta.",
        "aktivitetsbegransning": "Kan inte sitta länge.",
        "harForhinder": False,
        "begransningSjukfranvaro": {"kanBegransas": False},
        "prognosAtergang": {"prognos": "ATERGA_UTAN_ANPASSNING"},
    }


def maximal_251() -> dict[str, Any]:
    return minimal_251() | {
        "undersokningsDatum": "2026-11-28",
        "annatDatum": "2026-11-01",
        "annatBeskrivning": "Utlåtande från fysioterapeut.",
        "arbetsmarknadspolitisktProgram": {"medicinskBedomning": "Klarar kontorsarbete.",
                                           "omfattning": "DELTID", "omfattningDeltid": 39},
        "harForhinder": True,
        "sjukfranvaro": [sjukfranvaro(100, "2026-11-23", "2026-11-29"),
                         sjukfranvaro(75, "2026-11-30", "2026-12-06"),
                         sjukfranvaro(50, "2026-12-07", "2026-12-13"),
                         sjukfranvaro(1, "2026-12-14", "2026-12-20")],
        "begransningSjukfranvaro": {"kanBegransas": True, "beskrivning": "Kortare dagar."},
        "prognosAtergang": {"prognos": "ATERGA_MED_ANPASSNING",
                            "anpassningar": "Höj- och sänkbart skrivbord."},
    }
