"""Rebuild a consumer's view from the start: from offset 0 of every partition of the
certificates topic (production) or from the first notification (embedded), in batches, each
batch committed with its positions, sealed patient data opened first as the live consumer
does. Reports progress and the rate achieved."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import structlog
from kafka import KafkaConsumer, TopicPartition

from commands.certificates import Certificates
from commands.settings import Settings
from streams.consumer import (
    UNREADABLE,
    Handler,
    _record,
    apply_batch,
    decoded,
    feed_from_log,
    forget,
    prepare,
)
from streams.database import Database
from streams.schemas import Envelope, parse_wire
from streams.sealing.keys import DataKeys
from streams.sealing.opener import Opened, Opener
from streams.topics import certificates_topic

log = structlog.get_logger("streams.rebuild")
Progress = Callable[[int, int], None]  # (done, total)


@dataclass(frozen=True)
class RebuildReport:
    events: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.events / self.seconds if self.seconds > 0 else 0.0


def rebuild(settings: Settings, app: Certificates, db: Database, handler: Handler,
            drop: Callable[[], None], progress: Progress | None = None) -> RebuildReport:
    """Drop the view (``drop``), forget its positions, and replay everything there is now."""
    drop()
    prepare(db, handler)
    forget(db, handler.name)
    started = time.perf_counter()
    _replay_hook(db, handler, "before_replay")
    if settings.is_production:
        events = _from_kafka(settings, db, handler, progress)
    else:
        events = _from_log(app, db, handler, progress)
    while _replay_hook(db, handler, "after_replay"):
        pass
    return RebuildReport(events, time.perf_counter() - started)


def _replay_hook(db: Database, handler: Handler, hook: str) -> bool:
    """A view may prepare for a replay from the start (``before_replay``) and finish it in
    steps (``after_replay``, called, each in its own transaction, until it returns False): e.g.
    work that every batch would redo, done once at the end. Timed with the replay."""
    found = getattr(handler, hook, None)
    if found is None:
        return False
    with db.transaction() as tx:
        return bool(found(tx))


def _from_log(app: Certificates, db: Database, handler: Handler,
              progress: Progress | None) -> int:
    total, done = app.recorder.max_notification_id() or 0, 0
    while (page := feed_from_log(app, db, handler, limit=1000)) > 0:
        done += page
        if progress:
            progress(done, total)
    return done


def _from_kafka(settings: Settings, db: Database, handler: Handler,
                progress: Progress | None) -> int:
    topic = certificates_topic(settings)
    opener = Opener(DataKeys(Database(db.settings, keep_idle=1), settings.master_key_bytes))
    consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap_servers,
                             enable_auto_commit=False, isolation_level="read_committed",
                             max_poll_records=2000, fetch_max_bytes=64 * 1024 * 1024)
    try:
        parts = [TopicPartition(topic, p)
                 for p in sorted(consumer.partitions_for_topic(topic) or ())]
        consumer.assign(parts)
        consumer.seek_to_beginning(*parts)
        end = consumer.end_offsets(parts)
        total, done = sum(end.values()), 0
        while any(consumer.position(tp) < end[tp] for tp in parts):
            records = [r for batch in consumer.poll(timeout_ms=1000).values() for r in batch]
            if not records:
                continue
            last: dict[int, tuple[int, int | None]] = {}
            items = []
            opened = opener.open_all([decoded(record.value) for record in records])
            for record, value in zip(records, opened, strict=True):
                headers = {k: v.decode(errors="replace") for k, v in record.headers or []}
                item = _readable(handler, value, headers)
                if item is not None:
                    items.append(item)
                position = headers.get("log_position", "")
                last[record.partition] = (record.offset,
                                          int(position) if position.isdigit() else None)
            with db.transaction() as tx:
                apply_batch(tx, handler, items)
                for part, (offset, position) in last.items():
                    _record(tx, handler.name, topic, part, offset, position)
            done += len(records)
            if progress:
                progress(done, total)
        return done
    finally:
        consumer.close()
        opener.keys.db.close()


def _readable(handler: Handler, value: Opened,
              headers: dict[str, str]) -> tuple[Envelope, str] | None:
    """The message and its event id; None for a poison message (the live consumer
    dead-lettered it), which is skipped."""
    try:
        if isinstance(value, Exception):
            raise value
        return parse_wire(value), headers["ce_id"]
    except UNREADABLE as error:
        log.warning("rebuild_skipped_message", consumer=handler.name, error=type(error).__name__)
        return None
