"""Builders for test data: staff, units, patients and LISJP content, with random ids.

More builders, by what they build: ``content`` (every type's minimal and maximal content),
``http`` (request bodies, certificates made over the API, recipient tokens), ``sickleave``
(sjukfall inputs) and ``statistics`` (statistics facts). Test modules import from here; no
module imports a test module (tests/unit/test_test_layout.py)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

from domain.shared.care import CareUnit, Role, Staff
from domain.shared.patient import Patient
from domain.shared.staff_attributes import StaffAttributes

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def token_times(hours: float = 1.0) -> dict[str, datetime]:
    """``iat`` and ``exp`` of a test token. Tokens are checked against the wall clock (and may
    live at most INTYG_JWT_MAX_LIFETIME_HOURS), whatever a test's FakeClock says."""
    issued = datetime.now(UTC)
    return {"iat": issued, "exp": issued + timedelta(hours=hours)}


def hsa(kind: str) -> str:
    return f"SE2321000016-{kind}{random.randint(100000, 999999)}"


def care_unit(lan: str = "01", **overrides: Any) -> CareUnit:
    fields: dict[str, Any] = {
        "hsa_id": hsa("E"), "care_giver_hsa_id": hsa("G"), "name": "Vårdcentralen Väst",
        "postal_address": "Storgatan 1", "postal_code": "111 22", "postal_town": "Stockholm",
        "phone": "08-123 45 67", "lan": lan,
    }
    fields.update(overrides)
    return CareUnit(**fields)


def staff_at(unit: CareUnit, role: Role = Role.DOCTOR,
             attributes: StaffAttributes | None = None) -> Staff:
    """A member of the unit's staff; with ``attributes`` the HSA sex, year of birth and title
    its token carries (``tests.e2e.conftest.token_for``)."""
    return Staff(hsa_id=hsa("P"), name="Ajla Doktor", role=role, care_unit_hsa_id=unit.hsa_id,
                 care_giver_hsa_id=unit.care_giver_hsa_id, attributes=attributes)


def personnummer(born: date | None = None) -> str:
    """A valid 12-digit personnummer with a random serial (Luhn over the 10-digit form)."""
    born = born or date(1960, 1, 1) + timedelta(days=random.randint(0, 15000))
    head = born.strftime("%y%m%d") + f"{random.randint(0, 999):03d}"
    digits = [int(c) for c in head]
    total = sum(sum(divmod(d * (2 if i % 2 == 0 else 1), 10)) for i, d in enumerate(digits))
    return born.strftime("%Y%m%d") + head[6:] + str((10 - total % 10) % 10)


def patient(**overrides: Any) -> Patient:
    fields: dict[str, Any] = {"personnummer": personnummer(), "name": "Tolvan Tolvansson"}
    fields.update(overrides)
    return Patient(**fields)


def lisjp_content(today: date, **overrides: Any) -> dict[str, Any]:
    """A complete LISJP: examined today, 50 % for two weeks, prognosis and measures set."""
    content: dict[str, Any] = {
        "grundForMU": [{"typ": "UNDERSOKNING", "datum": today.isoformat()}],
        "sysselsattning": ["NUVARANDE_ARBETE"],
        "nuvarandeArbete": "Undersköterska på äldreboende",
        "diagnoser": [{"kod": "M54.4", "beskrivning": "Lumbago med ischias"}],
        "funktionsnedsattning": "Smärta vid rörelse i ländryggen",
        "aktivitetsbegransning": "Kan inte lyfta eller stå länge",
        "sjukskrivningar": [{
            "sjukskrivningsgrad": "HALFTEN",
            "period": {"from": today.isoformat(), "tom": (today + timedelta(days=13)).isoformat()},
        }],
        "arbetstidsforlaggning": False,
        "prognos": {"typ": "STOR_SANNOLIKHET"},
        "arbetslivsinriktadeAtgarder": ["EJ_AKTUELLT"],
    }
    content.update(overrides)
    return content
