"""Replay for auditors: one certificate's full history from its partition, or a time or offset
range of the whole topic. Kafka keeps everything, so offset 0 is always the beginning."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import datetime
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
          start: dict[TopicPartition, int], end: dict[TopicPartition, int]) -> Iterator[Any]:
    consumer.assign(parts)
    for tp in parts:
        consumer.seek(tp, start[tp])
    remaining = {tp for tp in parts if start[tp] < end[tp]}
    while remaining:
        for tp, records in consumer.poll(timeout_ms=1000, max_records=1000).items():
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
    """A range of the whole topic: by publish time (``since``), event time (``until``) or
    offsets."""
    topic = certificates_topic(settings)
    consumer = _consumer(settings)
    try:
        parts = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic))]
        start = consumer.beginning_offsets(parts)
        end = consumer.end_offsets(parts)
        if since is not None:
            found = consumer.offsets_for_times({tp: int(since.timestamp() * 1000) for tp in parts})
            start = {tp: (found[tp].offset if found[tp] else end[tp]) for tp in parts}
        if from_offset is not None:
            start = {tp: max(start[tp], from_offset) for tp in parts}
        if to_offset is not None:
            end = {tp: min(end[tp], to_offset + 1) for tp in parts}
        for record in _read(consumer, parts, start, end):
            line = as_history_line(json.loads(record.value))
            if until is None or datetime.fromisoformat(line["at"]) <= until:
                yield line
    finally:
        consumer.close()


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
