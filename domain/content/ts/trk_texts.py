"""The printed forms of TSTRK1009 (läkares anmälan om medicinsk olämplighet att inneha körkort)
and TSTRK1062 (läkarintyg ADHD, autismspektrumtillstånd m.m.)."""

from __future__ import annotations

from domain.content.common.texts import FormTexts
from domain.content.ts.codes import BEHORIGHET, ID_KONTROLL, IDENTITY, INTYG_AVSER

TSTRK1009_TEXTS = FormTexts(
    questions={
        "identitetStyrktGenom": "Identitet", "identitetStyrktGenom.typ": IDENTITY,
        "anmalanAvser": "Anmälan", "anmalanAvser.typ": "Anmälan avser",
        "medicinskaForhallanden": "Medicinska förhållanden som utgör grund för olämplighet att "
                                  "inneha körkort",
        "senasteUndersokningsdatum": "Datum för senaste undersökning",
        "intygetAvserBehorigheter": "Anmälan avser behörigheterna",
        "intygetAvserBehorigheter.typer": "Behörigheter",
        "informationOmTsBeslutOnskas": "Jag vill få information om Transportstyrelsens beslut",
        "patient": "Patientens adress", "patient.postadress": "Postadress",
        "patient.postnummer": "Postnummer", "patient.postort": "Postort",
    },
    codes={
        "identitetStyrktGenom.typ": ID_KONTROLL,
        "anmalanAvser.typ": {
            "OLAMPLIGHET": "Patienten är olämplig att inneha körkort",
            "SANNOLIK_OLAMPLIGHET": "Patienten är sannolikt olämplig att inneha körkort"},
        "intygetAvserBehorigheter.typer": {
            "ALLA": "Alla behörigheter", "A_B_TRAKTOR": "AM, A1, A2, A, B, BE, traktor",
            "C_E": "C1, C1E, C, CE", "D": "D1, D1E, D, DE", "TAXI": "Taxi",
            "KANINTETASTALLNING": "Kan inte ta ställning"},
    },
)

TSTRK1062_TEXTS = FormTexts(
    questions={
        "intygAvser": "Intyget avser", "intygAvser.behorigheter": "Behörigheter",
        "idKontroll": "Identitet", "idKontroll.typ": IDENTITY,
        "diagnosRegistrering": "Diagnos", "diagnosRegistrering.typ": "Diagnosen anges",
        "diagnosKodad": "Diagnoser", "diagnosKodad.diagnosKod": "Diagnoskod",
        "diagnosKodad.diagnosKodSystem": "Kodsystem",
        "diagnosKodad.diagnosBeskrivning": "Diagnos",
        "diagnosKodad.diagnosDisplayName": "Benämning",
        "diagnosKodad.diagnosArtal": "År då diagnosen ställdes",
        "diagnosFritext": "Diagnos", "diagnosFritext.diagnosFritext": "Diagnos",
        "diagnosFritext.diagnosArtal": "År då diagnosen ställdes",
        "lakemedelsbehandling": "Läkemedelsbehandling",
        "lakemedelsbehandling.harHaft": "Har patienten haft läkemedelsbehandling för "
                                        "diagnosen?",
        "lakemedelsbehandling.pagar": "Pågår läkemedelsbehandlingen?",
        "lakemedelsbehandling.aktuell": "Aktuell läkemedelsbehandling",
        "lakemedelsbehandling.pagatt": "Har behandlingen pågått i mer än tre år?",
        "lakemedelsbehandling.effekt": "Har behandlingen haft god effekt på symtomen?",
        "lakemedelsbehandling.foljsamhet": "Följer patienten behandlingen?",
        "lakemedelsbehandling.avslutadTidpunkt": "När avslutades behandlingen?",
        "lakemedelsbehandling.avslutadOrsak": "Varför avslutades behandlingen?",
        "bedomningAvSymptom": "Bedömning av symtom, funktionsnivå och trafiksäkerhet",
        "prognosTillstand": "Prognos", "prognosTillstand.typ": "Är tillståndet stabilt och "
                                                               "bedöms det förbli det?",
        "ovrigaKommentarer": "Övriga kommentarer",
        "bedomning": "Bedömning",
        "bedomning.uppfyllerBehorighetskrav": "Patienten uppfyller kraven för",
    },
    codes={
        "intygAvser.behorigheter": INTYG_AVSER,
        "idKontroll.typ": ID_KONTROLL,
        "diagnosRegistrering.typ": {"DIAGNOS_KODAD": "Med diagnoskod",
                                    "DIAGNOS_FRITEXT": "I fritext"},
        "prognosTillstand.typ": {"JA": "Ja", "NEJ": "Nej", "KANEJBEDOMA": "Kan inte bedöma"},
        "bedomning.uppfyllerBehorighetskrav": BEHORIGHET,
    },
)
