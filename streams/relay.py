"""The relay: follows the event store's notification log (the outbox it already is) and
publishes every event to Kafka, in log order, key = certificate id.

Patient data in a message (``streams.sealing.fields``) is sealed under the patient's data key
before it is sent (``streams.sealing.sealer``). The position is recorded in the database only
after the broker acknowledged the batch, so a crash re-publishes at most the unacknowledged
tail (same ce_id: consumers drop the duplicate) and never skips an event. While the broker is
away commands go on; the relay retries.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from typing import Any

import psycopg
import structlog
from eventsourcing.persistence import Notification
from eventsourcing.persistence import OperationalError as StoreOperationalError
from kafka.errors import KafkaError

from commands.certificates import Certificates
from commands.grouped_application import domain_events
from commands.history import history_line
from commands.settings import Settings
from domain.access.forgetting import investigation_subject
from domain.shared.catalogue import RECIPIENTS, RecipientKind
from streams.database import Database
from streams.published import is_published, known_prefix
from streams.relay_producer import Producer, ProducerFactory, kafka_producers
from streams.schemas import CONVERSATION_EVENTS, ce_type, to_wire
from streams.sealing.keys import DataKeys
from streams.sealing.sealer import Sealer
from streams.side_topics import side_messages
from streams.topics import certificates_topic, partition_for, recipient_topic

log = structlog.get_logger("streams.relay")
_AUTHORITIES = frozenset(r.id for r in RECIPIENTS.values() if r.kind is RecipientKind.AUTHORITY)
EVENT_ID_NAMESPACE = uuid.UUID("5b0d1c3e-7a2f-4c61-9d43-1f0e6a2b7c88")
SOURCE = "/intyg/certificates"
Outgoing = tuple[str, bytes, bytes, list[tuple[str, bytes]], int]
"""One message of a batch: topic, key, value, headers, partition."""


# Worth a retry: the broker or a database away for a while (OSError covers sockets and set-up
# timeouts). Anything else (a contract drift, a bug) stops the relay loudly.
TRANSIENT = (KafkaError, OSError, StoreOperationalError, psycopg.OperationalError,
             sqlite3.OperationalError)


def event_id(aggregate_id: str, version: int) -> str:
    """Deterministic: the same event always carries the same id, however often it is sent."""
    return str(uuid.uuid5(EVENT_ID_NAMESPACE, f"{aggregate_id}:{version}"))


def key_of(line: dict[str, Any]) -> str:
    """The Kafka key: the certificate's id, also for the events of its conversation."""
    return str(line["data"].get("certificate_id") or line["id"]) \
        if line["event"] in CONVERSATION_EVENTS else str(line["id"])


def addressed_to(line: dict[str, Any]) -> list[str]:
    """The authority recipients an event goes out to: a sent certificate, care's questions and
    answers to their recipient, a revocation to every recipient the certificate was sent to
    (never HSVARD or the citizen)."""
    data = line["data"]
    if line["event"] in ("CertificateSent", "QuestionSent", "AnswerSent",
                         "CannotComplementAnswered"):
        found = [data["recipient"]]
    elif line["event"] == "CertificateRevoked":
        found = list(data["forwarded_to"])
    else:
        found = []
    return [r for r in found if r in _AUTHORITIES]


def ensure_relay_tables(db: Database) -> None:
    with db.transaction() as tx:
        tx.execute("CREATE TABLE IF NOT EXISTS relay_position "
                   "(relay TEXT PRIMARY KEY, position BIGINT NOT NULL)")
        tx.execute("CREATE TABLE IF NOT EXISTS relay_partition_position (relay TEXT, "
                   "part INTEGER, position BIGINT NOT NULL, PRIMARY KEY (relay, part))")


