"""Builders of demo people and LISJP answers from the tables of ``api.demo.data``.

Every choice is drawn from the ``Random`` passed in, so a seed gives the same people and answers.
Answers are plain JSON (national camelCase names) as a client would send them; ``None`` in an
answer set means "remove this answer" when it is laid over a draft (see ``clean``).
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random
from typing import Any

from stdnum import luhn

from api.demo.data import (
    DEGREES,
    DIAGNOSES,
    EARLY_REASON,
    GROUPS,
    JOBS,
    MEASURES,
    MEN,
    NEXT_DEGREE,
    OCCUPATIONS,
    PHONE_REASON,
    PROGNOSES,
    SMITTSKYDD_NOTE,
    SPREAD_REASON,
    SURNAMES,
    UNITS,
    WOMEN,
    Diagnosis,
)
from domain.shared.care import CareUnit, Role, Staff
from domain.shared.patient import Patient
from domain.shared.staff_attributes import TITLES, StaffAttributes

Period = tuple[str, date, date]
Content = dict[str, Any]


# --- people and places ------------------------------------------------------------------------
def care_units() -> list[CareUnit]:
    return [
        CareUnit(hsa_id=f"{giver.split('-')[0]}-{local}", care_giver_hsa_id=giver, name=name,
                 postal_address=street, postal_code=code, postal_town=town, phone=phone, lan=lan)
        for giver, local, name, street, code, town, phone, lan in UNITS
    ]


def doctors_at(rng: Random, unit: CareUnit, count: int) -> list[Staff]:
    """``count`` doctors with HSA ids under the unit's organisation prefix, and HSA attributes
    (sex as the name, a year of birth and a title) drawn from their own HSA id, so the demo's
    other data stay as they were."""
    prefix, local = unit.hsa_id.split("-")
    doctors = []
    for n in range(1, count + 1):
        woman = rng.random() < 0.5
        hsa_id = f"{prefix}-L{local[1:]}{n}"
        own = Random(hsa_id)
        attributes = StaffAttributes(sex="F" if woman else "M",
                                     birth_year=own.randint(1952, 1998),
                                     title=own.choice(list(TITLES)))
        doctors.append(Staff(hsa_id=hsa_id, name=person_name(rng, woman), role=Role.DOCTOR,
                             care_unit_hsa_id=unit.hsa_id,
                             care_giver_hsa_id=unit.care_giver_hsa_id, attributes=attributes))
    return doctors


def person_name(rng: Random, woman: bool) -> str:
    return f"{rng.choice(WOMEN if woman else MEN)} {rng.choice(SURNAMES)}"


def personnummer(rng: Random, born: date, *, woman: bool, samordning: bool = False) -> str:
    """A valid 12-digit personnummer (samordningsnummer: day + 60). The sex digit is even for
    women; the last digit is the Luhn check over the 10-digit form (python-stdnum)."""
    day = born.day + (60 if samordning else 0)
    serial = rng.randint(1, 99) * 10 + rng.choice((0, 2, 4, 6, 8) if woman else (1, 3, 5, 7, 9))
    head = f"{born:%y%m}{day:02d}{serial:03d}"
    return f"{born.year:04d}{head[2:]}{luhn.calc_check_digit(head)}"


def make_patients(rng: Random, count: int, today: date) -> list[Patient]:
    """Patients aged 18-67 today; about 2 % samordningsnummer, 1.5 % test persons
    (testindikerade) and 1 % with protected identity."""
    made: dict[str, Patient] = {}
    while len(made) < count:
        woman = rng.random() < 0.55
        born = today - timedelta(days=rng.randint(6580, 24830))
        number = personnummer(rng, born, woman=woman, samordning=rng.random() < 0.02)
        test = rng.random() < 0.015
        name = "Tolvan Tolvansson" if test else person_name(rng, woman)
        made.setdefault(number, Patient(personnummer=number, name=name, test_indicated=test,
                                        protected_identity=rng.random() < 0.01))
    return list(made.values())


# --- sick-leave periods -----------------------------------------------------------------------
def pick_diagnosis(rng: Random) -> Diagnosis:
    return rng.choices(DIAGNOSES, weights=[d.weight for d in DIAGNOSES])[0]


def first_periods(rng: Random, dx: Diagnosis, start: date) -> list[Period]:
    full = dx.group in ("skada", "infektion", "smittskydd") or rng.random() < 0.6
    degree = DEGREES[0] if full else rng.choice(DEGREES[1:3])
    return _periods(rng, degree, start, rng.randint(*dx.days))


def next_periods(rng: Random, dx: Diagnosis, last: Period) -> list[Period]:
    """A renewal's periods: from the day after the parent's last end, same or lower degree."""
    longest = 56 if dx.group == "psyk" else 35
    return _periods(rng, rng.choice(NEXT_DEGREE[last[0]]), last[2] + timedelta(days=1),
                    rng.randint(14, longest))


def _periods(rng: Random, degree: str, start: date, days: int) -> list[Period]:
    """One period, or in one case of five a trappning: half at this degree, half one lower."""
    if degree == DEGREES[-1] or days < 14 or rng.random() >= 0.2:
        return [(degree, start, start + timedelta(days=days - 1))]
    half, lower = days // 2, DEGREES[DEGREES.index(degree) + 1]
    return [(degree, start, start + timedelta(days=half - 1)),
            (lower, start + timedelta(days=half), start + timedelta(days=days - 1))]


# --- answers ----------------------------------------------------------------------------------
def background(rng: Random, dx: Diagnosis) -> Content:
    """What a doctor writes first: occupation and diagnosis (the draft is still incomplete)."""
    occupation = rng.choice(OCCUPATIONS)
    working = occupation == "NUVARANDE_ARBETE"
    return clean({
        "avstangningSmittskydd": True if dx.group == "smittskydd" else None,
        "sysselsattning": [occupation],
        "nuvarandeArbete": rng.choice(JOBS) if working else None,
        "diagnoser": [{"kod": dx.code, "beskrivning": dx.description}],
    })


def first_content(rng: Random, dx: Diagnosis, visit: date, periods: list[Period],
                  working: bool) -> Content:
    """The rest of a first certificate, written after the examination on ``visit``."""
    function, activity, treatment, _ = GROUPS[dx.group]
    measures = rng.choice(MEASURES) if working else ("EJ_AKTUELLT",)
    return clean({
        "funktionsnedsattning": function or None,
        "aktivitetsbegransning": activity or None,
        "pagaendeBehandling": treatment or None,
        "arbetslivsinriktadeAtgarder": list(measures),
        "ovrigt": SMITTSKYDD_NOTE if dx.group == "smittskydd" else None,
        **assessment(rng, visit, periods, examined=True),
    })


def assessment(rng: Random, visit: date, periods: list[Period], *, examined: bool) -> Content:
    """What is assessed anew at every visit (and cleared by a renewal)."""
    partial = any(degree != DEGREES[0] for degree, _, _ in periods)
    spread = rng.random() < 0.2 if partial else None
    prognosis, days = rng.choice(PROGNOSES)
    return {
        "grundForMU": [{"typ": "UNDERSOKNING" if examined else "TELEFONKONTAKT",
                        "datum": visit.isoformat()}],
        "motiveringTillInteBaseratPaUndersokning": None if examined else PHONE_REASON,
        "sjukskrivningar": period_answers(periods),
        "motiveringTillTidigtStartdatumForSjukskrivning": early_reason(visit, periods),
        "arbetstidsforlaggning": spread,
        "arbetstidsforlaggningMotivering": SPREAD_REASON if spread else None,
        "prognos": clean({"typ": prognosis, "dagarTillArbete": days}),
    }


def period_answers(periods: list[Period]) -> list[Content]:
    return [{"sjukskrivningsgrad": degree,
             "period": {"from": start.isoformat(), "tom": end.isoformat()}}
            for degree, start, end in periods]


def clean(content: Content) -> Content:
    """Drop the answers set to None."""
    return {key: value for key, value in content.items() if value is not None}


def corrected(rng: Random, periods: list[Period]) -> list[Period]:
    """The periods with the last end date corrected, as a replacement (ERSATT) would."""
    degree, start, end = periods[-1]
    new_end = max(start, end + timedelta(days=rng.choice((-4, -2, 2, 3, 5, 7))))
    return [*periods[:-1], (degree, start, new_end)]


def early_reason(day: date, periods: list[Period]) -> str | None:
    """The motivation a period starting 7 or more days before ``day`` needs."""
    return EARLY_REASON if (day - periods[0][1]).days >= 7 else None
