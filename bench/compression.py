"""Kafka compression codecs measured on the certificates topic's own records: for each codec,
the same records produced with the relay's batching (acks=all, linger 20 ms, 512 KiB batches),
then consumed from offset 0 with kafka-python (``crc32c`` installed) and JSON-decoded, as the
views read them. Prints per codec the size of the values' batches compressed (what the broker
keeps), the produce rate and the consume rate, each beside the uncompressed figure measured in
the same run, and the ratio.
Needs PostgreSQL and the broker.
Run: ``.venv/bin/python bench/compression.py --certificates 20000``.
"""

from __future__ import annotations

import argparse
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from kafka import KafkaConsumer, KafkaProducer, TopicPartition, codec
from kafka.admin import KafkaAdminClient, NewTopic

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.projections import produce, raw_consume
from bench.support import bench_settings, native_crc
from commands.settings import Settings
from streams.topics import certificates_topic

CODECS = (None, "gzip", "lz4", "zstd")
AVAILABLE = {"gzip": codec.has_gzip, "lz4": codec.has_lz4, "zstd": codec.has_zstd}
ENCODE = {"gzip": codec.gzip_encode, "lz4": codec.lz4_encode, "zstd": codec.zstd_encode}
BATCH = 512 * 1024


def batch_bytes(records: list[Any], kind: str | None) -> int:
    """The records' values as the producer's batches would hold them (per partition, 512 KiB
    at a time), compressed with ``kind``: the bytes the broker keeps and sends, but headers."""
    total = 0
    for part in sorted({r[3] for r in records}):
        values = b"".join(r[1] for r in records if r[3] == part)
        for start in range(0, len(values), BATCH):
            chunk = values[start:start + BATCH]
            total += len(ENCODE[kind](chunk)) if kind else len(chunk)
    return total


def records_of(settings: Settings) -> list[Any]:
    """Every record of the run's certificates topic (key, value, headers, partition)."""
    topic = certificates_topic(settings)
    consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap_servers,
                             enable_auto_commit=False, fetch_max_bytes=64 * 1024 * 1024)
    parts = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic))]
    consumer.assign(parts)
    consumer.seek_to_beginning(*parts)
    end = consumer.end_offsets(parts)
    found = []
    while any(consumer.position(tp) < end[tp] for tp in parts):
        for batch in consumer.poll(timeout_ms=1000).values():
            found += [(r.key, r.value, r.headers, r.partition) for r in batch]
    consumer.close()
    return found


def produced(settings: Settings, records: list[Any], kind: str | None) -> tuple[str, float]:
    """The records produced to a new topic compressed with ``kind``; its name and the seconds
    taken."""
    topic = f"{settings.kafka_topic_prefix}codec-{kind or 'none'}-{uuid.uuid4().hex[:6]}"
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap_servers)
    partitions = 1 + max(r[3] for r in records)
    admin.create_topics([NewTopic(topic, num_partitions=partitions, replication_factor=1)])
    admin.close()
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers, acks="all",
                             linger_ms=20, batch_size=512 * 1024, compression_type=kind)
    started = time.perf_counter()
    for key, value, headers, partition in records:
        producer.send(topic, key=key, value=value, headers=headers, partition=partition)
    producer.flush(timeout=300)
    seconds = time.perf_counter() - started
    producer.close()
    return topic, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--certificates", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7804)
    args = parser.parse_args()
    with bench_settings() as settings:
        events, _ = produce(settings, args.certificates, args.seed)
        records = records_of(settings)
        print(f"data set: {args.certificates} certificates, {events} events; kafka-python "
              f"checks CRC-32C with the crc32c package (C): {native_crc()}")
        baseline: tuple[float, float, int] | None = None
        for kind in CODECS:
            if kind and not AVAILABLE[kind]():
                print(f"{kind:>5}: its Python library is not installed, not measured")
                continue
            topic, produce_s = produced(settings, records, kind)
            count, consume_s, _ = raw_consume(settings, topic)
            fetched = batch_bytes(records, kind)
            figures = (len(records) / produce_s, count / consume_s, fetched)
            baseline = baseline or figures
            print(f"{kind or 'none':>5}: batches {fetched / 1e6:7.1f} MB "
                  f"(ratio {fetched / baseline[2]:.2f}); produce {figures[0]:8.0f} events/s "
                  f"(none {baseline[0]:8.0f}, ratio {figures[0] / baseline[0]:.2f}); "
                  f"consume {figures[1]:8.0f} events/s (none {baseline[1]:8.0f}, "
                  f"ratio {figures[1] / baseline[1]:.2f})")
    print(f"command: {' '.join(sys.argv)}")


if __name__ == "__main__":
    main()
