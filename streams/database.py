"""The database beside the event store where the stream side keeps its positions and views:
PostgreSQL in production (same database and schema as the store), the SQLite file embedded."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg

from commands.settings import Settings


class Database:
    """Short transactions with one SQL dialect: write ``?`` placeholders; PostgreSQL gets ``%s``."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.is_postgres = settings.is_production

    def _connect(self) -> Any:
        s = self.settings
        if not self.is_postgres:
            s.data_dir.mkdir(parents=True, exist_ok=True)
            return sqlite3.connect(s.sqlite_path, timeout=30, isolation_level=None)
        conn = psycopg.connect(host=s.postgres_host, port=s.postgres_port, dbname=s.postgres_db,
                               user=s.postgres_user,
                               password=s.postgres_password.get_secret_value())
        if s.postgres_schema:
            conn.execute(f"SET search_path TO {s.postgres_schema}")
            conn.commit()
        return conn

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """One transaction: everything written in it commits together or not at all."""
        conn = self._connect()
        try:
            if not self.is_postgres:
                conn.execute("BEGIN IMMEDIATE")
            yield Transaction(conn, self.is_postgres)
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
        finally:
            conn.close()


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
