"""The full, ordered event history of one aggregate, and a certificate's whole story (the
certificate and its conversation), for auditors and the API."""

from __future__ import annotations

import dataclasses
import functools
import heapq
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, cast
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.domain import DomainEventProtocol

from domain.questions.conversation import conversation_id

_ENVELOPE = {"originator_id", "originator_version", "timestamp", "originator_topic"}


def event_name(event: DomainEventProtocol[Any]) -> str:
    return type(event).__name__


def event_data(event: DomainEventProtocol[Any]) -> dict[str, Any]:
    """The event's own fields as JSON values (the envelope is left out)."""
    return {name: _jsonable(getattr(event, name)) for name in _own_fields(type(event))}


@functools.cache
def _own_fields(event_type: type) -> tuple[str, ...]:
    """An event class's field names without the envelope (asked once per class)."""
    return tuple(field.name for field in dataclasses.fields(event_type)
                 if field.name not in _ENVELOPE)


@functools.cache
def _field_names(value_type: type) -> tuple[str, ...] | None:
    """A dataclass's field names, None for any other class (asked once per class)."""
    if not dataclasses.is_dataclass(value_type):
        return None
    return tuple(field.name for field in dataclasses.fields(value_type))


def history_line(event: DomainEventProtocol[Any]) -> dict[str, Any]:
    """One event as auditors see it: aggregate id, version, event name, time, its own fields."""
    return {
        "id": str(event.originator_id),
        "version": event.originator_version,
        "event": event_name(event),
        "at": _timestamp(event),
        "data": event_data(event),
    }


def history(app: Application[UUID], aggregate_id: UUID) -> list[dict[str, Any]]:
    return [history_line(e) for e in app.events.get(aggregate_id)]


def certificate_story(app: Application[UUID], certificate_id: UUID) -> list[dict[str, Any]]:
    """Everything that happened to a certificate, from the store: its own events and those of
    its conversation (questions, answers, reminders), in ``in_story_order``. Replaying the
    certificate's key from Kafka gives the same lines (``streams.replay``)."""
    lines = history(app, certificate_id) + history(app, conversation_id(certificate_id))
    return in_story_order(certificate_id, lines)


def in_story_order(certificate_id: UUID, lines: Iterable[dict[str, Any]]
                   ) -> list[dict[str, Any]]:
    """One order for a story, whichever log it was read from: each aggregate's events by
    version, the aggregates' events woven together by time (the certificate's first at a
    tie). A Kafka partition holds them in log order, but the store gives them one aggregate at
    a time, so the story takes an order both can compute from the lines alone."""
    by_aggregate: dict[str, list[dict[str, Any]]] = {str(certificate_id): []}
    for line in lines:
        by_aggregate.setdefault(line["id"], []).append(line)
    ordered = [sorted(events, key=lambda line: int(line["version"]))
               for events in by_aggregate.values()]
    return list(heapq.merge(*ordered, key=lambda line: datetime.fromisoformat(line["at"])))


def _timestamp(event: DomainEventProtocol[Any]) -> str:
    stamp: datetime = cast(Any, event).timestamp  # every aggregate event carries one
    return stamp.isoformat()


_PLAIN = frozenset({str, int, float, bool, type(None)})


def _jsonable(value: Any) -> Any:
    """As ``dataclasses.asdict`` and then JSON values, in one pass and without its deep copies
    (which cost the relay a third of its time). Plain JSON values (most leaves) return at once,
    and a dataclass's field names are looked up once per class."""
    kind: type = type(value)
    if kind in _PLAIN:
        return value
    names = _field_names(kind)
    if names is not None:
        return {name: _jsonable(getattr(value, name)) for name in names}
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value
