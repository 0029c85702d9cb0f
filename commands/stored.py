"""Load and save one aggregate: the one place that turns "not found" into None (or into the
answer a stranger gets, the same as for an unknown id) and a concurrent change into
``StaleVersionError``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import RecordConflictError

from domain.shared.errors import StaleVersionError

A = TypeVar("A", bound=Aggregate)


def stored(app: Application[UUID], aggregate_id: UUID, kind: type[A]) -> A | None:
    """The ``kind`` aggregate stored under ``aggregate_id``, or None when there is none (or
    what is stored there is another kind)."""
    try:
        found: object = app.repository.get(aggregate_id)
    except AggregateNotFoundError:
        return None
    return found if isinstance(found, kind) else None


def stored_or(app: Application[UUID], aggregate_id: UUID, kind: type[A],
              unknown: Callable[[UUID], Exception]) -> A:
    """The ``kind`` aggregate, or ``unknown(aggregate_id)`` raised: the domain's not-found
    error, the answer a caller who may not see the aggregate gets too."""
    found = stored(app, aggregate_id, kind)
    if found is None:
        raise unknown(aggregate_id)
    return found


def save_changed(app: Application[UUID], aggregate: Aggregate, conflict: str) -> int | None:
    """Save ``aggregate`` in one transaction and return the log position of its last event
    (None when it had none); another command's change saved meanwhile is a
    ``StaleVersionError`` that says ``conflict``."""
    try:
        recordings = app.save(aggregate)
    except RecordConflictError:
        raise StaleVersionError(conflict) from None
    return recordings[-1].notification.id if recordings else None
