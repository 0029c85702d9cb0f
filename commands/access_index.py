"""The access log's index: each entry's listing line, and which patients (blind indexes) each
entry is about, in tables of the event store's own database (the SQLite file embedded, the
store's PostgreSQL schema in production), kept from the store's log of access entries.

A listing first catches the index up with the log (only the entries written since the last
listing, whichever process wrote them), then reads its own rows: an entry written is found at
once and a listing never scans the store. The writes are idempotent (a row per log position,
the position only moves forward), so two processes catching up at once agree. Table names are
built from the store's schema setting, never from a request. The rows hold
ids, codes and blind indexes only, never a personnummer. Dropping the three tables rebuilds the
index from the log on the next listing.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import Notification

from commands.store_tables import StoreTables, log_pages
from domain.access.entry import AccessEntry
from domain.topics import topics_of

TOPICS = topics_of(AccessEntry)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_COLUMNS = "e.entry_id, e.at, e.what, e.reason, e.certificate_ids, e.role, e.hsa_id, " \
           "e.care_unit, e.care_giver"


def micros(at: datetime) -> int:
    """``at`` as microseconds since 1970 (UTC; a time without a zone is taken as UTC)."""
    aware = at if at.tzinfo else at.replace(tzinfo=UTC)
    return (aware - _EPOCH) // timedelta(microseconds=1)


def entry_of(app: Application[UUID], notification: Notification) -> AccessEntry:
    """The access entry a notification of ``TOPICS`` holds."""
    created: Any = app.mapper.to_domain_event(notification)
    entry = created.mutate(None)
    if not isinstance(entry, AccessEntry):  # the topic filter admits entries only
        raise TypeError(f"notification {notification.id} is no access entry")
    return entry


class AccessIndex:
    """The index of ``app``'s access entries (``AccessLog`` lists through it)."""

    def __init__(self, app: Application[UUID]) -> None:
        self._app, self._tables = app, StoreTables(app)
        self._postgres = self._tables.postgres
        self._entries = self._tables.name("access_index_entries")
        self._patients = self._tables.name("access_index_patients")
        self._position = self._tables.name("access_index_position")
        self._lock = threading.Lock()
        self._ready = False

    # --- reading --------------------------------------------------------------------------
    def of_patient(self, patient: bytes) -> list[dict[str, Any]]:
        """The lines of every entry about the patient (a raw blind index), oldest first."""
        return self._lines(
            f"SELECT {_COLUMNS} FROM {self._patients} p JOIN {self._entries} e "  # noqa: S608
            "ON e.position = p.position WHERE p.patient = ? ORDER BY e.position", (patient,))

    def of_care_giver(self, care_giver: str, person: str | None, patient: bytes | None,
                      since: datetime | None, until: datetime | None) -> list[dict[str, Any]]:
        """The care giver's lines, by reader (HSA id), patient and period, oldest first."""
        where: list[str] = ["e.care_giver = ?"]
        params: list[Any] = [care_giver]
        has_patient = (f"EXISTS (SELECT 1 FROM {self._patients} p "  # noqa: S608
                       "WHERE p.patient = ? AND p.position = e.position)")
        for clause, value in (("e.hsa_id = ?", person),
                              ("e.at_us >= ?", since and micros(since)),
                              ("e.at_us < ?", until and micros(until)),
                              (has_patient, patient)):
            if value is not None:
                where.append(clause)
                params.append(value)
        return self._lines(f"SELECT {_COLUMNS} FROM {self._entries} e "  # noqa: S608
                           f"WHERE {' AND '.join(where)} ORDER BY e.position", tuple(params))

    def count(self) -> int:
        self.caught_up()
        rows = self._select(f"SELECT count(*) FROM {self._entries}")  # noqa: S608
        return int(rows[0][0])

    def _lines(self, sql: str, params: tuple[Any, ...]) -> list[dict[str, Any]]:
        self.caught_up()
        return [{"id": entry_id, "at": datetime.fromisoformat(at), "what": what,
                 "reason": reason, "certificate_ids": ids.split(), "role": role,
                 "hsa_id": hsa_id, "care_unit": unit, "care_giver": giver}
                for entry_id, at, what, reason, ids, role, hsa_id, unit, giver
                in self._select(sql, params)]

    # --- keeping up with the log ----------------------------------------------------------
    def caught_up(self) -> None:
        """Add every access entry the log holds beyond the index's position."""
        with self._lock:
            self._prepare()
            position = int(self._select(
                f"SELECT coalesce(max(position), 0) FROM {self._position}")[0][0])  # noqa: S608
            for page in log_pages(self._app, position, TOPICS):
                self._add(page)

    def _add(self, page: Sequence[Notification]) -> None:
        with self._tables.transaction() as cursor:
            for notification in page:
                self._add_entry(cursor, notification.id, entry_of(self._app, notification))
            cursor.execute(self._sql(
                f"INSERT INTO {self._position} VALUES ('entries', ?) ON CONFLICT (name) "  # noqa: S608
                "DO UPDATE SET position = excluded.position "
                "WHERE access_index_position.position < excluded.position"), (page[-1].id,))

    def _add_entry(self, cursor: Any, position: int, entry: AccessEntry) -> None:
        reader = entry.reader
        cursor.execute(self._sql(
            f"INSERT INTO {self._entries} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "  # noqa: S608
            "ON CONFLICT (position) DO NOTHING"),
            (position, str(entry.id), entry.at.isoformat(), micros(entry.at), reader["role"],
             reader["hsa_id"], reader["care_unit"], reader["care_giver"], entry.what,
             entry.reason, " ".join(entry.certificate_ids)))
        digests = entry.patient_digests()
        if self._postgres:  # one statement and one bytea for thousands of patients
            cursor.execute(
                f"INSERT INTO {self._patients} SELECT substring(packed.b FROM g * 32 + 1 "  # noqa: S608
                "FOR 32), %s FROM (SELECT %s::bytea AS b) AS packed, "
                "generate_series(0, length(packed.b) / 32 - 1) AS g ON CONFLICT DO NOTHING",
                (position, b"".join(digests)))
        elif digests:
            cursor.executemany(f"INSERT INTO {self._patients} VALUES (?, ?) "  # noqa: S608
                               "ON CONFLICT DO NOTHING", [(d, position) for d in digests])

    def _prepare(self) -> None:
        if self._ready:
            return
        blob = "BYTEA" if self._postgres else "BLOB"
        with self._tables.transaction() as cursor:
            for statement in (
                f"CREATE TABLE IF NOT EXISTS {self._entries} (position BIGINT PRIMARY KEY, "
                "entry_id TEXT NOT NULL, at TEXT NOT NULL, at_us BIGINT NOT NULL, "
                "role TEXT NOT NULL, hsa_id TEXT NOT NULL, care_unit TEXT NOT NULL, "
                "care_giver TEXT NOT NULL, what TEXT NOT NULL, reason TEXT, "
                "certificate_ids TEXT NOT NULL)",
                f"CREATE INDEX IF NOT EXISTS access_index_by_care_giver ON {self._entries} "
                "(care_giver, position)",
                f"CREATE TABLE IF NOT EXISTS {self._patients} (patient {blob} NOT NULL, "
                "position BIGINT NOT NULL, PRIMARY KEY (patient, position))",
                f"CREATE TABLE IF NOT EXISTS {self._position} (name TEXT PRIMARY KEY, "
                "position BIGINT NOT NULL)",
            ):
                cursor.execute(statement)
        self._ready = True

    def _select(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        return self._tables.select(sql, params)

    def _sql(self, sql: str) -> str:
        return self._tables.sql(sql)
