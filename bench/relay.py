"""Relay throughput (store -> acknowledged in Kafka) against a raw kafka-python producer sending
the same number of same-sized messages, and the end-to-end lag (command committed -> consumed)
under a steady load. Needs PostgreSQL and the broker (scripts/postgres.sh, scripts/kafka.sh).
Run: ``.venv/bin/python bench/relay.py --lifecycles 500 --rate 40 --seconds 10``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
import uuid
from pathlib import Path

from kafka import KafkaConsumer, KafkaProducer
from kafka.admin import KafkaAdminClient, NewTopic

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.support import bench_settings
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from streams.database import Database
from streams.relay import Relay, event_id
from streams.topics import certificates_topic
from tests.factories import FakeClock, care_unit, lisjp_content, patient, staff_at


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


def throughput(app: Certificates, settings: Settings, count: int) -> tuple[int, float, int]:
    unit = care_unit()
    doctor = staff_at(unit)
    for _ in range(count):
        lifecycle(app, unit, doctor)
    events = app.recorder.max_notification_id() or 0
    relay = Relay(app, settings, Database(settings))
    started = time.perf_counter()
    relay.run_until_caught_up(timeout=600)
    seconds = time.perf_counter() - started
    return events, seconds, _mean_value_size(settings)


def _mean_value_size(settings: Settings) -> int:
    consumer = KafkaConsumer(certificates_topic(settings), consumer_timeout_ms=3000,
                             auto_offset_reset="earliest",
                             bootstrap_servers=settings.kafka_bootstrap_servers)
    sizes = [len(r.value) for _, r in zip(range(500), consumer, strict=False)]
    consumer.close()
    return int(statistics.mean(sizes))


def raw_producer(settings: Settings, events: int, size: int) -> float:
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers, acks="all",
                             enable_idempotence=True, linger_ms=5)
    payload = os.urandom(size)
    topic = f"{settings.kafka_topic_prefix}raw.bench"
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap_servers)
    admin.create_topics([NewTopic(topic, settings.kafka_partitions, 1)])
    admin.close()
    started = time.perf_counter()
    futures = [producer.send(topic, key=str(uuid.uuid4()).encode(), value=payload)
               for _ in range(events)]
    producer.flush()
    for future in futures:
        future.get(timeout=30)
    seconds = time.perf_counter() - started
    producer.close()
    return seconds


def lag(app: Certificates, settings: Settings, rate: float, seconds: float) -> list[float]:
    consumed: dict[str, float] = {}
    stop = threading.Event()

    def consume() -> None:
        consumer = KafkaConsumer(certificates_topic(settings), auto_offset_reset="latest",
                                 bootstrap_servers=settings.kafka_bootstrap_servers,
                                 group_id=f"lag-{uuid.uuid4().hex}")
        while not stop.is_set():
            for records in consumer.poll(timeout_ms=100).values():
                now = time.perf_counter()
                for record in records:
                    consumed[dict(record.headers)["ce_id"].decode()] = now
        consumer.close()

    reader = threading.Thread(target=consume, daemon=True)
    reader.start()
    time.sleep(3)  # let the reader join its group before the load starts
    relay_stop = threading.Event()
    relay = threading.Thread(target=Relay(app, settings, Database(settings)).run,
                             args=(relay_stop, 0.005), daemon=True)
    relay.start()
    unit = care_unit()
    doctor = staff_at(unit)
    committed: list[tuple[str, int, float]] = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        tick = time.perf_counter()
        committed += lifecycle(app, unit, doctor)
        time.sleep(max(0.0, 4 / rate - (time.perf_counter() - tick)))
    wait_until = time.perf_counter() + 30
    ids = {event_id(i, v): t for i, v, t in committed}
    while len(set(ids) & set(consumed)) < len(ids) and time.perf_counter() < wait_until:
        time.sleep(0.05)
    stop.set()
    relay_stop.set()
    return [consumed[e] - t for e, t in ids.items() if e in consumed]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lifecycles", type=int, default=500)
    parser.add_argument("--rate", type=float, default=40.0, help="commands per second")
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    with bench_settings() as settings:
        app = Certificates(eventsourcing_env(settings), clock=FakeClock())
        events, relay_s, size = throughput(app, settings, args.lifecycles)
        raw_s = raw_producer(settings, events, size)
        lags = sorted(lag(app, settings, args.rate, args.seconds))
    print(f"events: {events} (mean value {size} bytes)")
    print(f"relay, store -> acked in Kafka: {events / relay_s:9.0f} events/s")
    print(f"raw kafka-python producer:      {events / raw_s:9.0f} messages/s")
    print(f"ratio relay / raw:              {raw_s / relay_s:9.2f}")
    p99 = lags[int(len(lags) * 0.99) - 1] if lags else float("nan")
    print(f"end-to-end lag at {args.rate:.0f} commands/s over {args.seconds:.0f} s "
          f"({len(lags)} events): p50 {statistics.median(lags) * 1000:.1f} ms, "
          f"p99 {p99 * 1000:.1f} ms")


if __name__ == "__main__":
    main()
