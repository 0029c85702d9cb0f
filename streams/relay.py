"""The relay: follows the event store's notification log (the outbox it already is) and
publishes every event to Kafka, in log order, key = certificate id.

The position is recorded in the database only after the broker acknowledged the batch, so a
crash re-publishes at most the unacknowledged tail (same ce_id: consumers drop the duplicate)
and never skips an event. While the broker is away commands go on; the relay retries.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from typing import Any

import structlog
from eventsourcing.persistence import Notification
from kafka import KafkaProducer
from kafka.errors import KafkaError

from commands.certificates import Certificates
from commands.history import history_line
from commands.settings import Settings
from domain.certificate import Certificate
from streams.database import Database
from streams.schemas import ce_type, to_wire
from streams.topics import certificates_topic, ensure_topics, partition_for

log = structlog.get_logger("streams.relay")
EVENT_ID_NAMESPACE = uuid.UUID("5b0d1c3e-7a2f-4c61-9d43-1f0e6a2b7c88")
SOURCE = "/intyg/certificates"
CERTIFICATE_TOPIC = f"{Certificate.__module__}:{Certificate.__qualname__}."


def event_id(aggregate_id: str, version: int) -> str:
    """Deterministic: the same event always carries the same id, however often it is sent."""
    return str(uuid.uuid5(EVENT_ID_NAMESPACE, f"{aggregate_id}:{version}"))


def is_published(notification: Notification) -> bool:
    """Certificate events are the published stream. The per-patient death registers are an
    internal uniqueness index, derivable from the certificate events and keyed by a hash of the
    personnummer, so they stay in the store."""
    return notification.topic.startswith(CERTIFICATE_TOPIC)


def make_producer(settings: Settings) -> KafkaProducer:
    return KafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers, acks="all",
                         enable_idempotence=True, linger_ms=5, retries=20,
                         retry_backoff_ms=250, request_timeout_ms=10_000, max_block_ms=10_000)


class Relay:
    name = "relay"

    def __init__(self, app: Certificates, settings: Settings, db: Database) -> None:
        self.app, self.settings, self.db = app, settings, db
        self.topic = certificates_topic(settings)
        self._producer: KafkaProducer | None = None
        with db.transaction() as tx:
            tx.execute("CREATE TABLE IF NOT EXISTS relay_position "
                       "(relay TEXT PRIMARY KEY, position BIGINT NOT NULL)")

    def position(self) -> int:
        with self.db.transaction() as tx:
            rows = tx.execute("SELECT position FROM relay_position WHERE relay = ?", (self.topic,))
        return int(rows[0][0]) if rows else 0

    def publish_batch(self, limit: int = 500) -> int:
        """Publish the next batch; returns how many events the broker acknowledged."""
        start = self.position()
        notifications = self.app.recorder.select_notifications(start + 1, limit)
        if not notifications:
            return 0
        producer = self._ensure_producer()
        futures = [self._send(producer, n) for n in notifications if is_published(n)]
        producer.flush(timeout=30)
        for future in futures:
            future.get(timeout=30)
        self._record(notifications[-1].id)
        return len(notifications)

    def _send(self, producer: KafkaProducer, notification: Notification) -> Any:
        event = self.app.mapper.to_domain_event(notification)
        line = history_line(event)
        key = line["id"].encode()
        headers = [
            ("ce_specversion", b"1.0"),
            ("ce_id", event_id(line["id"], line["version"]).encode()),
            ("ce_type", ce_type(line["event"]).encode()),
            ("ce_source", SOURCE.encode()),
            ("ce_subject", key),
            ("ce_time", line["at"].encode()),
            ("content-type", b"application/json"),
            ("aggregate_version", str(line["version"]).encode()),
            ("log_position", str(notification.id).encode()),
        ]
        value = json.dumps(to_wire(line), ensure_ascii=False).encode()
        partition = partition_for(key, self.settings.kafka_partitions)
        return producer.send(self.topic, key=key, value=value, headers=headers,
                             partition=partition)

    def _record(self, position: int) -> None:
        with self.db.transaction() as tx:
            tx.execute("DELETE FROM relay_position WHERE relay = ?", (self.topic,))
            tx.execute("INSERT INTO relay_position (relay, position) VALUES (?, ?)",
                       (self.topic, position))

    def _ensure_producer(self) -> KafkaProducer:
        if self._producer is None:
            ensure_topics(self.settings)
            self._producer = make_producer(self.settings)
        return self._producer

    def _drop_producer(self) -> None:
        if self._producer is not None:
            self._producer.close(timeout=1)
        self._producer = None

    def run(self, stop: threading.Event, idle_seconds: float = 0.05) -> None:
        """Publish until ``stop`` is set; on broker trouble, back off and retry."""
        backoff = 0.5
        while not stop.is_set():
            try:
                published = self.publish_batch()
                backoff = 0.5
            except (KafkaError, OSError) as error:
                log.warning("relay_broker_unavailable", error=type(error).__name__,
                            retry_in_s=backoff)
                self._drop_producer()
                stop.wait(backoff)
                backoff = min(backoff * 2, 5.0)
                continue
            if published:
                log.info("events_published", count=published, position=self.position())
            else:
                stop.wait(idle_seconds)
        self._drop_producer()

    def run_until_caught_up(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        target = self.app.recorder.max_notification_id() or 0
        while self.position() < target:
            if time.monotonic() > deadline:
                raise TimeoutError(f"relay at {self.position()}, store at {target}")
            try:
                self.publish_batch()
            except KafkaError as error:
                log.warning("relay_publish_retried", error=type(error).__name__)
                self._drop_producer()
                time.sleep(0.5)
        self._drop_producer()
