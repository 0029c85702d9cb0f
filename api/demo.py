"""Realistic, deterministic demo data: care units in several län, doctors, patients and LISJP
chains with renewals, some revoked and replaced, a few AG7804 and unsigned drafts.

The application's clock is driven by the seeder while it runs (and restored after), so the
events carry realistic times over the last 18 months before the clock's "now". Content is
deterministic for a seed; certificate ids come from the application's id factory.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any

from commands.certificates import Certificates
from domain.care import CareUnit, Role, Staff
from domain.lifecycle import RevocationReason
from domain.patient import Patient

UNITS = (  # (local id, name, town, postal code, län, care giver)
    ("1001", "Vårdcentralen Kungsholmen", "Stockholm", "112 21", "01", "G01"),
    ("1002", "Vårdcentralen Gränby", "Uppsala", "754 36", "03", "G01"),
    ("2001", "Hälsocentralen Mariedal", "Göteborg", "412 63", "14", "G02"),
    ("2002", "Vårdcentralen Möllevången", "Malmö", "214 26", "12", "G02"),
    ("3001", "Hälsocentralen Haga", "Umeå", "903 31", "24", "G03"),
    ("3002", "Vårdcentralen Tuna", "Borlänge", "784 33", "20", "G03"),
    ("4001", "Vårdcentralen Ekholmen", "Linköping", "589 29", "05", "G04"),
)
DOCTORS = ("Anna Lind", "Erik Berg", "Sara Holm", "Johan Ek", "Maria Sjöberg", "Ali Hassan")
PATIENT_NAMES = ("Karin", "Lars", "Eva", "Anders", "Lena", "Per", "Fatima", "Mohammed",
                 "Sofia", "Nils", "Ingrid", "Oskar")
SURNAMES = ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson")
DIAGNOSES = (("F32.1", "Medelsvår depressiv episod"), ("F43.2", "Anpassningsstörning"),
             ("F41.1", "Generaliserat ångestsyndrom"), ("M54.5", "Lumbago"),
             ("M75.1", "Rotatorkuffsyndrom"), ("S82.6", "Fraktur på laterala malleolen"),
             ("J06.9", "Akut övre luftvägsinfektion"), ("Z73.0", "Utbrändhet"),
             ("G43.9", "Migrän"), ("M79.7", "Fibromyalgi"), ("U07.1", "Covid-19"))
DEGREES = ("HELT_NEDSATT", "TRE_FJARDEDEL", "HALFTEN", "EN_FJARDEDEL")
SPAN = timedelta(days=540)


class _DemoClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def seed_demo(app: Certificates, *, patients: int = 300, seed: int = 7804) -> dict[str, int]:
    """Seed ``patients`` patients with certificate chains; returns what was written."""
    rng = random.Random(seed)
    real_clock, end = app.clock, app.clock()
    clock = _DemoClock(end - SPAN)
    app.clock = clock
    counts = dict.fromkeys(("patients", "certificates", "signed", "sent", "revoked",
                            "replaced", "renewals", "drafts", "ag7804"), 0)
    staff = _staff()
    try:
        plans = sorted((_plan(rng, i, end) for i in range(patients)), key=lambda p: p["start"])
        for plan in plans:
            counts["patients"] += 1
            _seed_patient(app, clock, rng, plan, staff, counts)
    finally:
        app.clock = real_clock
    counts["events"] = app.recorder.max_notification_id() or 0
    return counts


def _staff() -> dict[str, tuple[CareUnit, list[Staff]]]:
    found: dict[str, tuple[CareUnit, list[Staff]]] = {}
    for local, name, town, postal, lan, giver in UNITS:
        unit = CareUnit(hsa_id=f"SE2321000016-E{local}", care_giver_hsa_id=f"SE2321000016-{giver}",
                        name=name, postal_address="Vårdvägen 1", postal_code=postal,
                        postal_town=town, phone="010-123 45 67", lan=lan)
        doctors = [Staff(hsa_id=f"SE2321000016-D{local}{n}", name=DOCTORS[(int(local) + n) % 6],
                         role=Role.DOCTOR, care_unit_hsa_id=unit.hsa_id,
                         care_giver_hsa_id=unit.care_giver_hsa_id) for n in range(3)]
        found[local] = (unit, doctors)
    return found


def _plan(rng: random.Random, index: int, end: datetime) -> dict[str, Any]:
    born = date(1959, 1, 1) + timedelta(days=rng.randint(0, 17500))
    start = end - SPAN + timedelta(days=rng.randint(0, 520), hours=rng.randint(8, 16))
    return {"index": index, "born": born, "start": start, "unit": rng.choice(UNITS)[0],
            "renewals": rng.choice((0, 0, 1, 1, 2, 3)), "samordning": rng.random() < 0.03,
            "test": rng.random() < 0.02}


def _personnummer(born: date, rng: random.Random, samordning: bool) -> str:
    day = born.day + (60 if samordning else 0)
    head = f"{born:%y%m}{day:02d}{rng.randint(0, 999):03d}"
    digits = [int(c) for c in head]
    total = sum(sum(divmod(d * (2 if i % 2 == 0 else 1), 10)) for i, d in enumerate(digits))
    return f"{born.year // 100}{head}{(10 - total % 10) % 10}"


def _content(rng: random.Random, first_day: date, today: date) -> dict[str, Any]:
    code, text = rng.choice(DIAGNOSES)
    degree = rng.choice(DEGREES)
    last = first_day + timedelta(days=rng.choice((6, 13, 13, 20, 27, 29)))
    content: dict[str, Any] = {
        "grundForMU": [{"typ": "UNDERSOKNING", "datum": today.isoformat()}],
        "sysselsattning": ["NUVARANDE_ARBETE"], "nuvarandeArbete": "Kontorsarbete",
        "diagnoser": [{"kod": code, "beskrivning": text}],
        "funktionsnedsattning": "Nedsatt ork och koncentration",
        "aktivitetsbegransning": "Klarar inte sina arbetsuppgifter fullt ut",
        "sjukskrivningar": [{"sjukskrivningsgrad": degree,
                             "period": {"from": first_day.isoformat(), "tom": last.isoformat()}}],
        "prognos": {"typ": "STOR_SANNOLIKHET"}, "arbetslivsinriktadeAtgarder": ["EJ_AKTUELLT"],
    }
    if degree != "HELT_NEDSATT":
        content["arbetstidsforlaggning"] = False
    return content


def _seed_patient(app: Certificates, clock: _DemoClock, rng: random.Random,
                  plan: dict[str, Any], staff: dict[str, tuple[CareUnit, list[Staff]]],
                  counts: dict[str, int]) -> None:
    unit, doctors = staff[plan["unit"]]
    doctor = rng.choice(doctors)
    name = f"{rng.choice(PATIENT_NAMES)} {rng.choice(SURNAMES)}"
    patient = Patient(personnummer=_personnummer(plan["born"], rng, plan["samordning"]),
                      name=name, test_indicated=plan["test"])
    clock.now = plan["start"]
    content = _content(rng, clock.now.date(), clock.now.date())
    cert = app.create_draft(type_id="lisjp", patient=patient, care_unit=unit, author=doctor,
                            content=content).id
    counts["certificates"] += 1
    if rng.random() < 0.04:
        counts["drafts"] += 1
        return
    _sign_and_send(app, cert, doctor, patient, counts)
    for _ in range(plan["renewals"]):
        cert = _renew(app, clock, rng, cert, doctor, patient, counts)
    _finish(app, rng, cert, doctor, counts)


def _sign_and_send(app: Certificates, cert: Any, doctor: Staff, patient: Patient,
                   counts: dict[str, int]) -> None:
    app.sign_certificate(cert, based_on_version=app.get(cert).version, by=doctor)
    counts["signed"] += 1
    if not patient.test_indicated:
        app.send_certificate(cert, recipient="FKASSA", by=doctor.hsa_id)
        counts["sent"] += 1


def _renew(app: Certificates, clock: _DemoClock, rng: random.Random, parent: Any,
           doctor: Staff, patient: Patient, counts: dict[str, int]) -> Any:
    periods = app.get(parent).content["sjukskrivningar"]
    relation_end = date.fromisoformat(periods[-1]["period"]["tom"])
    clock.now = datetime.combine(relation_end - timedelta(days=2), clock.now.timetz())
    child = app.renew_certificate(parent, by=doctor).id
    fresh = _content(rng, relation_end + timedelta(days=1), clock.now.date())
    kept = app.get(child).content
    content = {**kept, **{k: fresh[k] for k in ("grundForMU", "sjukskrivningar", "prognos")}}
    if "arbetstidsforlaggning" in fresh:
        content["arbetstidsforlaggning"] = False
    app.edit_draft(child, based_on_version=1, content=content, by=doctor)
    counts["renewals"] += 1
    counts["certificates"] += 1
    _sign_and_send(app, child, doctor, patient, counts)
    return child


def _finish(app: Certificates, rng: random.Random, cert: Any, doctor: Staff,
            counts: dict[str, int]) -> None:
    roll = rng.random()
    if roll < 0.05:
        reason = rng.choice(tuple(RevocationReason))
        app.revoke_certificate(cert, reason=reason, text="Makulerat i demo", by=doctor)
        counts["revoked"] += 1
    elif roll < 0.10:
        child = app.replace_certificate(cert, by=doctor).id
        app.sign_certificate(child, based_on_version=1, by=doctor)
        counts["replaced"] += 1
        counts["certificates"] += 1
        counts["signed"] += 1
    elif roll < 0.15:
        app.create_ag7804_from_lisjp(cert, include_diagnosis=rng.random() < 0.5, by=doctor)
        counts["ag7804"] += 1
        counts["certificates"] += 1
