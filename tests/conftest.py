"""Fixtures shared by every tier. The application fixture runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import base64
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from tests.factories import FakeClock

TEST_CIPHER_KEY = base64.b64encode(b"k" * 32).decode()


def postgres_wanted() -> bool:
    return os.environ.get("INTYG_TEST_POSTGRES") == "1"


@pytest.fixture(scope="session")
def postgres_schema() -> Iterator[str]:
    """A fresh schema per test run, dropped afterwards, so runs never see each other's rows."""
    if not postgres_wanted():
        pytest.skip("PostgreSQL tests run through scripts/test.sh (INTYG_TEST_POSTGRES=1)")
    import psycopg

    schema = f"test_{uuid.uuid4().hex[:12]}"
    settings = Settings(mode="embedded")
    dsn = (f"host={settings.postgres_host} port={settings.postgres_port} "
           f"dbname={settings.postgres_db} user={settings.postgres_user} "
           f"password={settings.postgres_password.get_secret_value()}")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield schema
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


def production_settings(schema: str) -> Settings:
    return Settings(mode="production", cipher_key=TEST_CIPHER_KEY, postgres_schema=schema,
                    jwt_secret="a-test-secret-that-is-long-enough-for-hs256",
                    relay_in_serve=False,  # the Kafka tests start relays on their own topics
                    projections_in_serve=False)  # the projection tests start their own


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(params=["sqlite", "postgres"])
def store_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    if request.param == "sqlite":
        return Settings(mode="embedded", data_dir=tmp_path, projections_in_serve=False)
    schema: str = request.getfixturevalue("postgres_schema")
    return production_settings(schema)


@pytest.fixture
def certificates(store_settings: Settings, clock: FakeClock) -> Iterator[Certificates]:
    app = Certificates(eventsourcing_env(store_settings), clock=clock)
    yield app
    app.close()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    from tests.fuzz.tally import added_up

    total = added_up()
    if total.cases:
        terminalreporter.write_line(total.summary())
