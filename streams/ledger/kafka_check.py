"""The Kafka half of ``intyg verify``: the digests topic holds exactly the stored digests, and
every event the relay published names (by ``log_position`` and ``ce_id``) the aggregate and
version the ledger recorded at that position. Kafka keeps everything, so a row deleted or
rewritten in the store still disagrees with what was published."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

from kafka import KafkaConsumer, TopicPartition

from commands.settings import Settings
from streams.ledger.leaves import Leaf
from streams.ledger.verify import Finding
from streams.relay import event_id
from streams.topics import certificates_topic, digests_topic


def records(settings: Settings, topic: str, stall_seconds: float = 30.0) -> Iterator[Any]:
    """Every record of the topic from offset 0 to its end now (none if it does not exist)."""
    consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap_servers,
                             enable_auto_commit=False, group_id=None)
    try:
        parts = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic)
                                                          or ())]
        if not parts:
            return
        consumer.assign(parts)
        consumer.seek_to_beginning(*parts)
        end = consumer.end_offsets(parts)
        deadline = time.monotonic() + stall_seconds
        while any(consumer.position(tp) < end[tp] for tp in parts):
            if time.monotonic() > deadline:
                raise TimeoutError(f"no records from the broker for {stall_seconds} s")
            for batch in consumer.poll(timeout_ms=1000, max_records=1000).values():
                deadline = time.monotonic() + stall_seconds
                yield from batch
    finally:
        consumer.close()


def check_published_digests(settings: Settings, stored: list[dict[str, Any]],
                            published: set[int]) -> list[Finding]:
    """Each digest on Kafka is in the store unchanged; each the broker acknowledged is on
    Kafka (one not yet published is pending, not a finding)."""
    on_kafka = {}
    for record in records(settings, digests_topic(settings)):
        digest = json.loads(record.value)
        on_kafka[int(digest["digest"])] = digest
    mine = {d["digest"]: d for d in stored}
    findings = [Finding("kafka", "published, but not in the store (or changed there)", digest=n)
                for n, d in sorted(on_kafka.items()) if mine.get(n) != d]
    return findings + [Finding("kafka", "acknowledged by the broker, but not on Kafka",
                               digest=n) for n in sorted(published) if n not in on_kafka]


def check_published_events(settings: Settings, recorded: list[Leaf]) -> list[Finding]:
    by_position = {leaf.position: leaf for leaf in recorded}
    findings = []
    for record in records(settings, certificates_topic(settings)):
        headers = {k: v.decode() for k, v in record.headers or []}
        position = int(headers["log_position"])
        leaf = by_position.get(position)
        if leaf is None:
            continue  # not digested yet (or beyond the ledger): the row check covers the rest
        if event_id(leaf.aggregate_id, leaf.version) != headers["ce_id"]:
            findings.append(Finding("kafka", "the published event is not the event recorded "
                                    "at this position", position))
    return sorted(set(findings), key=lambda f: f.position or 0)
