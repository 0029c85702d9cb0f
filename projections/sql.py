"""The SQL transaction every view writes and reads in (PostgreSQL or SQLite)."""

from __future__ import annotations

from typing import Any, Protocol


class Sql(Protocol):
    """One transaction with ``?`` placeholders (PostgreSQL or SQLite)."""

    is_postgres: bool

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]: ...

    def executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None: ...
