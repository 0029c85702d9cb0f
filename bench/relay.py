"""Relay throughput (store -> acknowledged in Kafka) against a raw kafka-python producer sending
the very messages the relay sent (same keys, values, headers, partitions) with the relay's own
producer settings (``streams.relay_producer``), in the same run; and the end-to-end lag (command
committed -> consumed) under a steady load, with the relay in a process of its own as
``intyg run`` runs it. Needs PostgreSQL and the broker (scripts/postgres.sh, scripts/kafka.sh).
Run: ``.venv/bin/python bench/relay.py --lifecycles 1000 --rate 300 --seconds 20``.
"""

from __future__ import annotations

import argparse
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import KafkaAdminClient, NewTopic

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.support import bench_settings
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from streams.collector import relaxed_collection
from streams.database import Database
from streams.relay import Relay, event_id
from streams.relay_producer import PRODUCER_SETTINGS
from streams.topics import certificates_topic
from tests.factories import FakeClock, care_unit, lisjp_content, patient, staff_at
from tests.integration.kafka_support import cli_env, read_topic

ROOT = Path(__file__).resolve().parents[1]


def lifecycle(app: Certificates, unit, doctor) -> list[tuple[str, int, float]]:  # type: ignore[no-untyped-def]
    """create, edit, sign, send; returns (id, version, committed at) per event."""
    done = []
    cert = app.create_draft(type_id="lisjp", patient=patient(), care_unit=unit, author=doctor,
                            content={}).id
    done.append((str(cert), 1, time.perf_counter()))
    app.edit_draft(cert, based_on_version=1, content=lisjp_content(app.clock().date()),
                   by=doctor)
    done.append((str(cert), 2, time.perf_counter()))
    app.sign_certificate(cert, based_on_version=2, by=doctor)
    done.append((str(cert), 3, time.perf_counter()))
    app.send_certificate(cert, recipient="FKASSA", by=doctor.hsa_id)
    done.append((str(cert), 4, time.perf_counter()))
    return done


def throughput(app: Certificates, settings: Settings, count: int) -> tuple[int, float]:
    """Events published to the certificates topic, and the relay's seconds to publish them
    (recipient copies and side topics included)."""
    unit = care_unit()
    doctor = staff_at(unit)
    for _ in range(count):
        lifecycle(app, unit, doctor)
    relay = Relay(app, settings, Database(settings, keep_idle=1))
    relay._ensure_producer()  # connected before the clock starts, as the raw producer is
    with relaxed_collection():  # as ``intyg relay`` runs it (streams/collector.py)
        started = time.perf_counter()
        relay.run_until_caught_up(timeout=600)
        seconds = time.perf_counter() - started
    return app.recorder.max_notification_id() or 0, seconds


def raw_producer(settings: Settings) -> tuple[int, float, int]:
    """The relay's messages (every topic it wrote) sent again by a bare producer with the
    relay's settings: how many, the seconds, their mean value size."""
    messages: list[tuple[str, Any]] = []
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap_servers)
    prefix = settings.kafka_topic_prefix
    for topic in sorted(t for t in admin.list_topics() if t.startswith(prefix)):
        messages += [(f"{topic}.raw", r) for r in read_topic(settings, topic)]
    admin.create_topics([NewTopic(t, 3, 1) for t in sorted({t for t, _ in messages})])
    admin.close()
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers,
                             **PRODUCER_SETTINGS)
    producer.send(messages[0][0], b"warm").get(timeout=30)
    with relaxed_collection():  # the collector as the relay had it
        started = time.perf_counter()
        futures = [producer.send(topic, key=r.key, value=r.value, headers=r.headers,
                                 partition=r.partition) for topic, r in messages]
        producer.flush()
        for future in futures:
            future.get(timeout=30)
        seconds = time.perf_counter() - started
    producer.close()
    return len(messages), seconds, int(statistics.mean(len(r.value) for _, r in messages))


def _consume(settings: Settings, consumed: dict[str, float], ready: threading.Event,
             stop: threading.Event) -> None:
    consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap_servers)
    topic = certificates_topic(settings)
    parts = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic))]
    consumer.assign(parts)
    consumer.seek_to_end(*parts)
    for tp in parts:
        consumer.position(tp)
    ready.set()
    while not stop.is_set():
        for records in consumer.poll(timeout_ms=50).values():
            now = time.perf_counter()
            for record in records:
                consumed[dict(record.headers)["ce_id"].decode()] = now
    consumer.close()


