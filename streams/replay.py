"""Replay for auditors: one certificate's whole story from its partition, or a time or offset
range of the whole topic. Kafka keeps everything, so offset 0 is always the beginning.

A relay killed between the broker's acknowledgement and recording its position sends the
unrecorded tail again: every copy carries the event's ``ce_id``, and replay prints each event
once. Sealed patient data is opened with the store's data keys (``streams.unseal``); a
forgotten patient's fields print as their declared ``forgotten`` values. Where a certificate's
key lives is computed from the topic's own partition count, never from the setting (which only
says how many partitions a new topic gets).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import structlog
from kafka import KafkaConsumer, TopicPartition

from commands.history import in_story_order
from commands.settings import Settings
from streams.schemas import as_history_line
from streams.sealing.opener import Opener
from streams.topics import certificates_topic, partition_for
from streams.unseal import opened_records, opener_for

log = structlog.get_logger("streams.replay")


class ReplayError(Exception):
    """Nothing to replay where something was asked for: a missing topic, an unknown id. An
    auditor must never take an empty answer for an empty history."""


def _partitions(consumer: KafkaConsumer, topic: str) -> list[TopicPartition]:
    found = consumer.partitions_for_topic(topic)
    if not found:
        raise ReplayError(f"The topic {topic} does not exist on the broker.")
    return [TopicPartition(topic, p) for p in sorted(found)]


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


def once_each(records: Iterable[Any], opener: Opener) -> Iterator[dict[str, Any]]:
    """The history line of each record whose event id (``ce_id``) has not come before: a copy
    re-sent after a relay crash is dropped, the first (the one in log order) is kept. A record
    outside the contract (the consumers dead-letter it) is skipped with a warning naming it."""
    seen: set[bytes] = set()
    dropped = 0
    for record, value in opened_records(records, opener):
        ce_id = dict(record.headers or []).get("ce_id")
        try:
            if isinstance(value, Exception):
                raise value
            line = as_history_line(value)
            if ce_id is None:
                raise KeyError("ce_id")
        except Exception as error:  # outside the contract, or a seal that does not open
            log.warning("replay_skipped_message", topic=record.topic, partition=record.partition,
                        offset=record.offset, error=type(error).__name__)
            continue
        if ce_id in seen:
            dropped += 1
            continue
        seen.add(ce_id)
        yield line
    if dropped:
        log.info("duplicates_ignored", consumer="replay", count=dropped)


def replay_certificate(settings: Settings, certificate_id: UUID) -> list[dict[str, Any]]:
    """A certificate's whole story (its events and its conversation's, which share its key),
    read only from the partition the key maps to; equal to ``certificate_story`` from the
    store. Raises ``ReplayError`` when the topic is missing or holds nothing under the key."""
    key = str(certificate_id).encode()
    topic = certificates_topic(settings)
    consumer = _consumer(settings)
    try:
        parts = _partitions(consumer, topic)
        tp = parts[partition_for(key, len(parts))]
        records = _read(consumer, [tp], consumer.beginning_offsets([tp]),
                        consumer.end_offsets([tp]))
        lines = list(once_each((r for r in records if r.key == key), opener_for(settings)))
    finally:
        consumer.close()
    if not lines:
        raise ReplayError(f"No events of certificate {certificate_id} on {topic} (an unknown "
                          "id, or not published yet).")
    return in_story_order(certificate_id, lines)


def replay_topic(settings: Settings, *, since: datetime | None = None,
                 until: datetime | None = None, from_offset: int | None = None,
                 to_offset: int | None = None) -> Iterator[dict[str, Any]]:
    """The whole topic, partition by partition: events that happened in [since, until] (both
    optional, naive times are UTC), within offsets [from_offset, to_offset] of each partition."""
    since, until = _utc(since), _utc(until)
    topic = certificates_topic(settings)
    consumer = _consumer(settings)
    try:
        parts = _partitions(consumer, topic)
        start = consumer.beginning_offsets(parts)
        end = consumer.end_offsets(parts)
        if since is not None:
            start = _first_published_at_or_after(consumer, since, start, end)
        if from_offset is not None:
            start = {tp: max(start[tp], from_offset) for tp in parts}
        if to_offset is not None:
            end = {tp: min(end[tp], to_offset + 1) for tp in parts}
        for line in once_each(_read(consumer, parts, start, end), opener_for(settings)):
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


def print_lines(lines: Iterable[dict[str, Any]], total: int | None = None) -> int:
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
