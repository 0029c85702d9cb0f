"""HTTP through the app: a TestClient over create_app, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import jwt
import pytest
from fastapi.testclient import TestClient

from api.http.app import create_app
from api.http.auth import attribute_claims
from commands.certificates import Certificates
from commands.settings import Settings
from domain.shared.care import CareUnit, Staff
from tests.factories import FakeClock, care_unit, staff_at, token_times


def token_for(settings: Settings, staff: Staff, clock: FakeClock) -> str:
    claims = {"sub": staff.hsa_id, "name": staff.name, "role": staff.role.value,
              "care_unit": staff.care_unit_hsa_id, "care_giver": staff.care_giver_hsa_id,
              "iss": settings.jwt_issuer, **token_times(), **attribute_claims(staff.attributes)}
    return jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm="HS256")


@pytest.fixture
def unit() -> CareUnit:
    return care_unit()


@pytest.fixture
def doctor(unit: CareUnit) -> Staff:
    return staff_at(unit)


@pytest.fixture
def client(store_settings: Settings, certificates: Certificates) -> Iterator[TestClient]:
    with TestClient(create_app(store_settings, certificates_app=certificates)) as test_client:
        yield test_client


@pytest.fixture
def auth(store_settings: Settings, doctor: Staff, clock: FakeClock) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_for(store_settings, doctor, clock)}"}


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Settings, FakeClock, TestClient, Certificates]]:
    """Settings, clock, HTTP client and application, with every read model running."""
    clock = FakeClock()
    from tests.e2e.read_models import embedded, running

    settings = embedded(tmp_path)
    with running(settings, clock) as (client, app):
        yield settings, clock, client, app
