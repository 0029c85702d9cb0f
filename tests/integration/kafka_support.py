"""Helpers for the tests against the real broker started by scripts/test.sh."""

from __future__ import annotations

import json
import os
import uuid
from typing import Any

import pytest
from kafka import KafkaConsumer, TopicPartition

from commands.settings import Settings
from streams.topics import certificates_topic


def kafka_settings(schema: str) -> Settings:
    from tests.conftest import production_settings

    if os.environ.get("INTYG_TEST_KAFKA", "1") != "1":
        pytest.skip("Kafka tests disabled")
    prefix = f"t{uuid.uuid4().hex[:8]}."
    return production_settings(schema).model_copy(update={"kafka_topic_prefix": prefix})


def read_topic(settings: Settings, topic: str | None = None) -> list[Any]:
    """Every record on the topic, from offset 0 to the current end, partition by partition."""
    topic = topic or certificates_topic(settings)
    consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap_servers,
                             enable_auto_commit=False, consumer_timeout_ms=2000)
    try:
        parts = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic))]
        consumer.assign(parts)
        consumer.seek_to_beginning(*parts)
        end = consumer.end_offsets(parts)
        records: list[Any] = []
        while any(consumer.position(tp) < end[tp] for tp in parts):
            for batch in consumer.poll(timeout_ms=1000).values():
                records.extend(batch)
        return records
    finally:
        consumer.close()


def headers_of(record: Any) -> dict[str, str]:
    return {k: v.decode() for k, v in record.headers}


def value_of(record: Any) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(record.value)
    return value


def published_events(app: Any) -> int:
    """How many of the store's events the relay publishes (certificate events only)."""
    from streams.relay import is_published

    total, start = 0, 1
    while True:
        page = app.recorder.select_notifications(start, 1000)
        total += sum(1 for n in page if is_published(n))
        if len(page) < 1000:
            return total
        start = page[-1].id + 1
