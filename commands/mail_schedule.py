"""When a mail run must next read an aggregate (a Samverkansytan space, an FMU investigation), in
tables of the event store's own database (the SQLite file embedded, the store's PostgreSQL
schema in production), so that a run reads only what can be due, its first after a restart too.

A row holds the aggregate's id, the version it was judged at and the day to read it from (NULL:
no mail can come until it changes). Before each run the schedule catches up with the store's log
(only the events written since its position, whichever process wrote them): an aggregate that
changed is to be read at once, at its new version. The run reads the rows due today and, having
read one, may store its next day at the version it read; a day judged on an older version never
overwrites a newer change. The first catch-up, from position 0, enters every aggregate already
in the store (the backfill). Rows hold ids, versions and dates only, never patient data; table
names are built from the store's schema setting. Dropping the two tables rebuilds the schedule
on the next run (each aggregate read once more).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import Notification

from commands.store_tables import StoreTables, log_pages

AT_ONCE = date.min  # read on the next run, whatever day it is


class MailSchedule:
    """The schedule of one ``family`` of aggregates, whose events are stored under ``topics``."""

    def __init__(self, app: Application[UUID], family: str, topics: Sequence[str]) -> None:
        self._app, self._family, self._topics = app, family, list(topics)
        self._tables = StoreTables(app)
        self._rows = self._tables.name("mail_schedule")
        self._position = self._tables.name("mail_schedule_position")
        self._lock = threading.Lock()
        self._ready = False

    def due(self, today: date) -> list[UUID]:
        """The aggregates to read on ``today`` (the log caught up first), in id order."""
        self.caught_up()
        rows = self._select(f"SELECT id FROM {self._rows} WHERE family = ? "  # noqa: S608
                            "AND next_read <= ? ORDER BY id", (self._family, today.isoformat()))
        return [UUID(str(row[0])) for row in rows]

    def settle(self, aggregate_id: UUID, version: int, next_read: date | None) -> None:
        """Read ``aggregate_id`` next on ``next_read`` (never, when None) unless it changed
        after ``version``."""
        with self._tables.transaction() as cursor:
            cursor.execute(self._tables.sql(
                f"UPDATE {self._rows} SET version = ?, next_read = ? "  # noqa: S608
                "WHERE family = ? AND id = ? AND version <= ?"),
                (version, next_read and next_read.isoformat(), self._family, str(aggregate_id),
                 version))

    def caught_up(self) -> None:
        """Enter each aggregate changed in the log beyond the schedule's position, to be read
        at once."""
        with self._lock:
            self._prepare()
            position = int(self._select(
                f"SELECT coalesce(max(position), 0) FROM {self._position} "  # noqa: S608
                "WHERE family = ?", (self._family,))[0][0])
            for page in log_pages(self._app, position, self._topics):
                self._enter(page)

    def _enter(self, page: Sequence[Notification]) -> None:
        versions: dict[str, int] = {}
        for notification in page:
            versions[str(notification.originator_id)] = notification.originator_version
        with self._tables.transaction() as cursor:
            cursor.executemany(self._tables.sql(
                f"INSERT INTO {self._rows} VALUES (?, ?, ?, ?) "  # noqa: S608
                "ON CONFLICT (family, id) DO UPDATE SET version = excluded.version, "
                "next_read = excluded.next_read WHERE mail_schedule.version < excluded.version"),
                [(self._family, aggregate_id, version, AT_ONCE.isoformat())
                 for aggregate_id, version in versions.items()])
            cursor.execute(self._tables.sql(
                f"INSERT INTO {self._position} VALUES (?, ?) ON CONFLICT (family) "  # noqa: S608
                "DO UPDATE SET position = excluded.position "
                "WHERE mail_schedule_position.position < excluded.position"),
                (self._family, page[-1].id))

    def _prepare(self) -> None:
        if self._ready:
            return
        with self._tables.transaction() as cursor:
            for statement in (
                f"CREATE TABLE IF NOT EXISTS {self._rows} (family TEXT NOT NULL, "
                "id TEXT NOT NULL, version BIGINT NOT NULL, next_read TEXT, "
                "PRIMARY KEY (family, id))",
                f"CREATE INDEX IF NOT EXISTS mail_schedule_by_day ON {self._rows} "
                "(family, next_read)",
                f"CREATE TABLE IF NOT EXISTS {self._position} (family TEXT PRIMARY KEY, "
                "position BIGINT NOT NULL)",
            ):
                cursor.execute(statement)
        self._ready = True

    def _select(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        return self._tables.select(sql, params)
