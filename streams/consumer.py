"""A small consumer framework for read models and downstream services.

A ``Handler`` writes its rows through the transaction it is given; the framework writes the
consumer's input position (and the event id, to drop duplicates, unless the handler ``dedupes``
by the aggregate versions it holds) in that same transaction, so a crash neither skips nor
applies twice. ``KafkaFeed`` reads every partition of the topic, assigned
by hand: positions live in the database, not in Kafka's committed offsets, so it needs no
consumer group, and a restart after a crash reads on at once instead of waiting out the dead
member's session. Sealed patient data is opened with the data keys of the view's database
(``streams.sealing.opener``) before the handler sees it, so a handler reads every version of a
message in clear; a forgotten patient's fields open to their declared ``forgotten`` values.
Undecodable, invalid or unopenable messages go to the dead-letter topic with their origin,
then are skipped. The same handler is fed from the notification log in the embedded mode
(``feed_from_log``, ``run_from_log``).
"""

from __future__ import annotations

import threading
import time
from typing import Any, Protocol

import structlog
from kafka import KafkaProducer

from commands.certificates import Certificates
from commands.settings import Settings
from streams.consumed import log_page, read_records
from streams.database import Database, Transaction
from streams.feed_partitions import FeedPartitions
from streams.feed_version import FeedVersion
from streams.schemas import Envelope
from streams.sealing.keys import DataKeys
from streams.sealing.opener import Opener
from streams.topics import certificates_topic, dead_letter_topic

log = structlog.get_logger("streams.consumer")
_CHUNK = 500
_CONSUMER_TABLES = ("consumer_position", "consumer_seen", "consumer_watermark")
# How often the topic's partitions are looked up again (a partition added to the topic is read
# from its beginning within this time), and how long to wait for a topic not created yet.
_METADATA_MAX_AGE_MS = 30_000
_NO_TOPIC_WAIT_SECONDS = 0.5
_MOST_RECORDS = 500


class Handler(Protocol):
    name: str

    def setup(self, tx: Transaction) -> None: ...

    def apply(self, tx: Transaction, message: Envelope) -> None: ...


def prepare(db: Database, handler: Handler, beside: bool = True) -> bool:
    """The consumer's tables and the handler's. False when the handler's tables have another
    shape than its code writes (an upgrade) in PostgreSQL: they are left serving, and the new
    version is built beside them (``streams.view_versions``); not ``beside``: dropped."""
    with db.transaction() as tx:
        tx.execute("CREATE TABLE IF NOT EXISTS consumer_position (consumer TEXT, source TEXT, "
                   "part INTEGER, position BIGINT, PRIMARY KEY (consumer, source, part))")
        tx.execute("CREATE TABLE IF NOT EXISTS consumer_seen (consumer TEXT, event_id TEXT, "
                   "PRIMARY KEY (consumer, event_id))")
        tx.execute("CREATE TABLE IF NOT EXISTS consumer_watermark (consumer TEXT, part INTEGER, "
                   "log_position BIGINT, PRIMARY KEY (consumer, part))")
        outdated = getattr(handler, "outdated", None)
        if outdated is not None and outdated(tx):
            if db.is_postgres and beside:
                return False
            # Embedded: drop the view and start the consumer again from the beginning, in
            # this transaction.
            handler.drop(tx)  # type: ignore[attr-defined]
            for table in _CONSUMER_TABLES:
                tx.execute(f"DELETE FROM {table} WHERE consumer = ?", (handler.name,))  # noqa: S608
            log.warning("view_rebuilt_for_new_shape", consumer=handler.name)
        handler.setup(tx)
    return True


def positions(db: Database, consumer: str, source: str) -> dict[int, int]:
    with db.transaction() as tx:
        rows = tx.execute("SELECT part, position FROM consumer_position "
                          "WHERE consumer = ? AND source = ?", (consumer, source))
    return {int(part): int(pos) for part, pos in rows}


