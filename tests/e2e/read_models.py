"""An embedded app with its read models running, for the query API tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi.testclient import TestClient

from api.http.app import create_app
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from domain.shared.care import Staff
from tests.e2e.conftest import token_for
from tests.factories import FakeClock, token_times


@contextmanager
def running(settings: Settings, clock: FakeClock) -> Iterator[tuple[TestClient, Certificates]]:
    app = Certificates(eventsourcing_env(settings), clock=clock)
    try:
        with TestClient(create_app(settings, certificates_app=app)) as client:
            yield client, app
    finally:
        app.close()


def embedded(tmp_path: Path) -> Settings:
    return Settings(mode="embedded", data_dir=tmp_path, projections_in_serve=True,
                    read_wait_seconds=10)


def bearer(settings: Settings, staff: Staff, clock: FakeClock) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_for(settings, staff, clock)}"}


def citizen_bearer(settings: Settings, personnummer: str, clock: FakeClock) -> dict[str, str]:
    import jwt

    claims = {"sub": personnummer, "role": "citizen", "iss": settings.jwt_issuer,
              **token_times()}
    token = jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm="HS256")
    return {"Authorization": f"Bearer {token}"}

