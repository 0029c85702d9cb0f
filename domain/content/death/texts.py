"""The printed forms of the death certificates: DB (dödsbevis, to Skatteverket) and DOI
(dödsorsaksintyg, to Socialstyrelsen). The national texts are not published for these forms;
the question texts follow the forms' own wording as the services show it."""

from __future__ import annotations

from domain.content.common.texts import FormTexts

_ADDRESS = {
    "patient": "Den avlidnes adress", "patient.postadress": "Postadress",
    "patient.postnummer": "Postnummer", "patient.postort": "Postort",
}
_DEATH = {
    "identitetStyrkt": "Identiteten är styrkt genom",
    "dodsdatumSakert": "Är dödsdatumet säkert?",
    "dodsdatum": "Dödsdatum",
    "antraffatDodDatum": "Anträffad död",
    "dodsplatsKommun": "Dödsplats, kommun",
    "dodsplatsBoende": "Dödsplats, boende",
    "barn": "Barn som avlidit inom 28 dagar efter födelsen",
}
_DEATH_CODES = {
    "dodsplatsBoende": {"SJUKHUS": "Sjukhus", "ORDINART_BOENDE": "Ordinärt boende",
                        "SARSKILT_BOENDE": "Särskilt boende", "ANNAN": "Annan/okänd"},
}

DB_TEXTS = FormTexts(
    questions={
        **_ADDRESS, **_DEATH,
        "explosivImplantat": "Har den avlidne haft implantat som kan explodera vid kremering?",
        "explosivAvlagsnat": "Har implantatet avlägsnats?",
        "undersokningYttre": "Har yttre undersökning av kroppen genomförts?",
        "undersokningDatum": "Datum för undersökningen kort före döden",
        "polisanmalan": "Har polisanmälan gjorts?",
    },
    codes={
        **_DEATH_CODES,
        "undersokningYttre": {
            "JA": "Ja",
            "UNDERSOKNING_GJORT_KORT_FORE_DODEN": "Nej, den avlidne undersöktes kort före "
                                                  "döden",
            "UNDERSOKNING_SKA_GORAS": "Nej, rättsmedicinsk undersökning ska göras"},
    },
)

_CAUSE = {"beskrivning": "Beskrivning", "datum": "Ungefärlig debut",
          "specifikation": "Specifikation"}
_SPECIFIKATION = {"KRONISK": "Kronisk", "PLOTSLIG": "Plötslig debut och/eller kort duration",
                  "UPPGIFT_SAKNAS": "Uppgift saknas"}
_CAUSES = {"terminalDodsorsak": "Den terminala dödsorsaken var",
           "foljd": "som var en följd av",
           "bidragandeSjukdomar": "Andra sjukdomar som kan ha bidragit till dödsfallet"}

DOI_TEXTS = FormTexts(
    questions={
        **_ADDRESS, **_DEATH,
        **{path: text for cause, title in _CAUSES.items()
           for path, text in {cause: title,
                              **{f"{cause}.{k}": v for k, v in _CAUSE.items()}}.items()},
        "operation": "Opererad inom fyra veckor före döden",
        "operationDatum": "Datum för operationen",
        "operationAnledning": "Anledning till operationen",
        "forgiftning": "Har dödsfallet samband med skada eller förgiftning?",
        "forgiftningOrsak": "Orsak",
        "forgiftningDatum": "Datum för skadan eller förgiftningen",
        "forgiftningUppkommelse": "Beskriv hur skadan eller förgiftningen uppkom",
        "grunder": "Dödsorsaksuppgifterna grundar sig på",
        "land": "Land",
    },
    codes={
        **_DEATH_CODES,
        **{f"{cause}.specifikation": _SPECIFIKATION for cause in _CAUSES},
        "operation": {"JA": "Ja", "NEJ": "Nej", "UPPGIFT_SAKNAS": "Uppgift saknas"},
        "forgiftningOrsak": {"OLYCKSFALL": "Olycksfall", "SJALVMORD": "Självmord",
                             "AVSIKTLIGT_VALLAD": "Avsiktligt vållad av annan",
                             "OKLART": "Oklart om avsikt förelegat"},
        "grunder": {"UNDERSOKNING_FORE_DODEN": "Undersökning före döden",
                    "UNDERSOKNING_EFTER_DODEN": "Yttre undersökning efter döden",
                    "KLINISK_OBDUKTION": "Klinisk obduktion",
                    "RATTSMEDICINSK_OBDUKTION": "Rättsmedicinsk obduktion",
                    "RATTSMEDICINSK_BESIKTNING": "Rättsmedicinsk likbesiktning"},
    },
)
