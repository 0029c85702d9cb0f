"""Replay for auditors: one certificate's full history from its partition, or a time or offset
range of the whole topic. Kafka keeps everything, so offset 0 is always the beginning."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from kafka import KafkaConsumer, TopicPartition

from commands.settings import Settings
from streams.schemas import as_history_line
from streams.topics import certificates_topic, partition_for


def _consumer(settings: Settings) -> KafkaConsumer:
    return KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap_servers,
                         enable_auto_commit=False, group_id=None, consumer_timeout_ms=1000)


def _read(consumer: KafkaConsumer, parts: list[TopicPartition],
          start: dict[TopicPartition, int], end: dict[TopicPartition, int],
          stall_seconds: float = 30.0) -> Iterator[Any]:
    """Records in [start, end) of each partition; gives up when the broker stops answering."""
    consumer.assign(parts)
    for tp in parts:
        consumer.seek(tp, start[tp])
    remaining = {tp for tp in parts if start[tp] < end[tp]}
    deadline = time.monotonic() + stall_seconds
    while remaining:
        if time.monotonic() > deadline:
            raise TimeoutError(f"no records from the broker for {stall_seconds} s")
        for tp, records in consumer.poll(timeout_ms=1000, max_records=1000).items():
            deadline = time.monotonic() + stall_seconds
            for record in records:
                if record.offset < end[tp]:
                    yield record
            if consumer.position(tp) >= end[tp]:
                remaining.discard(tp)


def replay_certificate(settings: Settings, certificate_id: UUID) -> Iterator[dict[str, Any]]:
    """Every event of one certificate, read only from the partition its key maps to."""
    key = str(certificate_id).encode()
    tp = TopicPartition(certificates_topic(settings),
                        partition_for(key, settings.kafka_partitions))
    consumer = _consumer(settings)
    try:
        end = consumer.end_offsets([tp])
        begin = consumer.beginning_offsets([tp])
        for record in _read(consumer, [tp], begin, end):
            if record.key == key:
                yield as_history_line(json.loads(record.value))
    finally:
        consumer.close()


def replay_topic(settings: Settings, *, since: datetime | None = None,
                 until: datetime | None = None, from_offset: int | None = None,
                 to_offset: int | None = None) -> Iterator[dict[str, Any]]:
    """The whole topic, partition by partition: events that happened in [since, until] (both
    optional, naive times are UTC), within offsets [from_offset, to_offset] of each partition."""
    since, until = _utc(since), _utc(until)
    topic = certificates_topic(settings)
    consumer = _consumer(settings)
    try:
        parts = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic))]
        start = consumer.beginning_offsets(parts)
        end = consumer.end_offsets(parts)
        if since is not None:
            start = _first_published_at_or_after(consumer, since, start, end)
        if from_offset is not None:
            start = {tp: max(start[tp], from_offset) for tp in parts}
        if to_offset is not None:
            end = {tp: min(end[tp], to_offset + 1) for tp in parts}
        for record in _read(consumer, parts, start, end):
            line = as_history_line(json.loads(record.value))
            at = datetime.fromisoformat(line["at"])
            if (since is None or at >= since) and (until is None or at <= until):
                yield line
    finally:
        consumer.close()


def _first_published_at_or_after(consumer: KafkaConsumer, since: datetime,
                                 start: dict[TopicPartition, int],
                                 end: dict[TopicPartition, int]) -> dict[TopicPartition, int]:
    """The relay publishes an event after it happened (record time >= event time), so nothing
    before the first record published at ``since`` can have happened at or after it."""
    found = consumer.offsets_for_times({tp: int(since.timestamp() * 1000) for tp in start})
    return {tp: max(start[tp], found[tp].offset) if found[tp] else end[tp] for tp in start}


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def print_lines(lines: Iterator[dict[str, Any]], total: int | None = None) -> int:
    """JSON lines to stdout; a progress counter on stderr only when it is a terminal."""
    count = 0
    show = sys.stderr.isatty()
    for count, line in enumerate(lines, start=1):
        print(json.dumps(line, ensure_ascii=False))
        if show and count % 100 == 0:
            print(f"\r{count}{'/' + str(total) if total else ''} events", end="",
                  file=sys.stderr)
    if show:
        print(f"\r{count} events", file=sys.stderr)
    return count
