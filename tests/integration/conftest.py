"""Integration tier: the real stores (SQLite file and PostgreSQL)."""

from __future__ import annotations

import pytest

from domain.shared.care import CareUnit, Staff
from tests.factories import care_unit, staff_at


@pytest.fixture
def unit() -> CareUnit:
    return care_unit()


@pytest.fixture
def doctor(unit: CareUnit) -> Staff:
    return staff_at(unit)
