"""Read models rebuilt from Kafka, each alone and all in one pass, against a raw kafka-python
consume of the same topic measured just before each figure (``crc32c`` installed: the CRC check
kafka-python makes is printed), figure, baseline and ratio on one line; and the
query latency of the Rehabstöd unit overview and of a national statistics report over the
rebuilt views. Needs PostgreSQL and the broker (scripts/postgres.sh, scripts/kafka.sh).

The data set: ``--certificates`` LISJP certificates (default 100,000) made by the real
Certificate aggregate in memory (draft, sign, mostly sent, some revoked), turned into wire
messages exactly as the relay publishes them (patient data sealed under per-patient data keys,
which the views open as they read), and produced to a topic of this run's own. Going
around the event store keeps the set-up to minutes; the views only ever read the topic.
Run: ``.venv/bin/python bench/projections.py --certificates 100000``.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
from kafka import KafkaConsumer, KafkaProducer, TopicPartition

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from api.http.routers.statistik import default_period
from bench.support import bench_settings, native_crc, sick_leave_events
from commands.certificates import Certificates
from commands.history import history_line
from commands.settings import Settings, eventsourcing_env
from domain.sickleave.engine import current_cases
from domain.sickleave.filters import SjukfallFilter, apply_filter
from domain.sickleave.model import SjukfallSettings
from domain.sickleave.scope import visible_to
from domain.statistics.facts import NATIONAL
from projections.registry import build_views
from projections.sick_leave_timelines import all_unit_timelines, unit_timelines
from projections.statistik.reports import report
from streams.collector import relaxed_collection
from streams.database import Database
from streams.rebuild import rebuild, rebuild_all
from streams.relay import event_id
from streams.schemas import ce_type, to_wire
from streams.sealing.keys import DataKeys
from streams.sealing.sealer import Sealer
from streams.sealing.view_seal import view_seal
from streams.topics import certificates_topic, ensure_topics, partition_for
from tests.factories import care_unit, patient, staff_at

TODAY = date(2026, 11, 28)
LANS = ["01", "03", "12", "14", "25"]


def certificate_events(rng: random.Random, unit: Any, doctor: Any, who: Any) -> list[Any]:
    """One certificate's events from the aggregate: drafted and signed on some day of the last
    18 months, usually sent to Försäkringskassan, now and then revoked."""
    signed = datetime.combine(TODAY - timedelta(days=rng.randint(0, 540)),
                              datetime.min.time(), UTC) + timedelta(hours=9)
    start = signed.date() - timedelta(days=rng.randint(0, 5))
    events, _ = sick_leave_events(rng, unit, doctor, who, signed, start, revoked_share=0.05)
    return events


def _never_asked(certificate_id: str) -> str:
    raise LookupError("each certificate's DraftCreated comes first and names its patient")


def produce(settings: Settings, count: int, seed: int) -> tuple[int, str]:
    """Make ``count`` certificates and publish their events as the relay does; returns the
    number of events and the largest care unit's HSA id."""
    rng = random.Random(seed)
    units = [care_unit(lan=LANS[i % len(LANS)]) for i in range(50)]
    doctors = [[staff_at(u) for _ in range(4)] for u in units]
    patients = [patient() for _ in range(max(count * 6 // 10, 1))]
    ensure_topics(settings)
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers, acks="all",
                             linger_ms=20, batch_size=512 * 1024, compression_type=None)
    sealer = Sealer(DataKeys(Database(settings, keep_idle=1), settings.master_key_bytes),
                    settings.patient_index_secret, _never_asked)
    topic, position, per_unit = certificates_topic(settings), 0, [0] * len(units)
    weights = [1 / (i + 1) ** 0.5 for i in range(len(units))]
    lines: list[dict[str, Any]] = []
    for n in range(count):
        u = rng.choices(range(len(units)), weights)[0]  # a few larger units, many small
        per_unit[u] += 1
        events = certificate_events(rng, units[u], rng.choice(doctors[u]),
                                    rng.choice(patients))
        lines += [history_line(event) for event in events]
        if len(lines) < 500 and n < count - 1:
            continue  # sealed a batch at a time, as the relay does
        values = sealer.seal_all([to_wire(line) for line in lines], datetime.now(UTC))
        for line, value in zip(lines, values, strict=True):
            position += 1
            key = line["id"].encode()
            headers = [("ce_specversion", b"1.0"),
                       ("ce_id", event_id(line["id"], line["version"]).encode()),
                       ("ce_type", ce_type(line["event"]).encode()),
                       ("ce_subject", key), ("ce_time", line["at"].encode()),
                       ("aggregate_version", str(line["version"]).encode()),
                       ("log_position", str(position).encode())]
            producer.send(topic, key=key, value=json.dumps(value).encode(),
                          headers=headers, partition=partition_for(key,
                                                                   settings.kafka_partitions))
        lines = []
        if n % 10_000 == 9_999:
            print(f"  produced {n + 1} certificates", file=sys.stderr)
    producer.flush(timeout=300)
    producer.close()
    return position, units[per_unit.index(max(per_unit))].hsa_id


def raw_consume(settings: Settings, topic: str | None = None) -> tuple[int, float, int]:
    """kafka-python reading the whole topic (the run's certificates topic unless named) from
    offset 0, decoding each value with orjson as the views' consumers do: events, seconds, and
    the bytes fetched."""
    topic = topic or certificates_topic(settings)
    consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap_servers,
                             enable_auto_commit=False, max_poll_records=2000,
                             fetch_max_bytes=64 * 1024 * 1024)
    parts = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic))]
    consumer.assign(parts)
    consumer.seek_to_beginning(*parts)
    end = consumer.end_offsets(parts)
    started, count = time.perf_counter(), 0
    while any(consumer.position(tp) < end[tp] for tp in parts):
        for batch in consumer.poll(timeout_ms=1000).values():
            for record in batch:
                orjson.loads(record.value)
                count += 1
    seconds = time.perf_counter() - started
    fetched = consumer.metrics().get("consumer-fetch-manager-metrics", {})
    consumer.close()
    return count, seconds, int(fetched.get("bytes-consumed-total", 0))


