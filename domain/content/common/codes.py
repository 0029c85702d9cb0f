"""Names of the national code lists shared by several types (Försäkringskassan's KV_FKMU
lists, the diagnosis code systems), as the forms print them."""

from __future__ import annotations

GRUND_FOR_MU = {
    "UNDERSOKNING": "Min undersökning av patienten",
    "FYSISKUNDERSOKNING": "Min undersökning vid fysiskt besök",
    "DIGITALUNDERSOKNING": "Min undersökning vid videobesök",
    "TELEFONKONTAKT": "Min telefonkontakt med patienten",
    "JOURNALUPPGIFTER": "Journaluppgifter",
    "ANHORIG": "Anhörigs beskrivning av patienten",
    "FORALDER": "Förälders beskrivning av patienten",
    "ANNAT": "Annat",
}
"""KV_FKMU_0001: what the certificate is based on."""

SYSSELSATTNING = {
    "NUVARANDE_ARBETE": "Nuvarande arbete",
    "ARBETSSOKANDE": "Arbetssökande – att utföra sådant arbete som är normalt förekommande "
                     "på arbetsmarknaden",
    "FORALDRALEDIG": "Föräldraledighet för vård av barn",
    "STUDIER": "Studier",
}
"""KV_FKMU_0002: the occupation the work capacity is judged against."""

SJUKSKRIVNINGSGRAD = {
    "HELT_NEDSATT": "100 %",
    "TRE_FJARDEDEL": "75 %",
    "HALFTEN": "50 %",
    "EN_FJARDEDEL": "25 %",
}
"""KV_FKMU_0003: how much the work capacity is reduced."""

ATGARDER = {
    "EJ_AKTUELLT": "Inte aktuellt",
    "ARBETSTRANING": "Arbetsträning",
    "ARBETSANPASSNING": "Arbetsanpassning",
    "SOKA_NYTT_ARBETE": "Söka nytt arbete",
    "BESOK_ARBETSPLATS": "Besök på arbetsplatsen",
    "ERGONOMISK": "Ergonomisk bedömning",
    "HJALPMEDEL": "Hjälpmedel",
    "KONFLIKTHANTERING": "Konflikthantering",
    "KONTAKT_FHV": "Kontakt med företagshälsovård",
    "OMFORDELNING": "Omfördelning av arbetsuppgifter",
    "OVRIGA_ATGARDER": "Övrigt",
}
"""KV_FKMU_0004: measures that may help the patient back to work."""

UNDERLAG = {
    "NEUROPSYKIATRISKT": "Neuropsykiatriskt utlåtande",
    "HABILITERING": "Underlag från habiliteringen",
    "ARBETSTERAPEUT": "Underlag från arbetsterapeut",
    "FYSIOTERAPEUT": "Underlag från fysioterapeut",
    "LOGOPED": "Underlag från logoped",
    "PSYKOLOG": "Underlag från psykolog",
    "FORETAGSHALSOVARD": "Underlag från företagshälsovård",
    "SKOLHALSOVARD": "Underlag från skolhälsovård",
    "SPECIALISTKLINIK": "Utredning av annan specialistklinik",
    "VARD_UTOMLANDS": "Utredning från vårdinrättning utomlands",
    "OVRIGT_UTLATANDE": "Övrigt",
}
"""KV_FKMU_0005: other medical investigations the statement draws on."""

PROGNOS = {
    "STOR_SANNOLIKHET": "Patienten kommer med stor sannolikhet att kunna återgå helt i nuvarande "
                        "sysselsättning efter denna sjukskrivning",
    "ATER_X_ANTAL_DGR": "Patienten kommer med stor sannolikhet att kunna återgå helt i nuvarande "
                        "sysselsättning inom ett visst antal dagar",
    "SANNOLIKT_INTE": "Patienten kan sannolikt inte återgå i nuvarande sysselsättning",
    "PROGNOS_OKLAR": "Prognos för återgång i nuvarande sysselsättning är oklar",
}
"""KV_FKMU_0006: the prognosis for returning to the occupation."""

DAGAR_TILL_ARBETE = {
    "TRETTIO_DGR": "30 dagar",
    "SEXTIO_DGR": "60 dagar",
    "NITTIO_DGR": "90 dagar",
    "HUNDRAATTIO_DAGAR": "180 dagar",
    "TREHUNDRASEXTIOFEM_DAGAR": "365 dagar",
}
"""KV_FKMU_0007: within how many days the patient is expected back."""

KODSYSTEM = {"ICD_10_SE": "ICD-10-SE", "KSH_97_P": "KSH97-P"}

DIAGNOSIS_ROW = {
    "kod": "Diagnoskod",
    "beskrivning": "Diagnos",
    "kodsystem": "Kodsystem",
}
GRUND_ROW = {"typ": "Grund", "datum": "Datum", "beskrivning": "Ange vad annat är"}
PERIOD = {"from": "Från och med", "tom": "Till och med"}
