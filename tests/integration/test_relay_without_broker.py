"""The relay's own rules against a recording fake producer and the SQLite store: no broker needed.
(The same rules against the real broker: test_stream_relay.py and test_stream_consumers.py.)"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from kafka.errors import KafkaTimeoutError

from commands.certificates import Certificates
from commands.history import history
from commands.settings import Settings, eventsourcing_env
from domain.access.entry import patient_index
from streams.consumer import prepare, run_from_log
from streams.database import Database
from streams.relay import Relay, event_id
from streams.status_view import CertificateStatusView
from streams.topics import access_log_topic, partition_for
from tests.factories import FakeClock, care_unit, staff_at
from tests.factories.streams import RecordingProducer, on_main_topic
from tests.flows import doctor_reads_a_certificate, sent


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(mode="embedded", data_dir=tmp_path)


@pytest.fixture
def app(settings: Settings) -> Iterator[Certificates]:
    app = Certificates(eventsourcing_env(settings), clock=FakeClock())
    yield app
    app.close()


def lifecycles(app: Certificates, count: int) -> list[Any]:
    unit = care_unit()
    doctor = staff_at(unit)
    return [sent(app, unit, doctor) for _ in range(count)]


def test_each_event_carries_key_headers_and_partition_when_published(settings, app):
    certs = lifecycles(app, 3)
    producer = RecordingProducer()
    Relay(app, settings, Database(settings), lambda: producer).run_until_caught_up()
    assert len(on_main_topic(settings, producer)) == sum(len(history(app, c)) for c in certs)
    for message in producer.acked:
        cert_id, version = message.key.decode(), int(message.headers["aggregate_version"])
        assert message.headers["ce_id"] == event_id(cert_id, version)
        assert message.headers["ce_subject"] == cert_id
        assert message.headers["ce_specversion"] == "1.0"
        assert message.partition == partition_for(message.key, settings.kafka_partitions)


def test_position_stays_when_the_broker_does_not_acknowledge(settings, app):
    lifecycles(app, 2)
    db = Database(settings)
    away = RecordingProducer(refuse=True)
    relay = Relay(app, settings, db, lambda: away)
    with pytest.raises(KafkaTimeoutError):
        relay.publish_batch()
    assert relay.position() == 0
    back = RecordingProducer()
    Relay(app, settings, db, lambda: back).run_until_caught_up()
    assert relay.position() == app.recorder.max_notification_id()
    main = on_main_topic(settings, back)
    assert len({m.headers["ce_id"] for m in main}) == len(main)


def test_event_ids_are_the_same_when_published_again(settings, app):
    lifecycles(app, 2)
    first, second = RecordingProducer(), RecordingProducer()
    Relay(app, settings, Database(settings), lambda: first).run_until_caught_up()
    other_topic = settings.model_copy(update={"kafka_topic_prefix": "again."})
    Relay(app, other_topic, Database(other_topic), lambda: second).run_until_caught_up()
    assert [m.headers for m in first.acked] == [m.headers for m in second.acked]
    assert [m.value for m in first.acked] == [m.value for m in second.acked]


def test_run_retries_and_catches_up_when_the_broker_returns(settings, app):
    lifecycles(app, 2)
    producer = RecordingProducer(refuse=True)
    relay = Relay(app, settings, Database(settings), lambda: producer)
    stop = threading.Event()
    thread = threading.Thread(target=relay.run, args=(stop, 0.01), daemon=True)
    thread.start()
    try:
        assert relay.position() == 0
        producer.refuse = False
        target = app.recorder.max_notification_id()
        _wait(lambda: relay.position() == target)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()


def test_embedded_consumer_follows_the_log_when_run_until_stopped(settings, app):
    certs = lifecycles(app, 3)
    db, view = Database(settings), CertificateStatusView("status-embedded")
    prepare(db, view)
    stop = threading.Event()
    thread = threading.Thread(target=run_from_log, args=(app, db, view, stop, 0.01), daemon=True)
    thread.start()
    target = app.recorder.max_notification_id()
    _wait(lambda: _log_position(db, view) == target)
    stop.set()
    thread.join(timeout=10)
    with db.transaction() as tx:
        rows = view.rows(tx)
    assert sorted(r[0] for r in rows) == sorted(str(c) for c in certs)
    assert {r[2] for r in rows} == {"SIGNED"}


def _log_position(db: Database, view: CertificateStatusView) -> int:
    from streams.consumer import positions

    return positions(db, view.name, "log").get(0, 0)


def _wait(condition: Any, seconds: float = 20) -> None:
    """Poll a position with a bounded deadline (never a fixed sleep)."""
    import time

    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        threading.Event().wait(0.02)


def test_run_retries_when_the_store_is_briefly_away(settings, app, monkeypatch):
    from eventsourcing.persistence import OperationalError

    lifecycles(app, 1)
    real, failures = app.recorder.select_notifications, [OperationalError("store away")]

    def flaky(*args: Any, **kwargs: Any) -> Any:
        if failures:
            raise failures.pop()
        return real(*args, **kwargs)

    monkeypatch.setattr(app.recorder, "select_notifications", flaky)
    producer = RecordingProducer()
    relay = Relay(app, settings, Database(settings), lambda: producer)
    stop = threading.Event()
    thread = threading.Thread(target=relay.run, args=(stop, 0.01), daemon=True)
    thread.start()
    try:
        _wait(lambda: relay.position() == app.recorder.max_notification_id())
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not failures
    assert len(on_main_topic(settings, producer)) == app.recorder.max_notification_id()


def test_run_stops_and_publishes_nothing_when_the_contract_drifted(settings, app, monkeypatch):
    from streams import relay as relay_module
    from streams.schemas import ContractDriftError

    lifecycles(app, 1)

    def drifted(line: dict[str, Any]) -> dict[str, Any]:
        raise ContractDriftError("DraftCreated has fields outside the contract: data.new")

    monkeypatch.setattr(relay_module, "to_wire", drifted)
    producer = RecordingProducer()
    relay = Relay(app, settings, Database(settings), lambda: producer)
    with pytest.raises(ContractDriftError):
        relay.run(threading.Event())
    assert relay.position() == 0 and producer.acked == []


def test_access_entries_go_to_the_access_log_topic_only_when_relayed(settings, app):
    """Issue 12 (PDL access log), ARCHITECTURE.md invariant 8: ids and a blind index on the
    wire, never a personnummer; access entries never on the certificates topic."""
    key = settings.patient_index_secret
    _, cert, who, first_entry = doctor_reads_a_certificate(app, key)
    second_entry = doctor_reads_a_certificate(app, key)[3]
    entries = [first_entry, second_entry]
    producer = RecordingProducer()
    Relay(app, settings, Database(settings), lambda: producer).run_until_caught_up()
    logged = [m for m in producer.acked if m.topic == access_log_topic(settings)]
    assert [m.key.decode() for m in logged] == [str(e) for e in entries]
    assert len(on_main_topic(settings, producer)) == len(history(app, cert)) * 2
    assert len(producer.acked) == len(logged) + len(history(app, cert)) * 2
    first = json.loads(logged[0].value)
    assert first["patients"] == [patient_index(who, key)]
    assert who.encode() not in logged[0].value
    assert logged[0].headers["ce_type"] == "se.intyg.access.PatientDataRead.v2"
    assert len({m.headers["ce_id"] for m in logged}) == 2


def test_an_event_is_encoded_once_when_it_also_goes_to_a_recipient_topic(settings, app):
    """Issue 16, relay: each event is encoded once; the copy of a sent certificate on its
    recipient's topic is the very bytes sent to the certificates topic, not a second encoding."""
    lifecycles(app, 2)
    producer = RecordingProducer()
    Relay(app, settings, Database(settings), lambda: producer).run_until_caught_up()
    main = {m.headers["ce_id"]: m.value for m in on_main_topic(settings, producer)}
    copies = [m for m in producer.acked if "recipient" in m.headers]
    assert copies
    for copy in copies:
        assert copy.value is main[copy.headers["ce_id"]]
