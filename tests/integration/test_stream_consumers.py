"""Consumers and crashes (ARCHITECTURE.md invariants 3, 6 and 7) on the real broker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import pytest
from kafka import KafkaProducer

from commands.certificates import Certificates
from commands.history import certificate_story
from commands.settings import Settings
from streams.consumer import KafkaFeed, feed_from_log, positions, prepare
from streams.database import Database
from streams.relay import Relay
from streams.replay import replay_certificate, replay_topic
from streams.status_view import CertificateStatusView
from streams.topics import certificates_topic, dead_letter_topic
from tests.factories.contract_check import check_dead_letter
from tests.flows import issue_lifecycles
from tests.integration.kafka_support import (
    certificates_of,
    cli_env,
    end_offsets,
    headers_of,
    published_events,
    read_topic,
)
from tests.ports import free_port

pytestmark = pytest.mark.kafka
ROOT = Path(__file__).parents[2]
Broker = tuple[Settings, Callable[[str], None]]  # its settings, and kafka.sh for it


def view_rows(db: Database, view: CertificateStatusView) -> list[tuple[object, ...]]:
    with db.transaction() as tx:
        return view.rows(tx)


def status_view(settings: Settings, role: str) -> CertificateStatusView:
    """A view (and consumer group) of this test's own: groups are shared broker-wide, and a
    group shared with another run would rebalance with its members."""
    return CertificateStatusView(f"{role}-{settings.kafka_topic_prefix[:-1]}")


def expected_rows(app: Certificates, db: Database, settings: Settings
                  ) -> list[tuple[object, ...]]:
    """The same read model built straight from the store, without Kafka."""
    view = status_view(settings, "expected")
    prepare(db, view)
    while feed_from_log(app, db, view):
        pass
    return view_rows(db, view)


def applied_to_end(settings: Settings, db: Database, name: str) -> Callable[[], bool]:
    """True once the consumer's stored positions reach the topic's current end offsets."""
    ends = end_offsets(settings)

    def done() -> bool:
        stored = positions(db, name, certificates_topic(settings))
        return all(stored.get(p, -1) >= end - 1 for p, end in ends.items() if end)

    return done


def poll_to_end(feed: KafkaFeed, settings: Settings, db: Database, seconds: float = 60) -> None:
    """Poll until the feed applied everything on the topic now."""
    done = applied_to_end(settings, db, feed.handler.name)
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, "consumer did not reach the end of the topic"
        feed.poll_once()


def consume_all(settings: Settings, db: Database, view: CertificateStatusView) -> KafkaFeed:
    feed = KafkaFeed(settings, db, view)
    poll_to_end(feed, settings, db)
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
    view = status_view(settings, "status")
    feed = consume_all(settings, db, view)
    feed.close()
    assert feed.dead_letters == 2
    dead = read_topic(settings, dead_letter_topic(settings))
    assert [r.value for r in dead] == [b"{not json", b'{"event": "Nope"}']
    origin = headers_of(dead[0])
    assert origin["dlt_topic"] == certificates_topic(settings)
    assert origin["dlt_partition"] == "0" and origin["dlt_offset"].isdigit()
    for record in dead:  # as the published contract (docs/consumers.md) describes them
        check_dead_letter(record)
    assert view_rows(db, view) == expected_rows(app, db, settings)


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
    view = status_view(settings, "status")
    consume_all(settings, db, view).close()
    assert view_rows(db, view) == expected_rows(app, db, settings)


@pytest.fixture
def intyg(settings: Settings) -> Iterator[Callable[..., subprocess.Popen[bytes]]]:
    """Starts ``intyg ARGS`` as its own process in production mode against this test's schema
    and topics; whatever still runs when the test ends is killed."""
    started: list[subprocess.Popen[bytes]] = []

    def start(*args: str) -> subprocess.Popen[bytes]:
        process = subprocess.Popen([sys.executable, "-m", "api.cli.main", *args], cwd=ROOT,
                                   env={**cli_env(settings), "INTYG_LOG_FORMAT": "json"},
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


def stop_cleanly(process: subprocess.Popen[bytes]) -> int:
    process.send_signal(signal.SIGTERM)
    return process.wait(timeout=20)


def wait_for(condition, seconds: float = 60) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_nothing_is_lost_when_the_relay_is_killed_mid_stream(settings, app, intyg):
    """And (Hardening item 10) what a kill inside the send-then-record window sent twice
    reaches no auditor twice: the topic replays each event once, and every certificate's
    replay equals its history."""
    db = Database(settings)
    relay = Relay(app, settings, db)
    issue_lifecycles(app, 10)
    process = intyg("relay")
    wait_for(lambda: relay.position() > 0)
    issue_lifecycles(app, 10)  # while the relay publishes
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    killed_at = relay.position()
    issue_lifecycles(app, 10)
    process = intyg("relay")
    total = app.recorder.max_notification_id() or 0
    wait_for(lambda: relay.position() == total)
    assert stop_cleanly(process) == 0
    assert 0 < killed_at < total
    records = read_topic(settings)
    keys = {(r.key, r.value) for r in records}
    events = {headers_of(r)["ce_id"] for r in records}
    assert len(events) == published_events(app)
    assert len(keys) == len(events)  # a re-sent event is byte-identical to the first copy
    view = status_view(settings, "status")
    prepare(db, view)  # the process does it too; here so the wait can read positions at once
    consumer = intyg("consume", "--name", view.name)
    wait_for(applied_to_end(settings, db, view.name))
    assert stop_cleanly(consumer) == 0
    assert view_rows(db, view) == expected_rows(app, db, settings)
    assert len(list(replay_topic(settings))) == published_events(app)
    for cert in certificates_of(app):
        assert replay_certificate(settings, cert) == certificate_story(app, cert), cert


@pytest.fixture
def own_broker(settings: Settings, tmp_path: Path) -> Iterator[Broker]:
    """A broker of this test's own (own data, own ports): stopping it leaves the shared one,
    and every other test and concurrent run using it, alone. Its ports are free when chosen and
    lie below the ephemeral range, so no outgoing connection takes one; a process binding the
    same port by number (another test's server, on the suite's other worker) still may before
    the broker does, so a start that fails is tried again on new ports, twice at most."""
    for attempt in range(3):
        port, controller = free_port(), free_port()
        env = {**os.environ, "PYTHON": sys.executable, "INTYG_KAFKA_PORT": str(port),
               "INTYG_KAFKA_DATA": str(tmp_path / f"kafka-{attempt}"),
               "INTYG_KAFKA_CONTROLLER_PORT": str(controller),
               # a few partitions only; a loaded machine may start it slowly
               "INTYG_KAFKA_HEAP_OPTS": "-Xms256m -Xmx512m", "INTYG_KAFKA_START_TIMEOUT": "240"}
        kafka = partial(_kafka_sh, env)
        started = kafka("start")
        if started.returncode == 0 and port != controller:
            break
        kafka("stop")
    assert started.returncode == 0, f"kafka.sh start: {started.stderr.decode()[-3000:]}"

    def control(action: str) -> None:
        done = kafka(action)
        assert done.returncode == 0, f"kafka.sh {action}: {done.stderr.decode()[-3000:]}"

    try:
        yield settings.model_copy(update={"kafka_bootstrap_servers": f"127.0.0.1:{port}"}), \
            control
    finally:
        kafka("stop")


def _kafka_sh(env: dict[str, str], action: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(ROOT / "scripts" / "kafka.sh"), action], env=env,
                          capture_output=True, timeout=300, check=False)


def test_relay_catches_up_when_the_broker_comes_back(own_broker, app):
    settings, kafka = own_broker
    relay = Relay(app, settings, Database(settings))
    issue_lifecycles(app, 3)
    relay.run_until_caught_up()
    stop = threading.Event()
    thread = threading.Thread(target=relay.run, args=(stop,), daemon=True)
    thread.start()
    kafka("stop")
    try:
        issue_lifecycles(app, 5)  # commands succeed with the broker away
        assert relay.position() < (app.recorder.max_notification_id() or 0)
    finally:
        kafka("start")
    total = app.recorder.max_notification_id() or 0
    wait_for(lambda: relay.position() == total, seconds=40)
    stop.set()
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert len({headers_of(r)["ce_id"] for r in read_topic(settings)}) == published_events(app)


def test_a_view_reads_on_at_once_when_a_stalled_process_of_it_still_holds_the_topic(
        settings, app):
    """Hardening item 9: a feed takes every partition by hand, in no consumer group, so a
    process of the same view that stopped polling (hung, or killed without leaving) holds
    nothing up: before, its group waited for it to rejoin or time out."""
    issue_lifecycles(app, 2)
    Relay(app, settings, Database(settings)).run_until_caught_up()
    db = Database(settings)
    view = status_view(settings, "status")
    stalled = KafkaFeed(settings, db, view)
    stalled.poll_once()  # reads, then never polls again
    try:
        started = time.monotonic()
        consume_all(settings, db, view).close()
        assert time.monotonic() - started < 10
        assert view_rows(db, view) == expected_rows(app, db, settings)
    finally:
        stalled.close()


def test_a_view_reads_the_topic_once_it_is_created_when_it_started_first(settings, app):
    """Hardening item 9: with partitions assigned by hand a feed must find them itself; a view
    started before the relay created the topic waits for it, then reads it from the start."""
    db = Database(settings)
    view = status_view(settings, "status")
    feed = KafkaFeed(settings, db, view)
    try:
        assert feed.poll_once() == 0
        issue_lifecycles(app, 2)
        Relay(app, settings, Database(settings)).run_until_caught_up()
        poll_to_end(feed, settings, db, seconds=30)
    finally:
        feed.close()
    assert view_rows(db, view) == expected_rows(app, db, settings)


def test_a_view_reads_a_partition_added_to_the_topic_from_its_beginning(settings, app):
    """Hardening item 9: a feed with partitions assigned by hand watches the topic's partition
    count, so a partition added while it runs is read too (from offset 0), not left behind."""
    from kafka.admin import KafkaAdminClient

    issue_lifecycles(app, 3)
    Relay(app, settings, Database(settings)).run_until_caught_up()
    db = Database(settings)
    view = status_view(settings, "status")
    feed = KafkaFeed(settings, db, view, metadata_max_age_ms=500)
    try:
        poll_to_end(feed, settings, db)
        admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap_servers)
        admin.create_partitions({certificates_topic(settings): 4})
        admin.close()
        for _ in range(20):  # until a new key hashes to the new partition
            issue_lifecycles(app, 2)
            Relay(app, settings, Database(settings)).run_until_caught_up()
            if end_offsets(settings).get(3):
                break
        poll_to_end(feed, settings, db, seconds=30)
    finally:
        feed.close()
    assert 3 in positions(db, view.name, certificates_topic(settings))
    assert view_rows(db, view) == expected_rows(app, db, settings)
