"""Migrations recorded as events (``MigrationApplied``): whether one was applied, and the record
of applying it. What a migration does lives with what it changes (``streams.sealing.migration``
for the patient data sealed); this is only its ledger entry."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application

from commands.clock import Clock
from domain.access.migration import Migration, migration_id


def applied(app: Application[UUID], name: str) -> Migration | None:
    """The record of the migration ``name``, or None when it was never applied."""
    try:
        found: Migration = app.repository.get(migration_id(name))
    except AggregateNotFoundError:
        return None
    return found


def record_migration(app: Application[UUID], name: str, by: str, done: dict[str, int],
                     clock: Clock) -> UUID:
    """Store that ``name`` was applied, by whom and what it did; returns the record's id."""
    migration = Migration.apply(name, clock(), by, done)
    app.save(migration)
    return UUID(str(migration.id))
