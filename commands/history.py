"""The full, ordered event history of one aggregate, for auditors and the API."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any, cast
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.domain import DomainEventProtocol

_ENVELOPE = {"originator_id", "originator_version", "timestamp", "originator_topic"}


def event_name(event: DomainEventProtocol[Any]) -> str:
    return type(event).__name__


def event_data(event: DomainEventProtocol[Any]) -> dict[str, Any]:
    """The event's own fields as JSON values (the envelope is left out)."""
    fields = dataclasses.asdict(event)  # type: ignore[call-overload]
    return {k: _jsonable(v) for k, v in fields.items() if k not in _ENVELOPE}


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


def _timestamp(event: DomainEventProtocol[Any]) -> str:
    stamp: datetime = cast(Any, event).timestamp  # every aggregate event carries one
    return stamp.isoformat()


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value
