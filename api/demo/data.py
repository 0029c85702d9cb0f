"""Fictitious but realistic people, places and diagnoses for the demo (``intyg demo``).

Phone numbers are from the series PTS reserves for fiction (08-465 004 xx, 031-390 06 xx,
040-628 04 xx, 0980-319 2xx), so no real unit is ever called. The care givers' HSA prefixes are
the regions' organisation numbers; every local part, unit, street number and person is made up.
Diagnosis codes are a small sample of common sick-leave diagnoses, WHO ICD-10 categories that
``domain.shared.icd10`` accepts; the descriptions are the Swedish ones.
"""

from __future__ import annotations

from dataclasses import dataclass

# (care giver HSA id, unit local part, name, street, postal code, town, phone, län)
UNITS = (
    ("SE2321000016-G1K7", "E1A3", "Vårdcentralen Kungsholmen", "Fleminggatan 22", "112 26",
     "Stockholm", "08-465 004 10", "01"),
    ("SE2321000016-G1K7", "E1F8", "Vårdcentralen Farsta", "Farstaplan 12", "123 47", "Farsta",
     "08-465 004 20", "01"),
    ("SE2321000131-G2M4", "E2B5", "Vårdcentralen Majorna", "Karl Johansgatan 41", "414 59",
     "Göteborg", "031-390 06 10", "14"),
    ("SE2321000131-G2M4", "E2C9", "Vårdcentralen Angered", "Angereds torg 9", "424 65",
     "Angered", "031-390 06 20", "14"),
    ("SE2321000255-G3S2", "E3D4", "Vårdcentralen Möllevången", "Bergsgatan 20", "214 22",
     "Malmö", "040-628 04 10", "12"),
    ("SE2321000255-G3S2", "E3H6", "Vårdcentralen Limhamn", "Linnégatan 50", "216 14",
     "Limhamn", "040-628 04 20", "12"),
    ("SE2321000230-G4N1", "E4K2", "Kiruna hälsocentral", "Thulegatan 29", "981 32", "Kiruna",
     "0980-319 210", "25"),
)
WOMEN = ("Anna", "Eva", "Maria", "Karin", "Sara", "Emma", "Lena", "Kerstin", "Elin", "Ida",
         "Johanna", "Malin", "Linnea", "Sofia", "Fatima", "Amina", "Hanna", "Ingrid", "Julia")
MEN = ("Lars", "Erik", "Anders", "Johan", "Karl", "Per", "Mikael", "Peter", "Oskar", "Jonas",
       "Ali", "Mohammed", "Niklas", "Fredrik", "Daniel", "Ahmed", "Björn", "Gustav", "Magnus")
SURNAMES = ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
            "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Hansson", "Lindberg",
            "Lindström", "Lindqvist", "Berg", "Axelsson", "Hussein", "Nguyen", "Lundgren",
            "Sandberg", "Forsberg", "Sjöberg", "Holm", "Mattsson", "Yilmaz", "Korhonen")
JOBS = ("Undersköterska på äldreboende", "Lagerarbetare", "Förskollärare", "Systemutvecklare",
        "Busschaufför", "Sjuksköterska på akutmottagning", "Ekonomiassistent", "Butikssäljare",
        "Snickare", "Lärare på högstadiet", "Kock på restaurang", "Elektriker",
        "Kundtjänstmedarbetare", "Lokalvårdare", "Personlig assistent")


@dataclass(frozen=True)
class Diagnosis:
    """A sample diagnosis: code, Swedish description, text group, weight, first period days."""

    code: str
    description: str
    group: str
    weight: int
    days: tuple[int, int]


DIAGNOSES = (
    Diagnosis("F32.1", "Medelsvår depressiv episod", "psyk", 10, (14, 30)),
    Diagnosis("F32.0", "Lindrig depressiv episod", "psyk", 5, (14, 21)),
    Diagnosis("F41.1", "Generaliserat ångestsyndrom", "psyk", 5, (14, 28)),
    Diagnosis("F41.2", "Blandade ångest- och depressionstillstånd", "psyk", 6, (14, 28)),
    Diagnosis("F43.2", "Anpassningsstörning", "psyk", 8, (14, 30)),
    Diagnosis("F43.8", "Andra specificerade reaktioner på svår stress", "psyk", 9, (21, 30)),
    Diagnosis("Z73.0", "Utbrändhet", "psyk", 3, (14, 30)),
    Diagnosis("M54.5", "Lumbago", "rygg", 8, (7, 14)),
    Diagnosis("M54.4", "Lumbago med ischias", "rygg", 6, (7, 21)),
    Diagnosis("M51.1", "Ländryggsdiskbråck med radikulopati", "rygg", 3, (14, 28)),
    Diagnosis("M75.1", "Rotatorkuffsyndrom", "led", 3, (14, 28)),
    Diagnosis("M75.4", "Impingementsyndrom i skulderleden", "led", 3, (14, 21)),
    Diagnosis("M79.7", "Fibromyalgi", "led", 2, (14, 28)),
    Diagnosis("M17.1", "Primär gonartros, annan", "led", 2, (14, 28)),
    Diagnosis("G56.0", "Karpaltunnelsyndrom", "led", 2, (14, 21)),
    Diagnosis("S82.6", "Fraktur på laterala malleolen", "skada", 3, (28, 42)),
    Diagnosis("S52.5", "Fraktur på nedre delen av radius", "skada", 3, (28, 42)),
    Diagnosis("S83.5", "Stukning och distorsion av korsband i knäleden", "skada", 2, (21, 42)),
    Diagnosis("J06.9", "Akut övre luftvägsinfektion, ospecificerad", "infektion", 3, (7, 10)),
    Diagnosis("U07.1", "Covid-19, virus identifierat", "infektion", 2, (7, 14)),
    Diagnosis("J18.9", "Pneumoni, ospecificerad", "infektion", 2, (10, 14)),
    Diagnosis("G43.0", "Migrän utan aura", "ovrigt", 2, (7, 14)),
    Diagnosis("I21.9", "Akut hjärtinfarkt, ospecificerad", "ovrigt", 1, (28, 42)),
    Diagnosis("C50.9", "Bröstcancer, ospecificerad", "ovrigt", 1, (30, 60)),
    Diagnosis("A02.0", "Salmonellaenterit", "smittskydd", 1, (5, 10)),
)