class Relay:
    name = "relay"

    def __init__(self, app: Certificates, settings: Settings, db: Database,
                 producers: ProducerFactory | None = None) -> None:
        self.app, self.settings, self.db = app, settings, db
        self.topic = certificates_topic(settings)
        self._producers = producers or kafka_producers(settings)
        self._producer: Producer | None = None
        self._partitions: dict[str, int] = {}
        self._key_partitions: dict[tuple[str, bytes], int] = {}
        self._reached = 0  # the position this relay last recorded (for its log line)
        ensure_relay_tables(db)
        # The keys are read once per batch: one connection kept for it (connecting costs more).
        self.sealer = Sealer(DataKeys(Database(db.settings, keep_idle=1),
                                      settings.master_key_bytes),
                             settings.patient_index_secret, self._personnummer_of,
                             self._content_kind_of)

    def _personnummer_of(self, aggregate_id: str) -> str:
        """The personnummer of a certificate's patient, or of an order's citizen; an FMU
        investigation's citizen once recorded, else what names the investigation's own key."""
        found: Any = self.app.get(uuid.UUID(aggregate_id))
        citizen = getattr(found, "citizen", None)
        if isinstance(citizen, dict):
            return str(citizen["personnummer"])
        facts = getattr(found, "facts", None)
        if facts is not None and hasattr(facts, "citizen"):
            return str(facts.citizen or investigation_subject(aggregate_id))
        return str(found.patient.personnummer)

    def _content_kind_of(self, certificate_id: str) -> tuple[str, int]:
        """A certificate's type and content version (its content's model seals the answers)."""
        found: Any = self.app.get(uuid.UUID(certificate_id))
        return str(found.type_id), int(found.content_version)

    def _seal_one(self, value: dict[str, Any]) -> dict[str, Any]:
        return self.sealer.seal_all([value], self.app.clock())[0]

    def position(self) -> int:
        with self.db.transaction() as tx:
            rows = tx.execute("SELECT position FROM relay_position WHERE relay = ?", (self.topic,))
        return int(rows[0][0]) if rows else 0

    def publish_batch(self, limit: int = 500) -> int:
        """Publish the next batch; returns how many notifications it passed (published or
        internal). At a notification under an unknown topic it publishes what comes before,
        records the position just before it, and raises ``UnknownStoredTopicError``."""
        start = self.position()
        notifications, unknown = known_prefix(
            self.app.recorder.select_notifications(start + 1, limit))
        if notifications:
            self._publish(notifications)
        if unknown is not None:
            raise unknown
        return len(notifications)

    def _publish(self, notifications: list[Notification]) -> None:
        """Send every published event of the batch, wait for the broker, record the position.
        The batch's messages are all made first and then handed to the producer in one tight
        run, so they leave in as few requests as the raw producer's would."""
        producer = self._ensure_producer()
        last_in: dict[int, int] = {}
        self._partitions.clear()
        self._key_partitions.clear()
        published = [n for n in notifications if is_published(n)]
        lines = [history_line(event) for event in domain_events(self.app.mapper, published)]
        values = self.sealer.seal_all([to_wire(line) for line in lines], self.app.clock())
        outgoing = dict(zip([n.id for n in published], zip(lines, values, strict=True),
                            strict=True))
        messages: list[Outgoing] = []
        for notification in notifications:
            if notification.id in outgoing:
                line, value = outgoing[notification.id]
                partition, made = self._messages(producer, notification, line, value)
                messages.extend(made)
                last_in[partition] = notification.id
            else:
                messages.extend((topic, key, value, headers,
                                 self._partition(producer, topic, key))
                                for topic, (key, value, headers)
                                in side_messages(self.app, self.settings, notification,
                                                 self._seal_one))
        futures = [producer.send(topic, key=key, value=value, headers=headers,
                                 partition=partition)
                   for topic, key, value, headers, partition in messages]
        producer.flush(timeout=30)
        for future in futures:
            future.get(timeout=30)
        self._record(notifications[-1].id, last_in)

    def _messages(self, producer: Producer, notification: Notification, line: dict[str, Any],
                  sealed: dict[str, Any]) -> tuple[int, list[Outgoing]]:
        """The event for the certificates topic, and a copy for the topic of each recipient it
        is addressed to (same key, same ce_id, plus a ``recipient`` header)."""
        key = key_of(line).encode()
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
        value = json.dumps(sealed, ensure_ascii=False).encode()
        partition = self._partition(producer, self.topic, key)
        made = [(self.topic, key, value, headers, partition)]
        for recipient in addressed_to(line):
            topic = recipient_topic(self.settings, recipient)
            made.append((topic, key, value, [*headers, ("recipient", recipient.encode())],
                         self._partition(producer, topic, key)))
        return partition, made

    def _partition(self, producer: Producer, topic: str, key: bytes) -> int:
        """The key's partition by the topic's own partition count (which replay also reads:
        the setting only sizes a topic when it is created), asked once per batch; worked out
        once per key and topic in a batch (a certificate's events share their key)."""
        if (topic, key) not in self._key_partitions:
            if topic not in self._partitions:
                self._partitions[topic] = len(producer.partitions_for(topic))
            self._key_partitions[topic, key] = partition_for(key, self._partitions[topic])
        return self._key_partitions[topic, key]

    def _record(self, position: int, last_in: dict[int, int]) -> None:
        """The log position reached, and per partition the last position published there (so
        a reader can tell which partitions must be read to see a given position): one upsert,
        and the partitions' rows in one more statement."""
        with self.db.transaction() as tx:
            tx.execute("INSERT INTO relay_position (relay, position) VALUES (?, ?) "
                       "ON CONFLICT (relay) DO UPDATE SET position = excluded.position",
                       (self.topic, position))
            tx.executemany("INSERT INTO relay_partition_position VALUES (?, ?, ?) "
                           "ON CONFLICT (relay, part) DO UPDATE SET position = excluded.position",
                           [(self.topic, part, last) for part, last in last_in.items()])
        self._reached = position

    def _ensure_producer(self) -> Producer:
        if self._producer is None:
            self._producer = self._producers()
        return self._producer

    def _drop_producer(self) -> None:
        if self._producer is not None:
            self._producer.close(timeout=1)
        self._producer = None

    def _try_batch(self) -> int | None:
        """One batch; None when the broker or a database is away (retried; the producer is
        rebuilt on the next try)."""
        try:
            return self.publish_batch()
        except TRANSIENT as error:
            log.warning("relay_retrying", error=type(error).__name__)
            self._drop_producer()
            return None

    def run(self, stop: threading.Event, idle_seconds: float = 0.05) -> None:
        """Publish until ``stop`` is set; on broker trouble, back off and retry."""
        backoff = 0.5
        while not stop.is_set():
            try:
                published = self._try_batch()
            except Exception as error:  # e.g. contract drift or an unknown topic: stop loudly
                log.error("relay_stopped", error=type(error).__name__, position=self.position())
                self._drop_producer()
                raise
            if published is None:
                stop.wait(backoff)
                backoff = min(backoff * 2, 5.0)
                continue
            backoff = 0.5
            if published:
                log.info("events_published", count=published, position=self._reached)
            else:
                stop.wait(idle_seconds)
        self._drop_producer()

    def run_until_caught_up(self, timeout: float = 60.0) -> None:
        """Publish everything stored so far (tests, benchmarks, one-shot catch-up)."""
        deadline = time.monotonic() + timeout
        target = self.app.recorder.max_notification_id() or 0
        while self.position() < target:
            if time.monotonic() > deadline:
                raise TimeoutError(f"relay at {self.position()}, store at {target}")
            if self._try_batch() is None:
                time.sleep(0.5)
        self._drop_producer()