def _load(app: Certificates, rate: float, seconds: float, writers: int
          ) -> list[tuple[str, int, float]]:
    """``rate`` commands a second for ``seconds``, from ``writers`` threads."""
    committed: list[tuple[str, int, float]] = []
    deadline = time.perf_counter() + seconds

    def write() -> None:
        unit = care_unit()
        doctor = staff_at(unit)
        while (tick := time.perf_counter()) < deadline:
            committed.extend(lifecycle(app, unit, doctor))
            time.sleep(max(0.0, 4 * writers / rate - (time.perf_counter() - tick)))

    threads = [threading.Thread(target=write) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return committed


class RelayThread:
    """The relay in a thread of this process (as ``intyg serve`` runs it), stopped like the
    process: ``send_signal`` then ``wait``."""

    def __init__(self, app: Certificates, settings: Settings) -> None:
        self._stop = threading.Event()
        relay = Relay(app, settings, Database(settings, keep_idle=1))
        self._thread = threading.Thread(target=relay.run, args=(self._stop,))
        self._thread.start()

    def send_signal(self, _: int) -> None:
        self._stop.set()

    def wait(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)


def lag(app: Certificates, settings: Settings, rate: float, seconds: float,
        writers: int, in_thread: bool) -> tuple[list[float], float]:
    """Each event's lag, and the command rate reached."""
    consumed: dict[str, float] = {}
    ready, stop = threading.Event(), threading.Event()
    reader = threading.Thread(target=_consume, args=(settings, consumed, ready, stop))
    reader.start()
    ready.wait(30)
    relay = Relay(app, settings, Database(settings))
    relay_process: Any = RelayThread(app, settings) if in_thread else subprocess.Popen(
        [sys.executable, "-m", "api.cli.main", "relay"], cwd=ROOT,
        env={**cli_env(settings), "INTYG_LOG_FORMAT": "json"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        unit = care_unit()
        lifecycle(app, unit, staff_at(unit))  # one certificate first: the load starts once
        head = app.recorder.max_notification_id() or 0  # the relay is up and published it
        while relay.position() < head:
            time.sleep(0.05)
        started = time.perf_counter()
        committed = _load(app, rate, seconds, writers)
        reached = len(committed) / (time.perf_counter() - started)
        ids = {event_id(i, v): t for i, v, t in committed}
        wait_until = time.perf_counter() + 30
        while len(set(ids) & set(consumed)) < len(ids) and time.perf_counter() < wait_until:
            time.sleep(0.05)
    finally:
        relay_process.send_signal(signal.SIGTERM)
        relay_process.wait(timeout=60)
        stop.set()
        reader.join()
    return [consumed[e] - t for e, t in ids.items() if e in consumed], reached


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lifecycles", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=300.0, help="commands per second")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--writers", type=int, default=4, help="threads issuing commands")
    parser.add_argument("--relay-thread", action="store_true",
                        help="run the relay in a thread of the benchmark (as `intyg serve` "
                             "does) instead of its own process (as `intyg run` does)")
    args = parser.parse_args()
    with bench_settings() as settings:
        app = Certificates(eventsourcing_env(settings), clock=FakeClock())
        events, relay_s = throughput(app, settings, args.lifecycles)
        messages, raw_s, size = raw_producer(settings)
        lags, reached = lag(app, settings, args.rate, args.seconds, args.writers,
                            args.relay_thread)
        lags.sort()
    print(f"producer settings: {PRODUCER_SETTINGS}")
    print(f"events: {events}, messages on every topic: {messages} (mean value {size} bytes)")
    print(f"relay, store -> acked in Kafka: {messages / relay_s:9.0f} messages/s "
          f"({events / relay_s:.0f} events/s)")
    print(f"raw kafka-python producer:      {messages / raw_s:9.0f} messages/s")
    print(f"ratio relay / raw:              {raw_s / relay_s:9.2f}")
    p99 = lags[int(len(lags) * 0.99) - 1] if lags else float("nan")
    where = "a thread" if args.relay_thread else "its own process"
    p50 = statistics.median(lags) * 1000 if lags else float("nan")
    print(f"end-to-end lag, relay in {where}, at {reached:.0f} commands/s (asked "
          f"{args.rate:.0f}) over {args.seconds:.0f} s ({len(lags)} events): "
          f"p50 {p50:.1f} ms, p99 {p99 * 1000:.1f} ms")


if __name__ == "__main__":
    main()
