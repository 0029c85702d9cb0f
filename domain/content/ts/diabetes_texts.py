"""The printed form of TS-DIABETES (TSTRK1031): läkarintyg diabetes."""

from __future__ import annotations

from domain.content.common.texts import FormTexts, under
from domain.content.ts.codes import BEHORIGHET, ID_KONTROLL, IDENTITY

_TIDPUNKT = "Tidpunkt"
_ALLMANT = {
    "patientenFoljsAv": "Patienten följs av",
    "diabetesDiagnosAr": "År för diabetesdiagnos",
    "typAvDiabetes": "Typ av diabetes",
    "beskrivningAnnanTypAvDiabetes": "Beskriv annan typ av diabetes",
    "medicineringForDiabetes": "Har patienten medicinering för sin diabetes?",
    "medicineringMedforRiskForHypoglykemi": "Medför medicineringen risk för hypoglykemi?",
    "behandling": "Behandling",
    "behandling.insulin": "Insulin",
    "behandling.tabletter": "Tabletter",
    "behandling.annan": "Annan behandling",
    "behandling.annanAngeVilken": "Ange vilken",
    "medicineringMedforRiskForHypoglykemiTidpunkt": "Från när har patienten haft medicinering "
                                                    "som medför risk för hypoglykemi?",
}
_HYPOGLYKEMI = {
    "kontrollSjukdomstillstand": "Sköter patienten sin sjukdom och kontrollerar sitt "
                                 "tillstånd?",
    "kontrollSjukdomstillstandVarfor": "Ange varför inte",
    "forstarRiskerMedHypoglykemi": "Förstår patienten riskerna med hypoglykemi?",
    "formagaKannaVarningstecken": "Har patienten förmåga att känna varningstecken på "
                                  "hypoglykemi?",
    "vidtaAdekvataAtgarder": "Har patienten förmåga att vidta adekvata åtgärder vid "
                             "hypoglykemi?",
    "aterkommandeSenasteAret": "Har patienten haft återkommande allvarlig hypoglykemi under "
                               "det senaste året?",
    "aterkommandeSenasteAretTidpunkt": _TIDPUNKT,
    "aterkommandeSenasteAretKontrolleras": "Följs detta upp av läkare?",
    "aterkommandeSenasteAretTrafik": "Inträffade det i trafiken?",
    "aterkommandeVaketSenasteTolv": "Har patienten haft allvarlig hypoglykemi i vaket tillstånd "
                                    "under de senaste tolv månaderna?",
    "aterkommandeVaketSenasteTre": "… under de senaste tre månaderna?",
    "aterkommandeVaketSenasteTreTidpunkt": _TIDPUNKT,
    "allvarligSenasteTolvManaderna": "Har patienten haft allvarlig hypoglykemi i trafiken under "
                                     "de senaste tolv månaderna?",
    "allvarligSenasteTolvManadernaTidpunkt": _TIDPUNKT,
    "regelbundnaBlodsockerkontroller": "Genomför patienten regelbundna blodsockerkontroller?",
}
_OVRIGT = {
    "komplikationerAvSjukdomen": "Finns komplikationer av sjukdomen som påverkar "
                                 "trafiksäkerheten?",
    "komplikationerAvSjukdomenAnges": "Ange komplikationerna",
    "borUndersokasAvSpecialist": "Patienten bör undersökas av specialist i",
}

TS_DIABETES_TEXTS = FormTexts(
    questions={
        "intygAvser": "Intyget avser", "intygAvser.kategorier": "Behörigheter",
        "identitetStyrktGenom": "Identitet", "identitetStyrktGenom.typ": IDENTITY,
        "allmant": "Allmänt", **under("allmant", _ALLMANT),
        "hypoglykemi": "Hypoglykemi", **under("hypoglykemi", _HYPOGLYKEMI),
        "ovrigt": "Övrigt", **under("ovrigt", _OVRIGT),
        "bedomning": "Bedömning",
        "bedomning.uppfyllerBehorighetskrav": "Patienten uppfyller kraven för",
        "bedomning.ovrigaKommentarer": "Övriga kommentarer",
    },
    codes={
        "intygAvser.kategorier": BEHORIGHET,
        "identitetStyrktGenom.typ": ID_KONTROLL,
        "allmant.patientenFoljsAv": {"VN1": "Primärvård", "VN2": "Specialistvård"},
        "allmant.typAvDiabetes": {"TYP1": "Typ 1", "TYP2": "Typ 2", "LADA": "LADA",
                                  "ANNAN": "Annan typ"},
        "bedomning.uppfyllerBehorighetskrav": BEHORIGHET,
    },
)
