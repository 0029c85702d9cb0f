"""In production ``intyg serve`` runs the relay in a background thread (real broker)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.http.app import create_app
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from streams.database import Database
from streams.relay import Relay
from tests.factories import FakeClock, care_unit, staff_at
from tests.flows import sent
from tests.integration.kafka_support import kafka_settings, read_topic, value_of

pytestmark = pytest.mark.kafka


@pytest.fixture
def settings() -> Iterator[Settings]:
    with kafka_settings() as settings:
        yield settings.model_copy(update={"relay_in_serve": True})


def relay_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "relay" and t.is_alive()]


def test_events_reach_kafka_when_the_api_runs_in_production(settings):
    app = Certificates(eventsourcing_env(settings), clock=FakeClock())
    position = Relay(app, settings, Database(settings)).position  # reads the serving relay's
    with TestClient(create_app(settings, certificates_app=app)):
        unit = care_unit()
        cert = sent(app, unit, staff_at(unit))
        deadline = time.monotonic() + 30
        while position() < (app.recorder.max_notification_id() or 0):
            assert time.monotonic() < deadline, "the serve relay did not publish"
            threading.Event().wait(0.05)
    assert relay_threads() == []  # shutdown stops the relay before the store closes
    app.close()
    events = [value_of(r)["event"] for r in read_topic(settings) if r.key == str(cert).encode()]
    assert events == ["DraftCreated", "CertificateSigned", "CertificateSent"]
