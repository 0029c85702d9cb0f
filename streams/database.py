"""The database beside the event store where the stream side keeps its positions and views:
PostgreSQL in production (same database and schema as the store), the SQLite file embedded."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg

from commands.settings import Settings


class Database:
    """Short transactions with one SQL dialect: write ``?`` placeholders; PostgreSQL gets ``%s``."""

    def __init__(self, settings: Settings, *, keep_idle: int = 0,
                 schemas: tuple[str, ...] = ()) -> None:
        """``keep_idle``: how many PostgreSQL connections to keep open between transactions
        (long-lived users such as the query API; connecting costs ~15 ms a time). ``schemas``:
        the PostgreSQL schemas to search for unqualified names (and create in the first), in
        place of the settings' one (a view's new version built beside the serving one)."""
        self.settings, self.schemas = settings, schemas
        self.is_postgres = settings.is_production
        self._keep_idle = keep_idle if self.is_postgres else 0
        self._idle: list[Any] = []
        self._lock = threading.Lock()

    def close(self) -> None:
        """Close the idle connections kept for reuse."""
        with self._lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()

    def _checkout(self) -> Any:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        return self._connect()

    def _checkin(self, conn: Any, healthy: bool) -> None:
        if healthy and self._keep_idle and not conn.closed:
            with self._lock:
                if len(self._idle) < self._keep_idle:
                    self._idle.append(conn)
                    return
        conn.close()

    def _connect(self) -> Any:
        s = self.settings
        if not self.is_postgres:
            s.data_dir.mkdir(parents=True, exist_ok=True)
            return sqlite3.connect(s.sqlite_path, timeout=30, isolation_level=None)
        conn = psycopg.connect(host=s.postgres_host, port=s.postgres_port, dbname=s.postgres_db,
                               user=s.postgres_user,
                               password=s.postgres_password.get_secret_value())
        path = ", ".join(self.schemas) if self.schemas else s.postgres_schema
        if path:
            conn.execute(f"SET search_path TO {path}")
            conn.commit()
        _compress_with_lz4(conn)
        return conn

    @contextmanager
    def reading(self) -> Iterator[Transaction]:
        """Reads, each statement on its own (no BEGIN and COMMIT around them: two round trips
        fewer): for reads that need no snapshot shared between their statements (PostgreSQL's
        READ COMMITTED gives each statement its own anyway). Nothing is to be written here."""
        conn = self._checkout()
        healthy = False
        try:
            if self.is_postgres:
                conn.autocommit = True
            yield Transaction(conn, self.is_postgres)
            if self.is_postgres:
                conn.autocommit = False
            healthy = True
        finally:
            self._checkin(conn, healthy)

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """One transaction: everything written in it commits together or not at all."""
        conn = self._checkout()
        healthy = False
        try:
            if not self.is_postgres:
                conn.execute("BEGIN IMMEDIATE")
            yield Transaction(conn, self.is_postgres)
            conn.commit()
            healthy = True
        except BaseException:
            with contextlib.suppress(Exception):
                conn.rollback()
                healthy = self.is_postgres and not conn.closed
            raise
        finally:
            self._checkin(conn, healthy)


def _compress_with_lz4(conn: Any) -> None:
    """Large values (the views' documents) compressed with lz4 instead of pglz: several times
    less of the server's CPU per row written or read, for a few per cent more disk. A server
    built without lz4 keeps pglz. Values written before stay readable either way."""
    try:
        conn.execute("SET default_toast_compression = 'lz4'")
        conn.commit()
    except psycopg.Error:
        conn.rollback()


class Transaction:
    def __init__(self, conn: Any, is_postgres: bool) -> None:
        self._conn = conn
        self.is_postgres = is_postgres

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        if self.is_postgres:
            sql = sql.replace("?", "%s")
        cursor = self._conn.execute(sql, params)
        try:
            return list(cursor.fetchall())
        except (psycopg.ProgrammingError, sqlite3.ProgrammingError):
            return []

    def executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        """One statement for many parameter rows (nothing to do for none)."""
        if not rows:
            return
        if self.is_postgres:
            sql = sql.replace("?", "%s")
            with self._conn.cursor() as cursor:
                cursor.executemany(sql, rows)
            return
        self._conn.executemany(sql, rows)

    def copy_rows(self, table: str, columns: Sequence[str],
                  rows: Iterable[Sequence[Any]]) -> None:
        """Many new rows into one table: PostgreSQL takes them by ``COPY`` (several times
        faster than any INSERT of the same rows), SQLite one INSERT per row."""
        names = ", ".join(columns)
        if not self.is_postgres:
            marks = ", ".join("?" for _ in columns)
            self._conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})",  # noqa: S608
                                   [tuple(row) for row in rows])
            return
        with self._conn.cursor() as cursor, \
                cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
