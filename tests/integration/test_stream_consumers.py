"""Consumers and crashes (ARCHITECTURE.md invariants 3, 6 and 7) on the real broker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from kafka import KafkaProducer

from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from streams.consumer import KafkaFeed, feed_from_log, prepare
from streams.database import Database
from streams.relay import Relay
from streams.status_view import CertificateStatusView
from streams.topics import certificates_topic, dead_letter_topic
from tests.factories import FakeClock
from tests.integration.kafka_support import (
    headers_of,
    kafka_settings,
    published_events,
    read_topic,
)
from tests.integration.test_stream_relay import issue_lifecycles

pytestmark = pytest.mark.kafka
ROOT = Path(__file__).parents[2]


@pytest.fixture
def settings(postgres_schema: str) -> Settings:
    return kafka_settings(postgres_schema)


@pytest.fixture
def app(settings: Settings) -> Certificates:
    return Certificates(eventsourcing_env(settings), clock=FakeClock())


def view_rows(db: Database, view: CertificateStatusView) -> list[tuple[object, ...]]:
    with db.transaction() as tx:
        return view.rows(tx)


def expected_rows(app: Certificates, db: Database, name: str) -> list[tuple[object, ...]]:
    """The same read model built straight from the store, without Kafka."""
    view = CertificateStatusView(name)
    prepare(db, view)
    while feed_from_log(app, db, view):
        pass
    return view_rows(db, view)


def consume_all(settings: Settings, db: Database, view: CertificateStatusView) -> KafkaFeed:
    feed = KafkaFeed(settings, db, view)
    end = feed.consumer.end_offsets(feed.assigned)
    deadline = time.monotonic() + 60
    while any(feed.consumer.position(tp) < end[tp] for tp in feed.assigned):
        assert time.monotonic() < deadline
        feed.poll_once()
    return feed


def test_poison_message_goes_to_the_dead_letter_topic_when_consumed(settings, app):
    db = Database(settings)
    issue_lifecycles(app, 3)
    relay = Relay(app, settings, Database(settings))
    relay.run_until_caught_up()
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers)
    producer.send(certificates_topic(settings), key=b"poison", value=b"{not json",
                  partition=0).get(timeout=30)
    producer.send(certificates_topic(settings), key=b"poison", value=b'{"event": "Nope"}',
                  headers=[("ce_id", b"x")], partition=0).get(timeout=30)
    producer.close()
    issue_lifecycles(app, 2)
    relay.run_until_caught_up()
    view = CertificateStatusView(f"status-{settings.kafka_topic_prefix[:-1]}")
    feed = consume_all(settings, db, view)
    feed.close()
    assert feed.dead_letters == 2
    dead = read_topic(settings, dead_letter_topic(settings))
    assert [r.value for r in dead] == [b"{not json", b'{"event": "Nope"}']
    origin = headers_of(dead[0])
    assert origin["dlt_topic"] == certificates_topic(settings)
    assert origin["dlt_partition"] == "0" and origin["dlt_offset"].isdigit()
    assert view_rows(db, view) == expected_rows(app, db, "expected-a")


def test_duplicates_are_dropped_when_the_same_event_arrives_twice(settings, app):
    db = Database(settings)
    issue_lifecycles(app, 3)
    relay = Relay(app, settings, db)
    relay.run_until_caught_up()
    with db.transaction() as tx:  # forget the relay's position: everything is sent again
        tx.execute("DELETE FROM relay_position")
    relay.run_until_caught_up()
    records = read_topic(settings)
    assert len(records) == 2 * published_events(app)
    view = CertificateStatusView("status-dup")
    consume_all(settings, db, view).close()
    assert view_rows(db, view) == expected_rows(app, db, "expected-dup")


def relay_process(settings: Settings) -> subprocess.Popen[bytes]:
    env = {**os.environ, "INTYG_MODE": "production",
           "INTYG_CIPHER_KEY": settings.cipher_key.get_secret_value(),  # type: ignore[union-attr]
           "INTYG_JWT_SECRET": settings.jwt_secret.get_secret_value(),
           "INTYG_POSTGRES_SCHEMA": settings.postgres_schema,
           "INTYG_KAFKA_TOPIC_PREFIX": settings.kafka_topic_prefix, "INTYG_LOG_FORMAT": "json"}
    return subprocess.Popen([sys.executable, "-m", "api.cli", "relay"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_for(condition, seconds: float = 60) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_nothing_is_lost_when_the_relay_is_killed_mid_stream(settings, app):
    db = Database(settings)
    relay = Relay(app, settings, db)
    issue_lifecycles(app, 10)
    process = relay_process(settings)
    wait_for(lambda: relay.position() > 0)
    issue_lifecycles(app, 10)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    killed_at = relay.position()
    issue_lifecycles(app, 10)
    process = relay_process(settings)
    total = app.recorder.max_notification_id() or 0
    wait_for(lambda: relay.position() == total)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=20) == 0
    assert 0 < killed_at < total
    records = read_topic(settings)
    keys = {(r.key, r.value) for r in records}
    events = {headers_of(r)["ce_id"] for r in records}
    assert len(events) == published_events(app)
    assert len(keys) == len(events)  # a re-sent event is byte-identical to the first copy
    view = CertificateStatusView("status-kill")
    consume_all(settings, db, view).close()
    assert view_rows(db, view) == expected_rows(app, db, "expected-kill")


def test_relay_catches_up_when_the_broker_comes_back(settings, app):
    db = Database(settings)
    relay = Relay(app, settings, db)
    issue_lifecycles(app, 3)
    relay.run_until_caught_up()
    stop = threading.Event()
    thread = threading.Thread(target=relay.run, args=(stop,), daemon=True)
    thread.start()
    kafka = [str(ROOT / "scripts" / "kafka.sh")]
    env = {**os.environ, "PYTHON": sys.executable}
    subprocess.run([*kafka, "stop"], check=True, env=env, capture_output=True)
    try:
        issue_lifecycles(app, 5)  # commands succeed with the broker away
        assert relay.position() < (app.recorder.max_notification_id() or 0)
    finally:
        subprocess.run([*kafka, "start"], check=True, env=env, capture_output=True)
    total = app.recorder.max_notification_id() or 0
    wait_for(lambda: relay.position() == total, seconds=90)
    stop.set()
    thread.join(timeout=30)
    assert len({headers_of(r)["ce_id"] for r in read_topic(settings)}) == published_events(app)
