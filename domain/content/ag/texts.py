"""The printed form of AG1-14 (läkarintyg om arbetsförmåga – sjuklöneperioden), both content
versions: version 1 asks for the occupation as a code and a text, version 2 as a text."""

from __future__ import annotations

from domain.content.common.codes import (
    DIAGNOSIS_ROW,
    GRUND_FOR_MU,
    GRUND_ROW,
    KODSYSTEM,
    PERIOD,
    SYSSELSATTNING,
)
from domain.content.common.texts import FormTexts, under

_BASIS = {"grundForMU": "Intyget är baserat på", **under("grundForMU", GRUND_ROW)}
_ASSESSMENT = {
    "onskarFormedlaDiagnos": "Patienten vill förmedla diagnos till arbetsgivaren",
    "diagnoser": "Diagnos eller diagnoser",
    **under("diagnoser", DIAGNOSIS_ROW),
    "nedsattArbetsformaga": "På vilket sätt sätter sjukdomen ned arbetsförmågan?",
    "arbetsformagaTrotsSjukdom": "Finns det arbetsförmåga trots sjukdom?",
    "arbetsformagaTrotsSjukdomBeskrivning": "Beskriv arbetsförmågan trots sjukdom",
    "sjukskrivningsgrad": "Arbetsförmågan är nedsatt med",
    "sjukskrivningsperiod": "Under perioden",
    **under("sjukskrivningsperiod", PERIOD),
    "ovrigaUpplysningar": "Övriga upplysningar",
    "kontaktMedArbetsgivaren": "Jag önskar att arbetsgivaren kontaktar mig",
    "anledningTillKontakt": "Anledning till kontakt",
}
_CODES = {"grundForMU.typ": GRUND_FOR_MU, "diagnoser.kodsystem": KODSYSTEM}
_UNITS = {"sjukskrivningsgrad": "%"}

AG114_V1_TEXTS = FormTexts(
    questions={**_BASIS, "sysselsattning": "Sysselsättning",
               "nuvarandeArbete": "Ange yrke och arbetsuppgifter", **_ASSESSMENT},
    codes={**_CODES, "sysselsattning": SYSSELSATTNING},
    units=_UNITS,
)
AG114_V2_TEXTS = FormTexts(
    questions={**_BASIS, "sysselsattning": "Sysselsättning – ange yrke och arbetsuppgifter",
               **_ASSESSMENT},
    codes=_CODES,
    units=_UNITS,
)
