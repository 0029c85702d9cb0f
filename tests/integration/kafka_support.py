"""Helpers for the tests against the real broker started by scripts/test.sh."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest
from kafka import KafkaConsumer, TopicPartition

from commands.settings import Settings
from streams.topics import certificates_topic


@contextmanager
def kafka_settings() -> Iterator[Settings]:
    """Production settings with a PostgreSQL schema and topic names of this test's own, so the
    relay publishes this test's events only and parallel runs never meet; the schema is
    dropped afterwards (topics stay: Kafka keeps everything)."""
    from tests.conftest import postgres_wanted, production_settings

    if not postgres_wanted() or os.environ.get("INTYG_TEST_KAFKA", "1") != "1":
        pytest.skip("Kafka tests run through scripts/test.sh (INTYG_TEST_POSTGRES=1)")
    tag = uuid.uuid4().hex[:8]
    settings = production_settings(f"k{tag}").model_copy(
        update={"kafka_topic_prefix": f"t{tag}."})
    with _admin(settings) as conn:
        conn.execute(f"CREATE SCHEMA {settings.postgres_schema}")
    try:
        yield settings
    finally:
        with _admin(settings) as conn:
            conn.execute(f"DROP SCHEMA {settings.postgres_schema} CASCADE")


@contextmanager
def own_store(kind: str, tmp_path: Path, **extra: Any) -> Iterator[Settings]:
    """Settings of a store of the test's own, ``extra`` settings added: an embedded SQLite file
    in ``tmp_path`` (``kind`` "sqlite") or a PostgreSQL schema and topic prefix of its own
    ("postgres"; the session's shared schema holds other tests' aggregates, which a mail run or
    a relay of the test would meet too)."""
    if kind == "sqlite":
        yield Settings(mode="embedded", data_dir=tmp_path, projections_in_serve=False, **extra)
        return
    with kafka_settings() as settings:
        yield settings.model_copy(update=extra)


def _admin(settings: Settings) -> psycopg.Connection[Any]:
    return psycopg.connect(host=settings.postgres_host, port=settings.postgres_port,
                           dbname=settings.postgres_db, user=settings.postgres_user,
                           password=settings.postgres_password.get_secret_value(),
                           autocommit=True)


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
    from streams.published import is_published

    total, start = 0, 1
    while True:
        page = app.recorder.select_notifications(start, 1000)
        total += sum(1 for n in page if is_published(n))
        if len(page) < 1000:
            return total
        start = page[-1].id + 1


def certificates_of(app: Any) -> set[uuid.UUID]:
    """The ids of every certificate in the store (not its conversations or indexes)."""
    from domain.certificates.certificate import Certificate
    from domain.topics import topics_of

    topics = set(topics_of(Certificate))
    return {n.originator_id for n in app.recorder.select_notifications(1, 100_000)
            if n.topic in topics}


def end_offsets(settings: Settings, topic: str | None = None) -> dict[int, int]:
    """The current end offset of every partition of the topic."""
    topic = topic or certificates_topic(settings)
    consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap_servers)
    try:
        parts = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic))]
        return {tp.partition: end for tp, end in consumer.end_offsets(parts).items()}
    finally:
        consumer.close()


def cli_env(settings: Settings) -> dict[str, str]:
    """The environment that makes ``intyg`` in a subprocess use these settings."""
    assert settings.cipher_key is not None
    return {**os.environ, "INTYG_MODE": "production",
            "INTYG_CIPHER_KEY": settings.cipher_key.get_secret_value(),
            "INTYG_JWT_SECRET": settings.jwt_secret.get_secret_value(),
            "INTYG_POSTGRES_SCHEMA": settings.postgres_schema,
            "INTYG_KAFKA_BOOTSTRAP_SERVERS": settings.kafka_bootstrap_servers,
            "INTYG_KAFKA_TOPIC_PREFIX": settings.kafka_topic_prefix}


def run_views_until_caught_up(settings: Settings, app: Any, timeout: float = 60) -> None:
    """Every view run (from Kafka in production, from the store's log embedded) until it has
    seen the store's last event, then stopped."""
    from api.runtime.projections import ProjectionHost
    from streams.read_your_writes import wait_until_seen

    host = ProjectionHost(settings, app)
    host.start()
    try:
        last = app.recorder.max_notification_id() or 0
        for name in host.views:
            assert wait_until_seen(host.db, settings, name, last, timeout=timeout), name
    finally:
        host.stop()
