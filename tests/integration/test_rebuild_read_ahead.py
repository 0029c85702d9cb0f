"""A rebuild reads the topic ahead in a thread of its own (``streams.prefetch``): every record
comes to the caller once, in each partition's order, and an error while reading is raised in
the caller, not lost in the thread. Real broker and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from kafka import KafkaConsumer, KafkaProducer, TopicPartition

from commands.settings import Settings
from streams.database import Database
from streams.prefetch import batches_to_end
from streams.sealing.keys import DataKeys
from streams.sealing.opener import Opener
from streams.topics import certificates_topic, ensure_topics
from tests.integration.kafka_support import kafka_settings

pytestmark = pytest.mark.kafka


@pytest.fixture
def settings() -> Iterator[Settings]:
    with kafka_settings() as settings:
        yield settings


def _produce(settings: Settings, values: list[dict[str, Any]]) -> None:
    ensure_topics(settings)
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers, acks="all")
    for n, value in enumerate(values):
        producer.send(certificates_topic(settings), key=f"k{n % 7}".encode(),
                      value=json.dumps(value).encode(),
                      headers=[("ce_id", f"e{n}".encode()), ("log_position", str(n).encode())])
    producer.flush()
    producer.close()


def _read_ahead(settings: Settings, opener: Opener) -> Iterator[tuple[int, Any]]:
    consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap_servers,
                             enable_auto_commit=False, max_poll_records=40)
    topic = certificates_topic(settings)
    try:
        parts = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic))]
        consumer.assign(parts)
        consumer.seek_to_beginning(*parts)
        yield from batches_to_end(consumer, parts, consumer.end_offsets(parts), opener)
    finally:
        consumer.close()


def test_read_ahead_hands_every_record_over_once_in_each_partitions_order(settings):
    _produce(settings, [{"n": n} for n in range(300)])  # no messages: each is read unreadable
    opener = Opener(DataKeys(Database(settings), settings.master_key_bytes))
    seen: dict[int, list[int]] = {}
    total = 0
    for count, batch in _read_ahead(settings, opener):
        total += count
        assert len(batch.unreadable) == count and not batch.items
        for record, _ in batch.unreadable:
            seen.setdefault(record.partition, []).append(record.offset)
        for part, (offset, _) in batch.last.items():
            assert offset == seen[part][-1]
    assert total == 300
    assert all(offsets == list(range(len(offsets))) for offsets in seen.values())


def test_read_ahead_raises_an_error_of_the_reading_thread_in_the_caller(settings):
    sealed = {"alg": "A256GCM", "key_ref": "some-index", "nonce": "AAAA", "ciphertext": "AAAA"}
    _produce(settings, [{"event": "DraftCreated", "schema_version": 1, "id": "x", "version": 1,
                         "data": {"patient": {"personnummer": sealed}}}])
    db = Database(settings)
    opener = Opener(DataKeys(db, settings.master_key_bytes))
    with db.transaction() as tx:
        tx.execute("DROP TABLE patient_data_keys")  # the key lookup of the read now fails
    with pytest.raises(psycopg.errors.UndefinedTable):
        list(_read_ahead(settings, opener))
