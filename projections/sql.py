"""The SQL transaction every view writes and reads in (PostgreSQL or SQLite)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol


class Sql(Protocol):
    """One transaction with ``?`` placeholders (PostgreSQL or SQLite)."""

    is_postgres: bool

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]: ...

    def executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None: ...

    def copy_rows(self, table: str, columns: Sequence[str],
                  rows: Iterable[Sequence[Any]]) -> None:
        """Insert many new rows (each in ``columns`` order) the fastest way the database has."""
