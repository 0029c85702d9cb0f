"""Builders for the sick-leave case tests (DOMAIN.md §7): dates, periods, certificates, cases."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import uuid4

from stdnum import luhn

from domain.sickleave.engine import (
    CaseDiagnosis,
    SickLeaveCase,
    SickLeaveCertificate,
    SickLeavePeriod,
    SjukfallSettings,
)

YEAR = 2026
UNIT = "SE2321000016-E001"
OTHER_UNIT = "SE2321000016-E002"
CARE_GIVER = "SE2321000016-VG01"
DOCTOR = "SE2321000016-L001"
COLLEAGUE = "SE2321000016-L002"
DEFAULT = SjukfallSettings()


def personnummer(born: str, serial: str = "239") -> str:
    """A valid 12-digit personnummer born on ``born`` (YYYYMMDD); an odd third serial digit
    makes a man."""
    return born + serial + luhn.calc_check_digit(born[2:] + serial)


PATIENT = personnummer("19800310")  # a man, 46 on 10 March 2026
OTHER_PATIENT = personnummer("19900101", "242")  # a woman


def d(month: int, day: int, year: int = YEAR) -> date:
    return date(year, month, day)


def iso(text: str) -> date:
    """``"03-10"`` is 10 March of the test year."""
    month, day = text.split("-")
    return d(int(month), int(day))


def period(start: str, end: str, degree: int = 100) -> SickLeavePeriod:
    return SickLeavePeriod.model_validate({"degree": degree, "start": iso(start),
                                           "end": iso(end)})


def cert(start: str = "03-01", end: str = "03-10", degree: int = 100, *, signed: int = 0,
         **fields: Any) -> SickLeaveCertificate:
    """A signed lisjp with one period from ``start`` to ``end`` (``"MM-DD"``); ``signed`` is the
    signing hour on 1 January, so a higher number is signed later."""
    values: dict[str, Any] = {
        "certificate_id": f"cert-{uuid4().hex[:8]}", "certificate_type": "lisjp",
        "personnummer": PATIENT, "patient_name": "Tolvan Tolvansson", "sex": "M",
        "care_unit_id": UNIT, "care_giver_id": CARE_GIVER, "doctor_id": DOCTOR,
        "doctor_name": "Ajla Doktor", "signed_at": datetime(YEAR, 1, 1, tzinfo=UTC)
        + timedelta(hours=signed), "diagnosis_code": "F32.1",
        "periods": (period(start, end, degree),), "occupations": ("NUVARANDE_ARBETE",),
    }
    values.update(fields)
    return SickLeaveCertificate.model_validate(values)


_BASE_CASE = SickLeaveCase(
    personnummer=PATIENT, patient_name="Tolvan Tolvansson", sex="M", age=46,
    protected_identity=False, care_unit_id=UNIT, care_giver_id=CARE_GIVER,
    diagnosis=CaseDiagnosis.of("F321"), secondary_diagnoses=(), start=d(3, 1), end=d(3, 31),
    days=31, degrees=(100,), degree_today=100, doctor_id=DOCTOR, doctor_name="Ajla Doktor",
    occupations=("NUVARANDE_ARBETE",), days_until_end=16, open_komplt=0, open_other=0,
    certificate_ids=("cert-1",), active_certificate_id="cert-1", active=True,
)


def case(**changes: Any) -> SickLeaveCase:
    """A computed case (active 1-31 March, D 15 March) with the given fields changed."""
    return dataclasses.replace(_BASE_CASE, **changes)
