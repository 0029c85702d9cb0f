"""Load an aggregate that may not exist yet: the one place that turns "not found" into None."""

from __future__ import annotations

from typing import TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate

A = TypeVar("A", bound=Aggregate)


def stored(app: Application[UUID], aggregate_id: UUID, kind: type[A]) -> A | None:
    """The ``kind`` aggregate stored under ``aggregate_id``, or None when there is none (or
    what is stored there is another kind)."""
    try:
        found: object = app.repository.get(aggregate_id)
    except AggregateNotFoundError:
        return None
    return found if isinstance(found, kind) else None