def _record(tx: Transaction, consumer: str, source: str, part: int, position: int,
            log_position: int | None) -> None:
    """The input position, and the store's log position the consumer has seen up to in that
    partition (what ``?after=`` waits for). Both only move forward: a copy re-sent after a relay
    crash, or a second process of the same view behind this one, never takes them back."""
    tx.execute("INSERT INTO consumer_position VALUES (?, ?, ?, ?) "
               "ON CONFLICT (consumer, source, part) DO UPDATE SET position = excluded.position "
               "WHERE consumer_position.position < excluded.position",
               (consumer, source, part, position))
    if log_position is not None:
        tx.execute("INSERT INTO consumer_watermark VALUES (?, ?, ?) ON CONFLICT (consumer, part) "
                   "DO UPDATE SET log_position = excluded.log_position "
                   "WHERE consumer_watermark.log_position < excluded.log_position",
                   (consumer, part, log_position))


def forget(db: Database, consumer: str) -> None:
    """Drop everything the consumer has recorded, so it starts again from the beginning."""
    with db.transaction() as tx:
        for table in _CONSUMER_TABLES:
            tx.execute(f"DELETE FROM {table} WHERE consumer = ?", (consumer,))  # noqa: S608


def watermarks(db: Database, consumer: str) -> dict[int, int]:
    with db.transaction() as tx:
        rows = tx.execute("SELECT part, log_position FROM consumer_watermark "
                          "WHERE consumer = ?", (consumer,))
    return {int(part): int(pos) for part, pos in rows}


def apply_batch(tx: Transaction, handler: Handler, items: list[tuple[Envelope, str]]) -> int:
    """Apply, in order, the messages the consumer has not applied before; a handler with
    ``apply_many`` gets them in one call. A handler that ``dedupes`` itself (a view that keeps
    the aggregate versions it folded) gets them all; any other is given only the messages whose
    event id it has not seen (also not twice within the batch), recorded in ``consumer_seen``.
    Returns how many were dropped as duplicates."""
    many = getattr(handler, "apply_many", None)
    if getattr(handler, "dedupes", False) and many is not None:
        return int(many(tx, [message for message, _ in items]))
    seen: set[str] = set()
    ids = [ce_id for _, ce_id in items]
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        rows = tx.execute(f"SELECT event_id FROM consumer_seen WHERE consumer = ? "  # noqa: S608
                          f"AND event_id IN ({marks})", (handler.name, *chunk))
        seen.update(str(row[0]) for row in rows)
    fresh: list[Envelope] = []
    new_ids: list[str] = []
    for message, ce_id in items:
        if ce_id not in seen:
            seen.add(ce_id)
            fresh.append(message)
            new_ids.append(ce_id)
    if many is not None:
        many(tx, fresh)
    else:
        for message in fresh:
            handler.apply(tx, message)
    tx.executemany("INSERT INTO consumer_seen VALUES (?, ?)",
                   [(handler.name, ce_id) for ce_id in new_ids])
    return len(items) - len(fresh)


def record_positions(tx: Transaction, consumer: str, topic: str,
                     last: dict[int, tuple[int, int | None]]) -> None:
    for part, (offset, log_position) in last.items():
        _record(tx, consumer, topic, part, offset, log_position)


def feed_from_log(app: Certificates, db: Database, handler: Handler, limit: int = 500) -> int:
    """Embedded mode: feed the handler one page of the store's notification log, rows and
    position in one transaction. Returns how many notifications the page held. Like the relay,
    it stops just before a notification under an unknown topic and raises
    ``UnknownStoredTopicError``."""
    page = log_page(app, positions(db, handler.name, "log").get(0, 0), limit)
    if page.last is not None:
        with db.transaction() as tx:
            apply_batch(tx, handler, page.items)
            _record(tx, handler.name, "log", 0, page.last, page.last)
    if page.unknown is not None:
        raise page.unknown
    return page.count


def run_from_log(app: Certificates, db: Database, handler: Handler,
                 stop: threading.Event, idle_seconds: float = 0.2) -> None:
    """Embedded mode's consumer loop: follow the notification log until ``stop`` is set."""
    prepare(db, handler)
    while not stop.is_set():
        if not feed_from_log(app, db, handler):
            stop.wait(idle_seconds)


