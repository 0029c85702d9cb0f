"""The printed forms of Arbetsförmedlingen's AF00213 (medicinskt utlåtande) and AF00251
(läkarintyg för deltagare i arbetsmarknadspolitiska program)."""

from __future__ import annotations

from domain.content.common.codes import PERIOD
from domain.content.common.texts import FormTexts, under

AF00213_TEXTS = FormTexts(
    questions={
        "harFunktionsnedsattning": "Finns besvär på grund av sjukdom eller skada som medför "
                                   "funktionsnedsättning?",
        "funktionsnedsattning": "Beskriv de funktionsnedsättningar som har observerats "
                                "(undersökningsfynd) och, om du vet, hur länge de varar",
        "harAktivitetsbegransning": "Finns besvär på grund av sjukdom eller skada som medför "
                                    "aktivitetsbegränsning?",
        "aktivitetsbegransning": "Beskriv de aktivitetsbegränsningar i relation till arbete "
                                 "eller studier som har observerats",
        "harUtredningBehandling": "Finns pågående eller planerad utredning eller behandling som "
                                  "påverkar Arbetsförmedlingens planering?",
        "utredningBehandling": "Beskriv utredningen eller behandlingen och hur den påverkar "
                               "planeringen",
        "harArbetetsPaverkan": "Finns arbetsuppgifter som kan förvärra sjukdomen eller "
                               "skadan?",
        "arbetetsPaverkan": "Beskriv vilka arbetsuppgifter",
        "ovrigt": "Övrigt",
    },
)

AF00251_TEXTS = FormTexts(
    questions={
        "undersokningsDatum": "Intyget är baserat på min undersökning av patienten",
        "annatDatum": "Intyget är baserat på annat",
        "annatBeskrivning": "Ange vad annat är",
        "arbetsmarknadspolitisktProgram": "Arbetsmarknadspolitiskt program",
        "arbetsmarknadspolitisktProgram.medicinskBedomning":
            "Beskriv patientens aktiviteter i programmet och din medicinska bedömning",
        "arbetsmarknadspolitisktProgram.omfattning": "Omfattning",
        "arbetsmarknadspolitisktProgram.omfattningDeltid": "Timmar per vecka",
        "funktionsnedsattning": "Funktionsnedsättning – beskriv undersökningsfynd och "
                                "observationer",
        "aktivitetsbegransning": "Aktivitetsbegränsning – beskriv vad patienten inte kan göra",
        "harForhinder": "Är patienten förhindrad att delta i programmet på grund av sjukdom?",
        "sjukfranvaro": "Sjukfrånvaro",
        "sjukfranvaro.checked": "Vald",
        "sjukfranvaro.niva": "Sjukfrånvarons omfattning",
        "sjukfranvaro.period": "Period",
        **under("sjukfranvaro.period", PERIOD),
        "begransningSjukfranvaro": "Begränsning av sjukfrånvaron",
        "begransningSjukfranvaro.kanBegransas": "Kan sjukfrånvaron begränsas genom anpassning?",
        "begransningSjukfranvaro.beskrivning": "Beskriv hur",
        "prognosAtergang": "Prognos",
        "prognosAtergang.prognos": "Prognos för återgång i programmet",
        "prognosAtergang.anpassningar": "Anpassningar som behövs",
    },
    codes={
        "arbetsmarknadspolitisktProgram.omfattning": {
            "HELTID": "Heltid (40 timmar per vecka)", "DELTID": "Deltid", "OKAND": "Okänd"},
        "prognosAtergang.prognos": {
            "ATERGA_UTAN_ANPASSNING": "Kommer att kunna återgå utan anpassning",
            "ATERGA_MED_ANPASSNING": "Kommer att kunna återgå med anpassning",
            "KAN_EJ_ATERGA": "Kommer inte att kunna återgå",
            "EJ_MOJLIGT_AVGORA": "Inte möjligt att avgöra"},
    },
    units={"sjukfranvaro.niva": "%", "arbetsmarknadspolitisktProgram.omfattningDeltid": "timmar"},
)
