"""What DB (dödsbevis) and DOI (dödsorsaksintyg) share (TYPES.md §0.1, §10, §11): questions
1-4 (identity, date of death, place of death, child) with the patient's address and the date
bounds the later questions are checked against. The uniqueness rules of their lifecycle are
in ``domain.content.death.uniqueness``.

Dates are checked against the patient's birth date when the caller knows it (``birth_date``,
from the personnummer); without it those checks are skipped. "Reasonable" dates lie strictly
between 1900-01-01 and 2099-12-12 (TYPES.md §0).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated

from pydantic import BaseModel

from domain.content.common.answers import CAMEL_CONTENT_CONFIG, has_text, parse_date
from domain.content.common.checks import (
    check_answered,
    check_choice,
    check_past_date,
    check_plain_text,
    issue,
)
from domain.content.common.limits import Limit
from domain.content.common.patient_address import PatientAdress, check_patient_address
from domain.content.common.protection import IsoDate
from domain.content.death.uncertain_dates import (
    UncertainDate,
    is_before,
    is_future,
    parse_uncertain_date,
)
from domain.shared.validation import IssueCode, ValidationIssue

DODSPLATS_BOENDE = ("SJUKHUS", "ORDINART_BOENDE", "SARSKILT_BOENDE", "ANNAN")
MAX_IDENTITY, MAX_MUNICIPALITY = 27, 28
NEWBORN_DAYS = 28
"""A child (question 4) died within 28 days of birth."""
EARLIEST_REASONABLE, LATEST_REASONABLE = date(1900, 1, 1), date(2099, 12, 12)

# Sweden's 290 municipalities (kommuner), county by county: the list question 3.1 chooses from.
_KOMMUNER = (
    "Upplands Väsby,Vallentuna,Österåker,Värmdö,Järfälla,Ekerö,Huddinge,Botkyrka,Salem,Haninge,"
    "Tyresö,Upplands-Bro,Nykvarn,Täby,Danderyd,Sollentuna,Stockholm,Södertälje,Nacka,"
    "Sundbyberg,Solna,Lidingö,Vaxholm,Norrtälje,Sigtuna,Nynäshamn,Håbo,Älvkarleby,Knivsta,Heby,"
    "Tierp,Uppsala,Enköping,Östhammar,Vingåker,Gnesta,Nyköping,Oxelösund,Flen,Katrineholm,"
    "Eskilstuna,Strängnäs,Trosa,Ödeshög,Ydre,Kinda,Boxholm,Åtvidaberg,Finspång,Valdemarsvik,"
    "Linköping,Norrköping,Söderköping,Motala,Vadstena,Mjölby,Aneby,Gnosjö,Mullsjö,Habo,"
    "Gislaved,Vaggeryd,Jönköping,Nässjö,Värnamo,Sävsjö,Vetlanda,Eksjö,Tranås,Uppvidinge,"
    "Lessebo,Tingsryd,Alvesta,Älmhult,Markaryd,Växjö,Ljungby,Högsby,Torsås,Mörbylånga,"
    "Hultsfred,Mönsterås,Emmaboda,Kalmar,Nybro,Oskarshamn,Västervik,Vimmerby,Borgholm,Gotland,"
    "Olofström,Karlskrona,Ronneby,Karlshamn,Sölvesborg,Svalöv,Staffanstorp,Burlöv,Vellinge,"
    "Östra Göinge,Örkelljunga,Bjuv,Kävlinge,Lomma,Svedala,Skurup,Sjöbo,Hörby,Höör,Tomelilla,"
    "Bromölla,Osby,Perstorp,Klippan,Åstorp,Båstad,Malmö,Lund,Landskrona,Helsingborg,Höganäs,"
    "Eslöv,Ystad,Trelleborg,Kristianstad,Simrishamn,Ängelholm,Hässleholm,Hylte,Halmstad,Laholm,"
    "Falkenberg,Varberg,Kungsbacka,Härryda,Partille,Öckerö,Stenungsund,Tjörn,Orust,Sotenäs,"
    "Munkedal,Tanum,Dals-Ed,Färgelanda,Ale,Lerum,Vårgårda,Bollebygd,Grästorp,Essunga,Karlsborg,"
    "Gullspång,Tranemo,Bengtsfors,Mellerud,Lilla Edet,Mark,Svenljunga,Herrljunga,Vara,Götene,"
    "Tibro,Töreboda,Göteborg,Mölndal,Kungälv,Lysekil,Uddevalla,Strömstad,Vänersborg,"
    "Trollhättan,Alingsås,Borås,Ulricehamn,Åmål,Mariestad,Lidköping,Skara,Skövde,Hjo,Tidaholm,"
    "Falköping,Kil,Eda,Torsby,Storfors,Hammarö,Munkfors,Forshaga,Grums,Årjäng,Sunne,Karlstad,"
    "Kristinehamn,Filipstad,Hagfors,Arvika,Säffle,Lekeberg,Laxå,Hallsberg,Degerfors,Hällefors,"
    "Ljusnarsberg,Örebro,Kumla,Askersund,Karlskoga,Nora,Lindesberg,Skinnskatteberg,Surahammar,"
    "Kungsör,Hallstahammar,Norberg,Västerås,Sala,Fagersta,Köping,Arboga,Vansbro,Malung-Sälen,"
    "Gagnef,Leksand,Rättvik,Orsa,Älvdalen,Smedjebacken,Mora,Falun,Borlänge,Säter,Hedemora,"
    "Avesta,Ludvika,Ockelbo,Hofors,Ovanåker,Nordanstig,Ljusdal,Gävle,Sandviken,Söderhamn,"
    "Bollnäs,Hudiksvall,Ånge,Timrå,Härnösand,Sundsvall,Kramfors,Sollefteå,Örnsköldsvik,Ragunda,"
    "Bräcke,Krokom,Strömsund,Åre,Berg,Härjedalen,Östersund,Nordmaling,Bjurholm,Vindeln,"
    "Robertsfors,Norsjö,Malå,Storuman,Sorsele,Dorotea,Vännäs,Vilhelmina,Åsele,Umeå,Lycksele,"
    "Skellefteå,Arvidsjaur,Arjeplog,Jokkmokk,Överkalix,Kalix,Övertorneå,Pajala,Gällivare,"
    "Älvsbyn,Luleå,Piteå,Boden,Haparanda,Kiruna"
)
KOMMUNER = frozenset(_KOMMUNER.split(","))
_FOLDED_KOMMUNER = frozenset(name.casefold() for name in KOMMUNER)

QUESTION_IDS: dict[str, str] = {
    "identitetStyrkt": "1.1", "dodsdatumSakert": "2.1", "dodsdatum": "2.2",
    "antraffatDodDatum": "2.3", "dodsplatsKommun": "3.1", "dodsplatsBoende": "3.2",
    "barn": "4.1", "patient": "patient",
}


class DeathContent(BaseModel):
    """Questions 1-4, common to DB and DOI, and the patient's address."""

    model_config = CAMEL_CONTENT_CONFIG

    identitet_styrkt: Annotated[str | None, Limit(MAX_IDENTITY)] = None
    dodsdatum_sakert: bool | None = None
    dodsdatum: IsoDate = None
    antraffat_dod_datum: IsoDate = None
    dodsplats_kommun: Annotated[str | None, Limit(MAX_MUNICIPALITY)] = None
    dodsplats_boende: str | None = None
    barn: bool | None = None
    patient: PatientAdress | None = None