class KafkaFeed:
    """Feeds one handler from every partition of the certificates topic, assigned by hand.

    No consumer group: a group hands partitions out only after every member it knows has
    rejoined or timed out, so a member killed with SIGKILL held each view for the session
    timeout and a rebalance (about 40 s). The view's database knows where each partition goes
    on, so the feed needs nobody's agreement. Run each view in one process per database (in
    ``intyg serve`` or ``intyg project NAME``, not both): a second process of the same view
    reads every partition too; the event ids and forward-only positions keep the view right,
    but the work is done twice and the slower process's transactions fail and retry. With
    ``INTYG_VIEW_GROUPS`` the processes of a view share the partitions in a consumer group
    instead (``streams.membership``), each seeking to the stored positions
    (``streams.feed_partitions``). A view whose shape changed is written beside the serving
    one until caught up (``streams.feed_version``)."""

    def __init__(self, settings: Settings, db: Database, handler: Handler, *,
                 metadata_max_age_ms: int = _METADATA_MAX_AGE_MS) -> None:
        self.settings, self.handler = settings, handler
        self.topic = certificates_topic(settings)
        self.dead_letters = 0
        self.version = FeedVersion(db, handler, prepare)
        self.partitions = FeedPartitions(
            settings, handler.name, lambda: positions(self.version.db, handler.name, self.topic),
            metadata_max_age_ms=metadata_max_age_ms)
        self.consumer = self.partitions.consumer
        self._producer: KafkaProducer | None = None
        # The keys are read once per poll: one connection kept for it (connecting costs more).
        self.opener = Opener(DataKeys(Database(db.settings, keep_idle=1),
                                      settings.master_key_bytes))

    @property
    def building(self) -> bool:
        """Whether the feed builds a new version of its view beside the serving one."""
        return self.version.building

    def poll_once(self) -> int:
        """One poll's records, applied in one transaction with their positions and ids; a new
        version built beside the serving one takes its place once it has caught up."""
        count = self._poll()
        if self.building and count < _MOST_RECORDS and self.partitions.caught_up():
            self.version.switch()
        return count

    def _poll(self) -> int:
        if not self.partitions.follow():
            time.sleep(_NO_TOPIC_WAIT_SECONDS)
            return 0
        polled = self.consumer.poll(timeout_ms=500, max_records=_MOST_RECORDS)
        records = [record for batch in polled.values() for record in batch]
        if not records:
            return 0
        batch = read_records(self.opener, records)
        for record, error in batch.unreadable:
            self._dead_letter(record, error)  # acknowledged before the position moves on
        with self.version.db.transaction() as tx:
            duplicates = apply_batch(tx, self.handler, batch.items)
            record_positions(tx, self.handler.name, self.topic, batch.last)
        if duplicates:
            log.info("duplicates_ignored", consumer=self.handler.name, count=duplicates)
        return len(records)

    def _dead_letter(self, record: Any, error: Exception) -> None:
        if self._producer is None:
            self._producer = KafkaProducer(bootstrap_servers=self.settings.kafka_bootstrap_servers,
                                           acks="all")
        origin = [("dlt_topic", record.topic.encode()),
                  ("dlt_partition", str(record.partition).encode()),
                  ("dlt_offset", str(record.offset).encode()),
                  ("dlt_error", type(error).__name__.encode()),
                  ("dlt_consumer", self.handler.name.encode())]
        self._producer.send(dead_letter_topic(self.settings), key=record.key,
                            value=record.value, headers=origin).get(timeout=30)
        self.dead_letters += 1
        log.warning("message_dead_lettered", consumer=self.handler.name, topic=record.topic,
                    partition=record.partition, offset=record.offset,
                    error=type(error).__name__)

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            self.poll_once()
        self.close()

    def close(self) -> None:
        self.consumer.close()
        self.version.close()
        self.opener.keys.db.close()
        if self._producer is not None:
            self._producer.close(timeout=1)
