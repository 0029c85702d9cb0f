"""Builders for the statistics tests (DOMAIN.md §8): facts of certificates and messages, report
periods and scopes."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from domain.statistics.facts import (
    CertificateFact,
    MessageFact,
    ReportPeriod,
    Scope,
    ScopeLevel,
    SickLeavePeriod,
)

UNIT, OTHER_UNIT, GIVER = "SE2321000016-U1", "SE2321000016-U2", "SE2321000016-G1"
YEAR_2024 = ReportPeriod(first=date(2024, 1, 1), last=date(2024, 12, 31))
NATIONAL = Scope(level=ScopeLevel.NATIONAL)
REGION_01 = Scope(level=ScopeLevel.REGION, id="01")
UNIT_SCOPE = Scope(level=ScopeLevel.CARE_UNIT, id=UNIT)


def period(start: date, end: date, degree: int = 100) -> SickLeavePeriod:
    return SickLeavePeriod(degree=degree, start=start, end=end)


def certificate(*periods: SickLeavePeriod, **fields: Any) -> CertificateFact:
    """A signed lisjp for a new patient on UNIT in län 01, unless the fields say otherwise."""
    first = min((p.start for p in periods), default=date(2024, 3, 1))
    values: dict[str, Any] = {
        "certificate_id": uuid.uuid4().hex, "type_id": "lisjp", "patient": uuid.uuid4().hex,
        "sex": "F", "age": 40, "care_unit": UNIT, "care_giver": GIVER, "lan": "01",
        "doctor": "SE2321000016-D1", "doctor_age": 45, "signed": first, "periods": periods,
        "diagnosis": "F32",
    }
    return CertificateFact(**(values | fields))


def message(subject: str, sex: str = "F", **fields: Any) -> MessageFact:
    values: dict[str, Any] = {
        "message_id": uuid.uuid4().hex, "certificate_id": uuid.uuid4().hex, "subject": subject,
        "sent": date(2024, 5, 2), "care_unit": UNIT, "care_giver": GIVER, "lan": "01", "sex": sex,
    }
    return MessageFact(**(values | fields))