@dataclass(frozen=True)
class DeathDates:
    """What bounds the other dates: the date of death when it is certain, else the day the
    patient was found dead (anträffad död). Only real dates are kept."""

    certain: bool | None
    death: date | None
    found: date | None

    @property
    def latest(self) -> date | None:
        """The day nothing about the death can be after: the date of death when certain,
        else the day the patient was found."""
        return self.death if self.certain else self.found


def death_dates(content: DeathContent) -> DeathDates:
    """The death's dates as far as the answers to 2 give them."""
    certain = content.dodsdatum_sakert
    return DeathDates(
        certain=certain,
        death=parse_date(content.dodsdatum) if certain else None,
        found=parse_date(content.antraffat_dod_datum) if certain is False else None,
    )


def is_municipality(name: str) -> bool:
    """Whether ``name`` is a Swedish municipality (case and surrounding spaces ignored)."""
    return name.strip().casefold() in _FOLDED_KOMMUNER


def is_reasonable(day: date) -> bool:
    return EARLIEST_REASONABLE < day < LATEST_REASONABLE


def check_death_questions(
    content: DeathContent, today: date, birth: date | None
) -> list[ValidationIssue]:
    """Questions 1-4 and the patient's address (TYPES.md §10, shared with §11)."""
    return [
        *check_patient_address(content.patient),
        *check_plain_text(content.identitet_styrkt, "1.1", "identitetStyrkt", required=True,
                          max_length=MAX_IDENTITY),
        *_check_death_date(content, today, birth),
        *_check_place(content),
        *_check_child(content, death_dates(content), birth),
    ]


