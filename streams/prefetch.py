"""A rebuild's input read ahead: one thread polls the topic and reads each poll's records
(decoded, opened, validated: ``streams.consumed.read_records``) while the caller writes the
batch before into the views. The caller's database round trips and PostgreSQL's own work then
overlap the next batch's reading instead of following it. The batches come in poll order; an
error while reading is raised in the caller."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import Any

from kafka import KafkaConsumer, TopicPartition

from streams.consumed import RecordBatch, read_records
from streams.sealing.opener import Opener

_AHEAD = 2
"""Batches read ahead at most (each up to a poll's records), so memory stays bounded."""
_DONE = object()


def batches_to_end(consumer: KafkaConsumer, parts: list[TopicPartition],
                   end: dict[TopicPartition, int], opener: Opener,
                   ) -> Iterator[tuple[int, RecordBatch]]:
    """Each poll's (record count, read batch) until every partition reached ``end``, read in a
    thread of its own one or two batches ahead of the caller."""
    ahead: queue.Queue[Any] = queue.Queue(maxsize=_AHEAD)
    stop = threading.Event()

    def read() -> None:
        try:
            while not stop.is_set() and any(consumer.position(tp) < end[tp] for tp in parts):
                records = [r for batch in consumer.poll(timeout_ms=1000).values() for r in batch]
                if records:
                    _put(ahead, stop, (len(records), read_records(opener, records)))
            _put(ahead, stop, _DONE)
        except BaseException as error:  # raised again in the caller's thread
            _put(ahead, stop, error)

    reader = threading.Thread(target=read, name="rebuild-read-ahead", daemon=True)
    reader.start()
    try:
        while (item := ahead.get()) is not _DONE:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        _drain(ahead)
        reader.join()


def _put(ahead: queue.Queue[Any], stop: threading.Event, item: Any) -> None:
    """Put ``item`` unless the caller stopped reading (then the thread ends)."""
    while not stop.is_set():
        try:
            ahead.put(item, timeout=0.1)
            return
        except queue.Full:
            continue


def _drain(ahead: queue.Queue[Any]) -> None:
    """Empty the queue, so a reader blocked on a full one sees the stop."""
    while True:
        try:
            ahead.get_nowait()
        except queue.Empty:
            return
