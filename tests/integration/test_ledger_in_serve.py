"""The digest process inside ``intyg serve`` (INTYG_DIGEST_IN_SERVE): what is stored while
the app runs is recorded and signed at the interval, embedded and in production."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.http.app import create_app
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from domain.shared.care import CareUnit, Staff
from streams.database import Database
from streams.ledger.store import LedgerStore
from streams.ledger.verify import verify_store
from tests.factories import FakeClock
from tests.factories.ledger import PUBLIC_KEY, with_digest_key
from tests.flows import signed
from tests.integration.kafka_support import kafka_settings


@pytest.fixture(params=["sqlite", "postgres"])
def serve_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    every = {"digest_in_serve": True, "digest_interval_seconds": 0.2}
    if request.param == "sqlite":
        yield with_digest_key(Settings(mode="embedded", data_dir=tmp_path,
                                       projections_in_serve=False)).model_copy(update=every)
        return
    with kafka_settings() as settings:
        yield with_digest_key(settings).model_copy(update=every)


def test_serve_signs_what_was_stored_when_the_interval_passed(
        serve_settings: Settings, unit: CareUnit, doctor: Staff) -> None:
    app = Certificates(eventsourcing_env(serve_settings), clock=FakeClock())
    store = LedgerStore(Database(serve_settings))
    with TestClient(create_app(serve_settings, certificates_app=app)):
        signed(app, unit, doctor)
        head = app.recorder.max_notification_id()
        deadline = time.monotonic() + 30
        while (latest := store.latest_digest()) is None or latest["last_position"] < head:
            assert time.monotonic() < deadline, "no digest covered the store within 30 s"
            time.sleep(0.05)
    assert verify_store(app, store, PUBLIC_KEY).ok
    app.close()
