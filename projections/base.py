"""The shape every read model here shares: the certificate's folded document plus the columns
its queries filter on, kept in the view's own tables.

A view is a consumer ``Handler`` (``name``, ``setup``, ``apply``) by shape: the runner that
feeds it (Kafka or the notification log) commits the view's rows together with its input
position. Views know only the published message shape (``Message``) and a SQL transaction
(``Sql``); they import neither the stream nor the store.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

from projections.document import Doc, fold


class Sql(Protocol):
    """One transaction with ``?`` placeholders (PostgreSQL or SQLite)."""

    is_postgres: bool

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]: ...


class Message(Protocol):
    """A published event: the history line of the certificates topic."""

    @property
    def id(self) -> UUID: ...
    @property
    def version(self) -> int: ...
    @property
    def event(self) -> str: ...
    @property
    def at(self) -> datetime: ...


class DocumentView:
    """A read model of certificates: ``{table}_docs`` keeps each certificate's document, the
    table ``{table}`` the rows the queries read. Subclasses say which columns a document gives
    (``row``; None = not in this view) and may reduce what the document keeps (``keep``)."""

    name: str = ""
    columns: Sequence[tuple[str, str]] = ()
    indexes: Sequence[str] = ()

    @property
    def table(self) -> str:
        return self.name.replace("-", "_")

    def setup(self, tx: Sql) -> None:
        cols = ", ".join(f"{name} {kind}" for name, kind in self.columns)
        tx.execute(f"CREATE TABLE IF NOT EXISTS {self.table}_docs "
                   "(id TEXT PRIMARY KEY, doc TEXT NOT NULL)")
        tx.execute(f"CREATE TABLE IF NOT EXISTS {self.table} "
                   f"(id TEXT PRIMARY KEY, {cols}, doc TEXT NOT NULL)")
        for column in self.indexes:
            tx.execute(f"CREATE INDEX IF NOT EXISTS {self.table}_{column} "
                       f"ON {self.table} ({column})")

    def drop(self, tx: Sql) -> None:
        tx.execute(f"DROP TABLE IF EXISTS {self.table}")
        tx.execute(f"DROP TABLE IF EXISTS {self.table}_docs")

    def apply(self, tx: Sql, message: Any) -> None:
        cert_id = str(message.id)
        found = tx.execute(f"SELECT doc FROM {self.table}_docs WHERE id = ?",  # noqa: S608
                           (cert_id,))
        doc = fold(json.loads(found[0][0]) if found else None, message)
        if doc is None:
            return
        doc = self.keep(doc)
        encoded = json.dumps(doc, sort_keys=True)
        _upsert(tx, f"{self.table}_docs", ("id", "doc"), (cert_id, encoded))
        row = self.row(doc)
        if row is None:
            tx.execute(f"DELETE FROM {self.table} WHERE id = ?", (cert_id,))  # noqa: S608
            return
        names = ("id", *(name for name, _ in self.columns), "doc")
        _upsert(tx, self.table, names, (cert_id, *row, encoded))

    def keep(self, doc: Doc) -> Doc:
        return doc

    def row(self, doc: Doc) -> tuple[Any, ...] | None:
        raise NotImplementedError

    def dump(self, tx: Sql) -> list[tuple[Any, ...]]:
        """Every row in id order, to compare a rebuilt view with the live one."""
        return tx.execute(f"SELECT * FROM {self.table} ORDER BY id")  # noqa: S608


def _upsert(tx: Sql, table: str, names: Sequence[str], values: tuple[Any, ...]) -> None:
    marks = ", ".join("?" for _ in names)
    updates = ", ".join(f"{n} = excluded.{n}" for n in names[1:])
    tx.execute(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks}) "  # noqa: S608
               f"ON CONFLICT (id) DO UPDATE SET {updates}", values)


def docs(rows: Sequence[tuple[Any, ...]]) -> list[Doc]:
    """The documents of rows selected as ``SELECT doc ...``."""
    return [json.loads(row[0]) for row in rows]
