"""Consumed input read once: Kafka records decoded, opened (``streams.sealing``) and
validated against the contract in one pass, and the embedded mode's pages of the store's
notification log turned into the same messages. Each message is parsed once, whatever number
of views it then feeds."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson
from pydantic import ValidationError

from commands.certificates import Certificates
from commands.grouped_application import domain_events
from commands.history import history_line
from streams.published import is_published, known_prefix
from streams.relay import event_id
from streams.schemas import Envelope, UnknownEventError, ce_type, parse_wire, version_of
from streams.sealing.envelope import UnreadableSealError
from streams.sealing.opener import Opener

UNREADABLE = (ValueError, KeyError, ValidationError, UnknownEventError, TypeError,
              UnreadableSealError)


def decoded(value: bytes) -> Any:
    """A record's JSON value, or the error that kept it from being read (orjson: the parse is
    a fifth of the work of reading a record)."""
    try:
        return orjson.loads(value)
    except ValueError as error:
        return error


@dataclass
class RecordBatch:
    """Polled records read once: the messages with their event ids, the records that could not
    be read (with why), and per partition the last offset and log position seen."""

    items: list[tuple[Envelope, str]] = field(default_factory=list)
    unreadable: list[tuple[Any, Exception]] = field(default_factory=list)
    last: dict[int, tuple[int, int | None]] = field(default_factory=dict)


def read_records(opener: Opener, records: list[Any]) -> RecordBatch:
    """Each record's value decoded, opened and validated once, in order."""
    batch = RecordBatch()
    opened = opener.open_all([decoded(record.value) for record in records])
    for record, value in zip(records, opened, strict=True):
        headers = _wanted_headers(record.headers)
        try:
            if isinstance(value, Exception):
                raise value
            batch.items.append((parse_wire(value), headers["ce_id"]))
        except UNREADABLE as error:
            batch.unreadable.append((record, error))
        position = headers.get("log_position", "")
        batch.last[record.partition] = (record.offset,
                                        int(position) if position.isdigit() else None)
    return batch


def _wanted_headers(headers: Any) -> dict[str, str]:
    """The two headers a reader needs (``ce_id``, ``log_position``), decoded; the others are
    left as they came."""
    return {k: v.decode(errors="replace") for k, v in headers or () if k in _WANTED}


_WANTED = frozenset(("ce_id", "log_position"))


@dataclass
class LogPage:
    """One page of the notification log: its published messages with their event ids, how many
    notifications it held and the last one's id (None: none), and the
    ``UnknownStoredTopicError`` of a notification the page stopped before (as the relay does)."""

    items: list[tuple[Envelope, str]]
    count: int
    last: int | None
    unknown: Exception | None


def log_page(app: Certificates, start: int, limit: int) -> LogPage:
    """Embedded mode: the page of the store's notification log after ``start``, each published
    message validated once."""
    notifications, unknown = known_prefix(app.recorder.select_notifications(start + 1, limit))
    items = []
    for event in domain_events(app.mapper, [n for n in notifications if is_published(n)]):
        line = history_line(event)
        value = {"type": ce_type(line["event"]), "schema_version": version_of(line["event"]),
                 **line}
        items.append((parse_wire(value), event_id(line["id"], line["version"])))
    return LogPage(items, len(notifications), notifications[-1].id if notifications else None,
                   unknown)
