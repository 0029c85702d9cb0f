"""``seal-patient-data``: the migration of a store written before patient data was sealed.

What it does (docs/sealing.md, "Migrating a store written before sealing"):

1. Kafka (production): each topic that carried patient data in clear (the certificates topic
   and every recipient topic) gets a new generation. Every record up to the topic's current
   end is copied, in order, to the same partition with the same key and headers; a version 1
   message of an event with sealed fields is sealed on the way (as the relay seals it today,
   ``ce_type`` naming the new version). Then the records before the first copy are deleted
   (Kafka's DeleteRecords: the partition's start moves to the copy), so a reader from the
   beginning, a rebuild included, reads only sealed messages. Consumers that already read the
   old records drop the copies as duplicates (same ``ce_id``, same aggregate id and version).
2. The read models: every view written by earlier code (an outdated layout or fold) is dropped
   and rebuilt, so its patient columns are written sealed (``projections/sealing.py``).
3. It records itself: ``MigrationApplied`` (``commands.migrations``), what it did in counts.

Run it with the relay and the views stopped (``intyg serve`` down), so nothing new is appended
behind the copies while they are made.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition

from commands.settings import Settings
from streams.schemas import as_history_line, ce_type, to_wire
from streams.sealing.fields import SEALED_FIELDS
from streams.sealing.sealer import Sealer

NAME = "seal-patient-data"
_TIMEOUT_MS = 30_000


@dataclass
class Resealed:
    """What the Kafka step did to one topic."""

    copied: int = 0
    sealed: int = 0
    deleted_before: int = 0  # records moved out of reach (the old generation)


def _clear_and_sealable(value: Any) -> bool:
    return (isinstance(value, dict) and value.get("schema_version") == 1
            and value.get("event") in SEALED_FIELDS)


def _records(consumer: KafkaConsumer, part: TopicPartition, end: int) -> Iterator[Any]:
    """The partition's records from its start to ``end`` (exclusive), in order."""
    consumer.assign([part])
    consumer.seek_to_beginning(part)
    while consumer.position(part) < end:
        for batch in consumer.poll(timeout_ms=1000).values():
            yield from (record for record in batch if record.offset < end)


def _sealed_copies(records: list[Any], sealer: Sealer, now: datetime
                   ) -> list[tuple[Any, bytes, list[tuple[str, bytes]]]]:
    """Each record with its new value and headers: sealed where it was clear."""
    values = [json.loads(record.value) for record in records]
    wanted = [at for at, value in enumerate(values) if _clear_and_sealable(value)]
    sealed = sealer.seal_all([to_wire(as_history_line(values[at])) for at in wanted], now)
    by_at = dict(zip(wanted, sealed, strict=True))
    copies = []
    for at, record in enumerate(records):
        if at not in by_at:
            copies.append((record, record.value, list(record.headers)))
            continue
        value = by_at[at]
        headers = [(name, ce_type(value["event"]).encode() if name == "ce_type" else raw)
                   for name, raw in record.headers]
        copies.append((record, json.dumps(value, ensure_ascii=False).encode(), headers))
    return copies


def reseal_topic(settings: Settings, topic: str, sealer: Sealer, now: datetime) -> Resealed:
    """Give ``topic`` a sealed generation and cut the old one off (nothing to do for a topic
    that does not exist)."""
    servers = settings.kafka_bootstrap_servers
    consumer = KafkaConsumer(bootstrap_servers=servers, enable_auto_commit=False)
    producer = KafkaProducer(bootstrap_servers=servers, acks="all")
    done, cut = Resealed(), {}
    try:
        parts = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic)
                                                          or ())]
        ends = consumer.end_offsets(parts) if parts else {}
        for part in parts:
            records = list(_records(consumer, part, ends[part]))
            copies = _sealed_copies(records, sealer, now)
            futures = [producer.send(topic, key=record.key, value=value, headers=headers,
                                     partition=part.partition)
                       for record, value, headers in copies]
            producer.flush(timeout=30)
            for future in futures:
                future.get(timeout=30)
            cut[part] = ends[part]
            done.copied += len(copies)
            done.sealed += sum(1 for (record, value, _) in copies if value is not record.value)
            done.deleted_before += len(records)
    finally:
        producer.close()
        consumer.close()
    if cut:
        admin = KafkaAdminClient(bootstrap_servers=servers)
        try:
            admin.delete_records(cut, timeout_ms=_TIMEOUT_MS)
        finally:
            admin.close()
    return done
