"""Tables of the event store's own database beside its events (the SQLite file embedded, the
store's PostgreSQL schema in production), for the indexes that commands keep from the store's
log (``commands.access_index``, ``commands.mail_schedule``), and ``log_pages``, the log read page
by page, for every reader of it in commands. A table's name is built from the store's schema
setting, never from a request; statements are written with ``?`` marks."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import Notification

PAGE = 500


class StoreTables:
    def __init__(self, app: Application[UUID]) -> None:
        # the SQLite or PostgreSQL datastore (an in-memory store has none: nothing to keep in)
        self._store: Any = getattr(app.recorder, "datastore", None)
        schema = getattr(self._store, "schema", None)  # PostgreSQL's; SQLite has none
        self.postgres = schema is not None
        self._prefix = f'"{schema}".' if schema else ""

    def name(self, table: str) -> str:
        """``table`` in the store's schema."""
        return f"{self._prefix}{table}"

    def transaction(self, commit: bool = True) -> AbstractContextManager[Any]:
        """A cursor in one transaction (committed at the end when ``commit``)."""
        return self._store.transaction(commit=commit)  # type: ignore[no-any-return]

    def select(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self.transaction(commit=False) as cursor:
            cursor.execute(self.sql(sql), params)
            rows = cursor.fetchall()
        return [tuple(row.values()) if isinstance(row, dict) else tuple(row) for row in rows]

    def sql(self, sql: str) -> str:
        """``sql`` with the store's parameter marks."""
        return sql.replace("?", "%s") if self.postgres else sql


def log_pages(app: Application[UUID], after: int,
              topics: Sequence[str]) -> Iterator[Sequence[Notification]]:
    """The store's log beyond position ``after``, under ``topics``, page by page."""
    while True:
        page = app.recorder.select_notifications(after + 1, PAGE, topics=list(topics))
        if page:
            yield page
            after = page[-1].id
        if len(page) < PAGE:
            return
