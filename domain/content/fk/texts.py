"""The printed forms of FK 7804 (LISJP) and AG7804: the question texts of the national forms,
in their order, and the code lists their answers use."""

from __future__ import annotations

from domain.content.common.codes import (
    ATGARDER,
    DAGAR_TILL_ARBETE,
    DIAGNOSIS_ROW,
    GRUND_FOR_MU,
    GRUND_ROW,
    KODSYSTEM,
    PERIOD,
    PROGNOS,
    SJUKSKRIVNINGSGRAD,
    SYSSELSATTNING,
)
from domain.content.common.texts import FormTexts, under

_BEFORE_DIAGNOSIS = {
    "avstangningSmittskydd": "Avstängning enligt smittskyddslagen på grund av smitta",
    "grundForMU": "Intyget är baserat på",
    **under("grundForMU", GRUND_ROW),
    "motiveringTillInteBaseratPaUndersokning":
        "Motivering till varför intyget inte är baserat på min undersökning av patienten",
    "sysselsattning": "I relation till vilken sysselsättning bedömer du arbetsförmågan?",
    "nuvarandeArbete": "Ange yrke och arbetsuppgifter",
}
_DIAGNOSIS = {
    "diagnoser": "Diagnos eller diagnoser för sjukdom som orsakar nedsatt arbetsförmåga",
    **under("diagnoser", DIAGNOSIS_ROW),
}
_AFTER_DIAGNOSIS = {
    "funktionsnedsattning": "Funktionsnedsättning – beskriv undersökningsfynd, testresultat "
                            "och observationer",
    "aktivitetsbegransning": "Aktivitetsbegränsning – beskriv vad patienten inte kan göra på "
                             "grund av sin sjukdom",
    "pagaendeBehandling": "Pågående medicinska behandlingar eller åtgärder",
    "planeradBehandling": "Planerade medicinska behandlingar eller åtgärder",
    "sjukskrivningar": "Min bedömning av patientens nedsättning av arbetsförmågan",
    "sjukskrivningar.sjukskrivningsgrad": "Nedsättning av arbetsförmågan",
    "sjukskrivningar.period": "Period",
    **under("sjukskrivningar.period", PERIOD),
    "motiveringTillTidigtStartdatumForSjukskrivning":
        "Motivering till varför sjukskrivningen startar tidigare än intygets datum",
    "forsakringsmedicinsktBeslutsstod": "Om sjukskrivningen är längre än vad det "
                                        "försäkringsmedicinska beslutsstödet anger, motivera "
                                        "varför",
    "arbetstidsforlaggning": "Finns det medicinska skäl att förlägga arbetstiden på ett annat "
                             "sätt än att minska arbetstiden lika mycket varje dag?",
    "arbetstidsforlaggningMotivering": "Motivering till annan förläggning av arbetstiden",
    "arbetsresor": "Resor till och från arbetet med ett annat färdmedel än normalt kan göra det "
                   "möjligt för patienten att återgå i arbete tidigare",
    "prognos": "Prognos för arbetsförmåga utifrån aktuellt undersökningstillfälle",
    "prognos.typ": "Prognos",
    "prognos.dagarTillArbete": "Inom",
    "arbetslivsinriktadeAtgarder": "Åtgärder som kan underlätta för patienten att återgå i "
                                   "arbete",
    "arbetslivsinriktadeAtgarderBeskrivning": "Beskriv åtgärderna",
    "ovrigt": "Övriga upplysningar",
}
_CODES = {
    "grundForMU.typ": GRUND_FOR_MU,
    "sysselsattning": SYSSELSATTNING,
    "diagnoser.kodsystem": KODSYSTEM,
    "sjukskrivningar.sjukskrivningsgrad": SJUKSKRIVNINGSGRAD,
    "prognos.typ": PROGNOS,
    "prognos.dagarTillArbete": DAGAR_TILL_ARBETE,
    "arbetslivsinriktadeAtgarder": ATGARDER,
}

LISJP_TEXTS = FormTexts(
    questions={
        **_BEFORE_DIAGNOSIS, **_DIAGNOSIS, **_AFTER_DIAGNOSIS,
        "kontaktMedFk": "Jag önskar att Försäkringskassan kontaktar mig",
        "anledningTillKontakt": "Anledning till kontakt",
    },
    codes=_CODES,
)

AG7804_TEXTS = FormTexts(
    questions={
        **{path: text for path, text in _BEFORE_DIAGNOSIS.items()
           if not path.startswith("motivering")},
        "onskarFormedlaDiagnos": "Patienten vill förmedla diagnos till arbetsgivaren",
        **_DIAGNOSIS,
        **{path: text for path, text in _AFTER_DIAGNOSIS.items()
           if not path.startswith("motivering")},
        "kontaktMedAg": "Jag önskar att arbetsgivaren kontaktar mig",
        "anledningTillKontakt": "Anledning till kontakt",
    },
    codes=_CODES,
)
