"""The printed form of TS-BAS (TSTRK1007): läkarintyg för högre körkortsbehörigheter och taxi.
Every yes/no question as the form asks it, grouped as on the form."""

from __future__ import annotations

from domain.content.common.texts import FormTexts, under
from domain.content.ts.codes import BEHORIGHET, ID_KONTROLL, IDENTITY, INTYG_AVSER

_EYE = {"utanKorrektion": "Utan korrektion", "medKorrektion": "Med korrektion",
        "kontaktlins": "Kontaktlins"}
_SYN = {
    "synfaltsdefekter": "Finns tecken på synfältsdefekter?",
    "nattblindhet": "Finns uppgift om nattblindhet?",
    "progressivOgonsjukdom": "Finns tecken på progressiv ögonsjukdom?",
    "diplopi": "Finns tecken på dubbelseende (diplopi)?",
    "nystagmus": "Finns tecken på nystagmus eller andra ögonrörelsestörningar?",
    "synskarpaSkickasSeparat": "Synskärpan skickas separat",
    "hogerOga": "Synskärpa, höger öga", **under("hogerOga", _EYE),
    "vansterOga": "Synskärpa, vänster öga", **under("vansterOga", _EYE),
    "binokulart": "Synskärpa, binokulärt", **under("binokulart", _EYE),
    "korrektionsglasensStyrka": "Har patienten korrektionsglas med en styrka över plus 8 "
                                "dioptrier?",
}
_GROUPS: dict[str, tuple[str, dict[str, str]]] = {
    "horselBalans": ("Hörsel och balanssinne", {
        "balansrubbningar": "Finns tecken på balansrubbningar eller yrselbesvär?",
        "svartUppfattaSamtal4Meter": "Har patienten svårt att uppfatta vanlig samtalsstämma på "
                                     "fyra meters avstånd?"}),
    "funktionsnedsattning": ("Rörelseorganens funktioner", {
        "funktionsnedsattning": "Finns sjukdom eller funktionsnedsättning som påverkar "
                                "rörligheten och som kan påverka trafiksäkerheten?",
        "beskrivning": "Beskrivning",
        "otillrackligRorelseformaga": "Är rörelseförmågan otillräcklig för att kunna hjälpa "
                                      "passagerare in och ut ur fordonet?"}),
    "hjartKarl": ("Hjärt- och kärlsjukdomar", {
        "hjartKarlSjukdom": "Finns hjärt- eller kärlsjukdom som medför en risk för "
                            "trafiksäkerheten?",
        "hjarnskadaEfterTrauma": "Finns tecken på hjärnskada efter trauma, stroke eller annan "
                                 "sjukdom?",
        "riskfaktorerStroke": "Finns riskfaktorer för stroke?",
        "beskrivningRiskfaktorer": "Beskriv riskfaktorerna"}),
    "diabetes": ("Diabetes", {
        "harDiabetes": "Har patienten diabetes?", "diabetesTyp": "Typ av diabetes",
        "kost": "Behandling med kost", "tabletter": "Behandling med tabletter",
        "insulin": "Behandling med insulin"}),
    "neurologi": ("Neurologiska sjukdomar", {
        "neurologiskSjukdom": "Finns tecken på neurologisk sjukdom?"}),
    "medvetandestorning": ("Epilepsi, epileptiskt anfall och annan medvetandestörning", {
        "medvetandestorning": "Har eller har patienten haft epilepsi, epileptiskt anfall eller "
                              "annan medvetandestörning?",
        "beskrivning": "När, och vad var orsaken?"}),
    "njurar": ("Njursjukdomar", {"nedsattNjurfunktion": "Finns allvarligt nedsatt njurfunktion?"}),
    "kognitivt": ("Demens och andra kognitiva störningar", {
        "sviktandeKognitivFunktion": "Finns tecken på sviktande kognitiv funktion?"}),
    "somnVakenhet": ("Sömn- och vakenhetsstörningar", {
        "teckenSomnstorningar": "Finns tecken på sömn- eller vakenhetsstörning?"}),
    "narkotikaLakemedel": ("Alkohol, narkotika och läkemedel", {
        "teckenMissbruk": "Finns journaluppgifter, anamnestiska uppgifter eller tecken på "
                          "missbruk eller beroende?",
        "foremalForVardinsats": "Har patienten varit föremål för vårdinsats på grund av missbruk "
                                "eller beroende?",
        "provtagningBehovs": "Behövs provtagning avseende aktuellt bruk?",
        "lakarordineratLakemedelsbruk": "Pågår regelbundet läkarordinerat bruk av läkemedel som "
                                        "kan innebära en trafiksäkerhetsrisk?",
        "lakemedelOchDos": "Läkemedel och dos"}),
    "psykiskt": ("Psykiska sjukdomar och störningar", {
        "psykiskSjukdom": "Har patienten någon psykisk sjukdom eller störning?"}),
    "utvecklingsstorning": ("Psykisk utvecklingsstörning, ADHD och autismspektrumtillstånd", {
        "psykiskUtvecklingsstorning": "Har patienten psykisk utvecklingsstörning?",
        "harSyndrom": "Har patienten ADHD, ADD, DAMP, Aspergers syndrom eller Tourettes "
                      "syndrom?"}),
    "sjukhusvard": ("Sjukhusvård", {
        "sjukhusEllerLakarkontakt": "Har patienten vårdats på sjukhus eller haft kontakt med "
                                    "läkare för något av det som frågas om ovan?",
        "tidpunkt": "När", "vardinrattning": "Vårdinrättning", "anledning": "Anledning"}),
    "medicinering": ("Övrig medicinering", {
        "stadigvarandeMedicinering": "Har patienten någon stadigvarande medicinering?",
        "beskrivning": "Vilken medicinering"}),
}

TS_BAS_TEXTS = FormTexts(
    questions={
        "intygAvser": "Intyget avser", "intygAvser.korkortstyp": "Behörigheter",
        "vardkontakt": "Identitet", "vardkontakt.typ": "Typ av vårdkontakt",
        "vardkontakt.idkontroll": IDENTITY,
        "syn": "Synfunktioner", **under("syn", _SYN),
        **{path: text for group, (title, answers) in _GROUPS.items()
           for path, text in {group: title, **under(group, answers)}.items()},
        "kommentar": "Övriga kommentarer",
        "bedomning": "Bedömning",
        "bedomning.korkortstyp": "Patienten uppfyller kraven enligt Transportstyrelsens "
                                 "föreskrifter för",
        "bedomning.lakareSpecialKompetens": "Patienten bör före ärendets avgörande undersökas av "
                                            "läkare med specialistkompetens i",
    },
    codes={
        "intygAvser.korkortstyp": INTYG_AVSER,
        "vardkontakt.typ": {"5880005": "Läkarundersökning"},
        "vardkontakt.idkontroll": ID_KONTROLL,
        "diabetes.diabetesTyp": {"DIABETES_TYP_1": "Typ 1", "DIABETES_TYP_2": "Typ 2"},
        "bedomning.korkortstyp": BEHORIGHET,
    },
)
