"""Reading sealed messages for a service with key access: the same opening the project's own
views get, for a downstream system (or an operator) that holds the master key and reaches the
event store's database (the data keys, ``patient_data_keys``).

``opened_records`` opens records as they are read (one key lookup per chunk); ``read_opened``
reads one record by topic, partition and offset (``intyg unseal``). A forgotten patient's
fields open to their declared ``forgotten`` values; ``forgotten_fields`` names them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from kafka import KafkaConsumer, TopicPartition

from commands.settings import Settings
from streams.consumed import decoded
from streams.database import Database
from streams.sealing.fields import sealed_answers, sealed_paths
from streams.sealing.keys import DataKeys
from streams.sealing.opener import Opened, Opener

_CHUNK = 500


class NoSuchRecordError(Exception):
    """No record at that topic, partition and offset."""


def opener_for(settings: Settings) -> Opener:
    return Opener(DataKeys(Database(settings), settings.master_key_bytes))


def opened_records(records: Iterable[Any], opener: Opener) -> Iterator[tuple[Any, Opened]]:
    """Each record with its value opened (or the error that kept it from being read)."""
    it = iter(records)
    while chunk := list(islice(it, _CHUNK)):
        yield from zip(chunk, opener.open_all([decoded(r.value) for r in chunk]), strict=True)


def forgotten_fields(value: dict[str, Any], opener: Opener) -> list[str]:
    """The sealed fields of a message whose patient was forgotten (their key destroyed)."""
    refs = {str(parent[name]["key_ref"]) for _, parent, name in sealed_paths(value)
            if isinstance(parent[name], dict) and "key_ref" in parent[name]}
    answers = sealed_answers(value)
    keys = opener.keys.load(refs | {str(leaf["key_ref"]) for _, leaf in answers})
    return [field.path for field, parent, name in sealed_paths(value)
            if isinstance(parent[name], dict) and keys.get(parent[name].get("key_ref"), b"")
            is None] + [path for path, leaf in answers if keys.get(leaf["key_ref"], b"") is None]


def read_record(settings: Settings, topic: str, partition: int, offset: int) -> Any:
    consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap_servers,
                             enable_auto_commit=False, group_id=None)
    try:
        tp = TopicPartition(topic, partition)
        if partition not in (consumer.partitions_for_topic(topic) or set()):
            raise NoSuchRecordError(f"No partition {partition} of {topic}.")
        if not consumer.beginning_offsets([tp])[tp] <= offset < consumer.end_offsets([tp])[tp]:
            raise NoSuchRecordError(f"No record at offset {offset} of {topic}/{partition}.")
        consumer.assign([tp])
        consumer.seek(tp, offset)
        while True:
            for record in consumer.poll(timeout_ms=1000).get(tp, []):
                if record.offset == offset:
                    return record
    finally:
        consumer.close()


def read_opened(settings: Settings, topic: str, partition: int, offset: int
                ) -> dict[str, Any]:
    """One record's value opened, with where it was read and which fields were forgotten;
    raises the error that kept it from being read (a record that is no message, a seal that
    does not open)."""
    record = read_record(settings, topic, partition, offset)
    opener = opener_for(settings)
    raw = json.loads(record.value)
    (opened,) = opener.open_all([raw])
    if isinstance(opened, Exception):
        raise opened
    return {"topic": topic, "partition": partition, "offset": offset,
            "forgotten": forgotten_fields(raw, opener), "value": opened}
