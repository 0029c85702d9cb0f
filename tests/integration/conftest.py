"""Integration tier: the real stores (SQLite file and PostgreSQL), and the real broker."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from domain.shared.care import CareUnit, Staff
from tests.factories import FakeClock, care_unit, staff_at
from tests.integration.kafka_support import kafka_settings


@pytest.fixture
def unit() -> CareUnit:
    return care_unit()


@pytest.fixture
def doctor(unit: CareUnit) -> Staff:
    return staff_at(unit)


@pytest.fixture
def settings() -> Iterator[Settings]:
    """Production settings with a schema and topics of this test's own (a module may
    define its own ``settings`` instead)."""
    with kafka_settings() as settings:
        yield settings


@pytest.fixture
def app(settings: Settings) -> Iterator[Certificates]:
    """The write side on those settings, with a fake clock."""
    app = Certificates(eventsourcing_env(settings), clock=FakeClock())
    yield app
    app.close()
