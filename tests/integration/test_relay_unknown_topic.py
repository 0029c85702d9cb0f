"""An event stored under a topic the registry does not know (a move without an alias, an event
never pinned) stops the relay and the embedded consumer loudly, just before it: nothing after it
is published, nothing is skipped. SQLite and a recording fake producer, no broker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from uuid import uuid4

import pytest
from eventsourcing.persistence import StoredEvent

from commands.certificates import Certificates
from commands.history import history
from commands.settings import Settings, eventsourcing_env
from streams.consumer import feed_from_log, positions, prepare
from streams.database import Database
from streams.published import UnknownStoredTopicError
from streams.relay import Relay
from streams.status_view import CertificateStatusView
from tests.factories import FakeClock, care_unit, staff_at
from tests.factories.streams import RecordingProducer, on_main_topic
from tests.flows import sent

UNKNOWN = "domain.moved_without_alias:Certificate.DraftCreated"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(mode="embedded", data_dir=tmp_path)


@pytest.fixture
def app(settings: Settings) -> Iterator[Certificates]:
    app = Certificates(eventsourcing_env(settings), clock=FakeClock())
    yield app
    app.close()


def store_unknown_between_lifecycles(app: Certificates) -> tuple[int, int]:
    """One sent certificate, an event under an unknown topic, another sent certificate.
    Returns the unknown event's log position and how many events came before it."""
    unit = care_unit()
    doctor = staff_at(unit)
    first = sent(app, unit, doctor)
    app.recorder.insert_events([StoredEvent(originator_id=uuid4(), originator_version=1,
                                            topic=UNKNOWN, state=b"{}")])
    position = app.recorder.max_notification_id() or 0
    sent(app, unit, doctor)
    return position, len(history(app, first))


def test_relay_stops_before_it_when_an_event_has_an_unknown_topic(settings, app):
    position, before = store_unknown_between_lifecycles(app)
    producer = RecordingProducer()
    relay = Relay(app, settings, Database(settings), lambda: producer)
    with pytest.raises(UnknownStoredTopicError) as raised:
        relay.run_until_caught_up(timeout=10)
    assert raised.value.notification_id == position and raised.value.topic == UNKNOWN
    assert relay.position() == position - 1
    assert len(on_main_topic(settings, producer)) == before


def test_relay_stays_stopped_when_restarted_on_an_unknown_topic(settings, app):
    position, _ = store_unknown_between_lifecycles(app)
    db = Database(settings)
    with pytest.raises(UnknownStoredTopicError):
        Relay(app, settings, db, RecordingProducer).run_until_caught_up(timeout=10)
    again = RecordingProducer()
    relay = Relay(app, settings, db, lambda: again)
    with pytest.raises(UnknownStoredTopicError):
        relay.publish_batch()
    assert relay.position() == position - 1
    assert again.acked == []


def test_log_consumer_stops_before_it_when_an_event_has_an_unknown_topic(settings, app):
    position, _ = store_unknown_between_lifecycles(app)
    db = Database(settings)
    view = CertificateStatusView()
    prepare(db, view)
    with pytest.raises(UnknownStoredTopicError):
        feed_from_log(app, db, view)
    assert positions(db, view.name, "log") == {0: position - 1}
    with pytest.raises(UnknownStoredTopicError):
        feed_from_log(app, db, view)
    assert positions(db, view.name, "log") == {0: position - 1}
