"""Rebuild views from the start: from offset 0 of every partition of the certificates topic
(production) or from the first notification (embedded), in batches, each view's rows of a batch
committed with its positions, sealed patient data opened first as the live consumer does.
Several views rebuild in one pass (``rebuild_all``): each record is fetched, opened and parsed
once (read ahead in a thread, ``streams.prefetch``) and then handed to every view; from Kafka
the views write a batch side by side, each in its own transaction. Reports progress and the
rate achieved."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import structlog
from kafka import KafkaConsumer, TopicPartition

from commands.certificates import Certificates
from commands.settings import Settings
from streams.collector import relaxed_collection
from streams.consumed import RecordBatch, log_page
from streams.consumer import Handler, _record, apply_batch, forget, prepare, record_positions
from streams.database import Database
from streams.prefetch import batches_to_end
from streams.sealing.keys import DataKeys
from streams.sealing.opener import Opener
from streams.topics import certificates_topic
from streams.view_versions import replay_hook

log = structlog.get_logger("streams.rebuild")
Progress = Callable[[int, int], None]  # (done, total)
_LOG_PAGE = 1000


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
    return _replay(settings, app, db, [handler], progress)


def rebuild_all(settings: Settings, app: Certificates, db: Database,
                handlers: Sequence[Handler], progress: Progress | None = None) -> RebuildReport:
    """Drop every view of ``handlers`` (their ``drop``) and replay them in one pass."""
    with db.transaction() as tx:
        for handler in handlers:
            handler.drop(tx)  # type: ignore[attr-defined]
    return _replay(settings, app, db, handlers, progress)


def _replay(settings: Settings, app: Certificates, db: Database, handlers: Sequence[Handler],
            progress: Progress | None) -> RebuildReport:
    for handler in handlers:
        prepare(db, handler)
        forget(db, handler.name)
    started = time.perf_counter()
    for handler in handlers:
        replay_hook(db, handler, "before_replay")
    with relaxed_collection():
        if settings.is_production:
            events = _from_kafka(settings, db, handlers, progress)
        else:
            events = _from_log(app, db, handlers, progress)
    for handler in handlers:
        while replay_hook(db, handler, "after_replay"):
            pass
    return RebuildReport(events, time.perf_counter() - started)


def _from_log(app: Certificates, db: Database, handlers: Sequence[Handler],
              progress: Progress | None) -> int:
    total, done, start = app.recorder.max_notification_id() or 0, 0, 0
    while (page := log_page(app, start, _LOG_PAGE)).last is not None:
        with db.transaction() as tx:
            for handler in handlers:
                apply_batch(tx, handler, page.items)
                _record(tx, handler.name, "log", 0, page.last, page.last)
        done, start = done + page.count, page.last
        if progress:
            progress(done, total)
    if page.unknown is not None:
        raise page.unknown
    return done


def _from_kafka(settings: Settings, db: Database, handlers: Sequence[Handler],
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
        with ThreadPoolExecutor(max_workers=max(len(handlers), 1)) as writers:
            for count, batch in batches_to_end(consumer, parts, end, opener):
                for _, error in batch.unreadable:  # the live consumer dead-lettered them
                    log.warning("rebuild_skipped_message", error=type(error).__name__)
                for written in [writers.submit(_write_view, db, handler, topic, batch)
                                for handler in handlers]:
                    written.result()
                done += count
                if progress:
                    progress(done, total)
        return done
    finally:
        consumer.close()
        opener.keys.db.close()


def _write_view(db: Database, handler: Handler, topic: str, batch: RecordBatch) -> None:
    """One view's rows of the batch with its positions, in a transaction of its own: the views
    of one pass write side by side (each on its own connection), so PostgreSQL works on one
    view's rows while Python folds another's. A view's rows and positions still commit
    together, so a pass cut short leaves each view consistent at its own position."""
    with db.transaction() as tx:
        # A batch lost with the database's crash is read again from the positions committed
        # with it, so the commit need not wait for the disk (the rows and positions of a
        # transaction are still kept or lost together).
        tx.execute("SET LOCAL synchronous_commit = off")
        apply_batch(tx, handler, batch.items)
        record_positions(tx, handler.name, topic, batch.last)
