"""The shape every read model here shares: the certificate's folded document plus the columns
its queries filter on, kept in the view's own tables.

A view is a consumer ``Handler`` (``name``, ``setup``, ``apply``) by shape: the runner that
feeds it (Kafka or the notification log) commits the view's rows together with its input
position. Views know only the published message shape (``Message``) and a SQL transaction
(``Sql``); they import neither the stream nor the store.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, TypeVar
from uuid import UUID

import orjson

from projections.document import Doc, certificate_key, fold
from projections.sealing import PatientSeal, open_docs, seal_docs, seal_values
from projections.sql import Sql as Sql  # re-exported: the views import it from here

_T = TypeVar("_T")
CHUNK = 500
"""Values per ``IN (...)`` list: one statement per chunk (``chunks``)."""
FOLD_VERSION = 2
"""The meaning of a view's documents. Raise it when the fold of the same events changes (2:
statuses newest first everywhere, a question's state folded by ``domain.questions.fold``), so
views written by an earlier fold are dropped and replayed when their consumer starts."""


@dataclass
class Held:
    """A document as the view holds it: the versions folded into it (by aggregate id), and
    whether it is in the listed rows (None: new in this batch)."""

    doc: Doc
    versions: dict[str, int]
    listed: bool | None


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
    """A read model of certificates: the table ``{table}`` holds the rows the queries read, each
    with its document; ``{table}_docs`` the documents of certificates not listed (a discarded
    draft, say), so each document is stored once. Subclasses say which columns a document gives
    (``row``; None = not in this view) and may reduce what the document keeps (``keep``).

    Beside each document the view keeps the version it has applied of each aggregate folded
    into it (column ``versions``: the certificate's and each of its conversations'), and drops a
    message whose aggregate version it holds already: the view itself is the dedupe record
    (``dedupes``), no table of event ids grows beside it.

    A view that keeps patient data (``holds_patient_data``) rests it sealed
    (``projections.sealing``): it is built with the runtime's seal and keeps the patient's
    blind index, never the personnummer, in its columns."""

    name: str = ""
    version = 1
    """The view's shape: raise it when its tables or the meaning of its rows change, so the
    view is built anew (beside the old one in production: ``streams.view_versions``)."""
    dedupes = True
    holds_patient_data = False
    sealed_columns: Sequence[str] = ()
    """Columns whose values hold patient data: stored sealed (``projections.sealing``)."""
    _patient_seal: PatientSeal | None = None
    _held: dict[str, Held] = {}  # noqa: RUF012 (the last batch's documents: set per batch)
    columns: Sequence[tuple[str, str]] = ()
    indexes: Sequence[str | tuple[str, ...]] = ()
    """Columns to index: a name, or a tuple of names for one index over several columns."""

    def __init__(self, seal: PatientSeal | None = None) -> None:
        self._patient_seal = seal

    @property
    def seal(self) -> PatientSeal:
        if self._patient_seal is None:
            raise RuntimeError(f"The {self.name} view was built without the patients' seal.")
        return self._patient_seal

    @property
    def table(self) -> str:
        return self.name.replace("-", "_")

    def setup(self, tx: Sql) -> None:
        cols = ", ".join(f"{name} {kind}" for name, kind in self.columns)
        tx.execute(f"CREATE TABLE IF NOT EXISTS {self.table}_docs "
                   "(id TEXT PRIMARY KEY, doc TEXT NOT NULL, versions TEXT NOT NULL)")
        tx.execute(f"CREATE TABLE IF NOT EXISTS {self.table} "
                   f"(id TEXT PRIMARY KEY, {cols}, doc TEXT NOT NULL, versions TEXT NOT NULL)")
        for index in self.indexes:
            names = (index,) if isinstance(index, str) else tuple(index)
            tx.execute(f"CREATE INDEX IF NOT EXISTS {self.table}_{'_'.join(names)} "
                       f"ON {self.table} ({', '.join(names)})")
        tx.execute("CREATE TABLE IF NOT EXISTS view_fold_version "
                   "(view TEXT PRIMARY KEY, version INTEGER NOT NULL)")
        tx.execute("DELETE FROM view_fold_version WHERE view = ?", (self.table,))
        tx.execute("INSERT INTO view_fold_version VALUES (?, ?)", (self.table, self.shape))

    @property
    def shape(self) -> int:
        """What ``view_fold_version`` keeps for the view: the fold's version and the view's."""
        return FOLD_VERSION + 100 * (self.version - 1)

    def outdated(self, tx: Sql) -> bool:
        """Whether the view's table exists with other columns than this code writes, or was
        written by another fold or view version."""
        found = table_columns(tx, self.table)
        if not found:
            return False
        return found != {"id", *(n for n, _ in self.columns), "doc", "versions"} or \
            self._fold_version(tx) != self.shape

    def _fold_version(self, tx: Sql) -> int | None:
        """The fold version the view was written with (None: before versions were kept)."""
        tx.execute("CREATE TABLE IF NOT EXISTS view_fold_version "
                   "(view TEXT PRIMARY KEY, version INTEGER NOT NULL)")
        rows = tx.execute("SELECT version FROM view_fold_version WHERE view = ?", (self.table,))
        return int(rows[0][0]) if rows else None

    def drop(self, tx: Sql) -> None:
        tx.execute(f"DROP TABLE IF EXISTS {self.table}")
        tx.execute(f"DROP TABLE IF EXISTS {self.table}_docs")

    def apply(self, tx: Sql, message: Any) -> None:
        self.apply_many(tx, [message])

    def apply_many(self, tx: Sql, messages: Sequence[Any]) -> int:
        """Fold a batch of messages: each touched document is read once and written once. A
        message whose aggregate version the document holds already is dropped. Returns how many
        were dropped so."""
        keys = [certificate_key(m) for m in messages]
        held = self._read(tx, list(dict.fromkeys(keys)))
        changed: dict[str, Doc] = {}
        duplicates = 0
        for message, cert_id in zip(messages, keys, strict=True):
            aggregate = str(message.id)
            stored = held.get(cert_id)
            versions = stored.versions if stored else {}
            if versions.get(aggregate, 0) >= message.version:
                duplicates += 1
                continue
            doc = fold(stored.doc if stored else None, message)
            if doc is None:
                continue
            held[cert_id] = Held(self.keep(doc), {**versions, aggregate: message.version},
                                 stored.listed if stored else None)
            changed[cert_id] = held[cert_id].doc
        self._held = held
        self._write(tx, changed)
        return duplicates

    def _read(self, tx: Sql, ids: list[str]) -> dict[str, Held]:
        """The stored documents of ``ids`` with their versions, from the listed rows first."""
        found: dict[str, Held] = {}
        for table, listed in ((self.table, True), (f"{self.table}_docs", False)):
            wanted = [cert_id for cert_id in ids if cert_id not in found]
            for chunk in chunks(wanted):
                marks = ", ".join("?" for _ in chunk)
                rows = tx.execute(f"SELECT id, doc, versions FROM {table} "  # noqa: S608
                                  f"WHERE id IN ({marks})", tuple(chunk))
                opened = self.opened(tx, [orjson.loads(row[1]) for row in rows])
                found.update((str(row[0]), Held(doc, orjson.loads(row[2]), listed))
                             for row, doc in zip(rows, opened, strict=True))
        return found

    def opened(self, tx: Sql, stored: Sequence[Doc]) -> list[Doc]:
        """Documents as the fold wrote them, from the stored ones."""
        return open_docs(tx, self.seal, stored) if self.holds_patient_data else list(stored)

    def _write(self, tx: Sql, changed: dict[str, Doc]) -> None:
        """Each changed document once: in its row when listed, else in ``{table}_docs``; moved
        out of the other table when its listing changed."""
        resting = (seal_docs(tx, self.seal, list(changed.values())) if self.holds_patient_data
                   else changed.values())
        encoded = {cert_id: (orjson.dumps(doc, option=orjson.OPT_SORT_KEYS).decode(),
                             orjson.dumps(self._held[cert_id].versions).decode())
                   for cert_id, doc in zip(changed, resting, strict=True)}
        names = ("id", *(name for name, _ in self.columns), "doc", "versions")
        kept: dict[str, tuple[Doc, tuple[Any, ...]]] = {}
        unlisted, was_listed, was_unlisted = [], [], []
        for cert_id, doc in changed.items():
            row, before = self.row(doc), self._held[cert_id].listed
            if row is None:
                unlisted.append((cert_id, *encoded[cert_id]))
                if before:
                    was_listed.append((cert_id,))
            else:
                kept[cert_id] = (doc, row)
                if before is False:
                    was_unlisted.append((cert_id,))
        sealed = self._sealed_rows(tx, list(kept.values()))
        rows = [(cert_id, *row, *encoded[cert_id])
                for cert_id, row in zip(kept, sealed, strict=True)]
        tx.executemany(f"DELETE FROM {self.table} WHERE id = ?", was_listed)  # noqa: S608
        tx.executemany(f"DELETE FROM {self.table}_docs WHERE id = ?", was_unlisted)  # noqa: S608
        tx.executemany(_upsert_sql(f"{self.table}_docs", ("id", "doc", "versions")), unlisted)
        tx.executemany(_upsert_sql(self.table, names), rows)
        self.written(tx, changed)

    def _sealed_rows(self, tx: Sql, rows: list[tuple[Doc, tuple[Any, ...]]],
                     ) -> list[tuple[Any, ...]]:
        """The rows with the values of ``sealed_columns`` sealed under each doc's patient
        (one key lookup for all)."""
        if not self.sealed_columns:
            return [row for _, row in rows]
        names = [name for name, _ in self.columns]
        at = [names.index(column) for column in self.sealed_columns]
        wanted = [(doc["patient"]["personnummer"], f"{self.table}.{names[i]}:{doc['id']}", row[i])
                  for doc, row in rows for i in at if row[i] is not None]
        sealed = iter(seal_values(tx, self.seal, wanted))
        return [tuple(next(sealed) if i in at and value is not None else value
                      for i, value in enumerate(row)) for _, row in rows]

    def written(self, tx: Sql, changed: dict[str, Doc]) -> None:
        """After the rows of the ``changed`` documents were written, in the same transaction:
        a view that keeps more than one row per document brings the rest up to date here."""

    def keep(self, doc: Doc) -> Doc:
        return doc

    def row(self, doc: Doc) -> tuple[Any, ...] | None:
        raise NotImplementedError

    def dump(self, tx: Sql) -> list[tuple[Any, ...]]:
        """Every row in id order, to compare a rebuilt view with the live one."""
        return tx.execute(f"SELECT * FROM {self.table} ORDER BY id")  # noqa: S608


def chunks(items: Sequence[_T], size: int = CHUNK) -> Iterator[Sequence[_T]]:
    """``items`` in consecutive slices of at most ``size`` (the values of one ``IN`` list)."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def table_columns(tx: Sql, table: str) -> set[str]:
    """The column names of ``table``; empty when there is no such table."""
    if tx.is_postgres:
        rows = tx.execute("SELECT column_name FROM information_schema.columns "
                          "WHERE table_schema = current_schema() AND table_name = ?", (table,))
    else:
        rows = [(row[1],) for row in tx.execute(f"PRAGMA table_info({table})")]
    return {str(row[0]) for row in rows}


def _upsert_sql(table: str, names: Sequence[str]) -> str:
    marks = ", ".join("?" for _ in names)
    updates = ", ".join(f"{n} = excluded.{n}" for n in names[1:])
    return (f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks}) "  # noqa: S608
            f"ON CONFLICT (id) DO UPDATE SET {updates}")


def docs(tx: Sql, seal: PatientSeal, rows: Sequence[tuple[Any, ...]]) -> list[Doc]:
    """The documents of a patient data view's rows selected as ``SELECT doc ...``, opened."""
    return open_docs(tx, seal, [orjson.loads(row[0]) for row in rows])