# group: (funktionsnedsättning, aktivitetsbegränsning, pågående behandling, renewal chance)
GROUPS: dict[str, tuple[str, str, str, float]] = {
    "psyk": ("Nedstämdhet, sömnstörning och nedsatt koncentrationsförmåga.",
             "Klarar inte att planera och genomföra arbetsuppgifter under tidspress.",
             "Samtalsbehandling (KBT) och SSRI.", 0.7),
    "rygg": ("Smärta och rörelseinskränkning i ländryggen.",
             "Kan inte lyfta, bära eller sitta längre än 30 minuter.",
             "Fysioterapi och smärtlindring.", 0.4),
    "led": ("Smärta och nedsatt rörlighet vid belastning.",
            "Kan inte utföra upprepade rörelser eller arbeta med armarna över axelhöjd.",
            "Fysioterapi med hemträningsprogram.", 0.5),
    "skada": ("Nedsatt belastningsförmåga efter frakturen.",
              "Kan inte gå, stå längre stunder eller köra bil.",
              "Gips/ortos, uppföljning på ortopedmottagning.", 0.5),
    "infektion": ("Feber, hosta och uttalad trötthet.",
                  "Orkar inte utföra arbetsuppgifter under en hel arbetsdag.",
                  "Symtomatisk behandling.", 0.1),
    "ovrigt": ("Nedsatt ork och fysisk uthållighet.",
               "Klarar inte fysiskt krävande arbetsuppgifter.",
               "Behandling och uppföljning inom specialistvården.", 0.5),
    "smittskydd": ("", "", "", 0.0),
}


# --- LISJP answers --------------------------------------------------------------------------
DEGREES = ("HELT_NEDSATT", "TRE_FJARDEDEL", "HALFTEN", "EN_FJARDEDEL")
# After a degree, what the renewal continues with (repeats weigh the choice).
NEXT_DEGREE = {"HELT_NEDSATT": DEGREES[:1] * 2 + DEGREES[1:3], "TRE_FJARDEDEL": DEGREES[1:3],
               "HALFTEN": DEGREES[2:3] * 2 + DEGREES[3:], "EN_FJARDEDEL": DEGREES[3:]}
OCCUPATIONS = ("NUVARANDE_ARBETE",) * 17 + ("ARBETSSOKANDE", "ARBETSSOKANDE", "STUDIER")
# Each choice keeps a measure AG7804 takes, so the employer's copy is complete.
MEASURES = (("EJ_AKTUELLT",), ("EJ_AKTUELLT",), ("ARBETSANPASSNING",), ("ARBETSTRANING",),
            ("KONTAKT_FHV", "ARBETSANPASSNING"), ("BESOK_ARBETSPLATS", "OMFORDELNING"),
            ("ERGONOMISK",), ("KONFLIKTHANTERING", "KONTAKT_FHV"))
PROGNOSES = (("STOR_SANNOLIKHET", None), ("STOR_SANNOLIKHET", None), ("PROGNOS_OKLAR", None),
             ("ATER_X_ANTAL_DGR", "TRETTIO_DGR"), ("ATER_X_ANTAL_DGR", "SEXTIO_DGR"))
PHONE_REASON = "Uppföljning per telefon; patienten undersöktes vid förra besöket."
EARLY_REASON = "Patienten sökte vård först efter en veckas symtom; sjuk sedan dess enligt anamnes."
SPREAD_REASON = "Klarar kortare pass förlagda till förmiddagar."
CONTACT_REASON = "Önskar avstämningsmöte med arbetsgivaren och Försäkringskassan."
REPLACE_NOTE = "Ersätter tidigare intyg där slutdatum för sjukskrivningen var fel."
SMITTSKYDD_NOTE = "Avstängd från arbete som livsmedelshanterare enligt smittskyddslagen."
REVOCATIONS = (("FEL_PATIENT", "Intyget utfärdades av misstag på fel patient."),
               ("ANNAT_ALLVARLIGT_FEL", "Fel diagnos angavs; ett nytt intyg utfärdas."))
