"""A migration of the data that rests outside the event store, recorded as it is applied: which
one, when, by whom (an HSA id or the operator's name), and what it did (counts only, never
patient data). One aggregate per migration name: its id is made of the name, so a migration is
applied once and a second run finds it done.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from eventsourcing.domain import Aggregate, event

_NAMESPACE = uuid.UUID("0c3f7d52-9a1e-4b8e-8f0a-5d2c6e7b9a14")


def migration_id(name: str) -> uuid.UUID:
    """The id of the migration called ``name`` (the same in every store)."""
    return uuid.uuid5(_NAMESPACE, name)


class Migration(Aggregate):
    """One migration applied (never changed after it is written)."""

    @event("MigrationApplied")
    def __init__(self, name: str, at: datetime, by: str, done: dict[str, int]) -> None:
        self.name = name
        self.at = at
        self.by = by
        self.done = done

    @classmethod
    def apply(cls, name: str, at: datetime, by: str, done: dict[str, int]) -> Migration:
        applied = cls.MigrationApplied  # type: ignore[attr-defined]
        return cls._create(applied, id=migration_id(name), name=name, at=at, by=by,
                           done=dict(done))