def raw_rate_now(settings: Settings) -> float:
    """The raw consume's rate measured now, beside the figure it is the baseline of, with the
    garbage collector relaxed as the rebuild relaxes it."""
    with relaxed_collection():
        events, seconds, _ = raw_consume(settings)
    return events / seconds


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.99) - 1] * 1000


def timed(action: Any, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--certificates", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=50, help="queries timed per figure")
    parser.add_argument("--seed", type=int, default=7804)
    args = parser.parse_args()
    with bench_settings() as settings:
        started = time.perf_counter()
        events, big_unit = produce(settings, args.certificates, args.seed)
        print(f"data set: {args.certificates} certificates, {events} events "
              f"(made and produced in {time.perf_counter() - started:.0f} s)")
        print(f"kafka-python checks CRC-32C with the crc32c package (C): {native_crc()}")
        app = Certificates(eventsourcing_env(settings))
        db = Database(settings, keep_idle=4)  # as the API's query side keeps them
        seal = view_seal(settings, db)
        views = build_views(settings, seal)
        for name, view in views.items():
            def drop(view: Any = view) -> None:
                with db.transaction() as tx:
                    view.drop(tx)

            raw_rate = raw_rate_now(settings)
            done = rebuild(settings, app, db, view, drop)
            print(f"rebuild {name:<12} from Kafka: {done.per_second:9.0f} events/s "
                  f"({done.events} events, {done.seconds:.1f} s); raw consume {raw_rate:9.0f} "
                  f"events/s; ratio {done.per_second / raw_rate:.2f}")
        raw_rate = raw_rate_now(settings)
        done = rebuild_all(settings, app, db, list(views.values()))
        print(f"rebuild all {len(views)} views in one pass: {done.per_second:9.0f} events/s "
              f"({done.events} events, {done.seconds:.1f} s); raw consume {raw_rate:9.0f} "
              f"events/s; ratio {done.per_second / raw_rate:.2f}")

        def overview() -> None:  # what GET /v1/rehabstod/units/{unit}/sjukfall does, cold
            with db.transaction() as tx:
                timelines = unit_timelines(tx, seal, big_unit, TODAY, 0)
                cases = current_cases(timelines, TODAY, SjukfallSettings())
            apply_filter(visible_to(cases, None), SjukfallFilter())

        with db.transaction() as tx:
            unit_size = sum(len(t.entries) for t in all_unit_timelines(tx, seal, big_unit))
            current = len(list(unit_timelines(tx, seal, big_unit, TODAY, 0)))
        p50, p99 = percentiles(timed(overview, args.repeat))
        print(f"Rehabstöd unit overview ({unit_size} counting certificates at the unit, "
              f"{current} patients who may have a current case): "
              f"p50 {p50:.1f} ms, p99 {p99:.1f} ms")
        period = default_period(TODAY)

        def national() -> None:  # what GET /v1/statistik/national/reports/... does
            with db.transaction() as tx:
                report(tx, "sjukfall-per-diagnoskapitel", NATIONAL, period)

        p50, p99 = percentiles(timed(national, args.repeat))
        print(f"national report sjukfall-per-diagnoskapitel (a query over the case rows): "
              f"p50 {p50:.1f} ms, p99 {p99:.1f} ms")
        app.close()
        db.close()
    print(f"command: {' '.join(sys.argv)}")


if __name__ == "__main__":
    main()