def _check_death_date(
    content: DeathContent, today: date, birth: date | None
) -> list[ValidationIssue]:
    """2.1 required (else nothing more of 2 is checked); certain: 2.2 a real past date, 2.3
    not given; uncertain (R1-R3): 2.2.1 year and month chosen, 2.3 required."""
    if content.dodsdatum_sakert is None:
        return check_answered(None, "2.1", "dodsdatumSakert")
    if content.dodsdatum_sakert:
        issues = check_past_date(content.dodsdatum, "2.2", "dodsdatum", today, birth,
                                 condition="when dodsdatumSakert is yes")
        if content.antraffat_dod_datum is not None:
            issues.append(issue("2.3", "antraffatDodDatum", IssueCode.INCORRECT_COMBINATION,
                                "Anträffad död is only given when the date of death is "
                                "not certain."))
        return issues
    issues = _check_uncertain(content.dodsdatum, today, birth)
    # Only a sound uncertain date bounds the finding date; a wrong one is reported already.
    vague = None if issues else parse_uncertain_date(content.dodsdatum)
    return issues + _check_found(content.antraffat_dod_datum, vague, today, birth)


def _check_uncertain(raw: str | None, today: date, birth: date | None) -> list[ValidationIssue]:
    field = "dodsdatum"
    if not has_text(raw):
        return check_answered(None, "2.2.1", field,
                              "(at least the year) when dodsdatumSakert is no")
    vague = parse_uncertain_date(raw)
    if vague is None:
        return [issue("2.2.1", field, IssueCode.INVALID_FORMAT,
                      f"{raw!r} is not a date with known parts (YYYY-MM-00, YYYY-00-00, "
                      "0000-00-00).")]
    if is_future(vague, today):
        return [issue("2.2.1", field, IssueCode.FUTURE_DATE,
                      f"The year and month {raw} must not be in the future.")]
    if birth is not None and is_before(vague, birth):
        return [issue("2.2.1", field, IssueCode.BEFORE_BIRTH,
                      f"The date of death {raw} is before the patient was born.")]
    return []


def _check_found(
    raw: str | None, vague: UncertainDate | None, today: date, birth: date | None
) -> list[ValidationIssue]:
    """R3: anträffad död, a real reasonable date, not after today, not before the uncertain
    date of death nor the birth date."""
    issues = check_past_date(raw, "2.3", "antraffatDodDatum", today, birth,
                             condition="when dodsdatumSakert is no")
    found = parse_date(raw)
    if issues or found is None:
        return issues
    if not is_reasonable(found):
        return [issue("2.3", "antraffatDodDatum", IssueCode.INVALID_VALUE,
                      f"The date {raw} is not between 1900 and 2099.")]
    earliest = vague.earliest() if vague else None
    if earliest is not None and found < earliest:
        return [issue("2.3", "antraffatDodDatum", IssueCode.INVALID_RANGE,
                      "The patient cannot be found dead before the date of death.")]
    return []


def _check_place(content: DeathContent) -> list[ValidationIssue]:
    """3.1 a known municipality; 3.2 the kind of place (R4)."""
    issues = check_plain_text(content.dodsplats_kommun, "3.1", "dodsplatsKommun",
                              required=True, max_length=MAX_MUNICIPALITY)
    if not issues and content.dodsplats_kommun and not is_municipality(content.dodsplats_kommun):
        issues.append(issue("3.1", "dodsplatsKommun", IssueCode.INVALID_VALUE,
                            f"{content.dodsplats_kommun!r} is not a Swedish municipality."))
    return issues + check_choice(content.dodsplats_boende, DODSPLATS_BOENDE, "3.2",
                                 "dodsplatsBoende")


def _check_child(
    content: DeathContent, dates: DeathDates, birth: date | None
) -> list[ValidationIssue]:
    """4.1 required; R20: with a certain, valid date of death (not before birth), "child" must
    match death within 28 days of birth."""
    if content.barn is None:
        return check_answered(None, "4.1", "barn")
    if dates.death is None or birth is None or dates.death < birth:
        return []
    newborn = dates.death <= birth + timedelta(days=NEWBORN_DAYS)
    if content.barn != newborn:
        return [issue("4.1", "barn", IssueCode.INCORRECT_COMBINATION,
                      "Barn is yes exactly when death came within 28 days of birth.")]
    return []


def check_not_after_death(
    day: date, dates: DeathDates, question_id: str, field: str
) -> list[ValidationIssue]:
    """A date about the death's causes lies on or before the date of death (certain) or the
    day the patient was found dead (uncertain)."""
    latest = dates.latest
    if latest is not None and day > latest:
        return [issue(question_id, field, IssueCode.INVALID_RANGE,
                      f"The date {day} is after the date of death ({latest}).")]
    return []
