"""Writing many rows in few statements (the statistics projection writes several rows per
certificate). New rows go in by ``Sql.copy_rows`` (``COPY`` on PostgreSQL: about seven times
faster than an INSERT of the same rows, measured). An upsert (``on_conflict``) takes on
PostgreSQL one INSERT with each column as one array (``unnest``), so the statement stays small
however many rows it carries, the arrays in binary (``%b``), which spares psycopg quoting every
text element. SQLite runs one statement per row, which costs it nothing but the call."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from projections.base import Sql

Column = tuple[str, str]
"""A column's name and SQL type ("TEXT" or "INTEGER", anything after it ignored)."""


def insert_many(tx: Sql, table: str, columns: Sequence[Column], rows: Sequence[Sequence[Any]],
                on_conflict: str = "") -> None:
    """Insert the rows (each in ``columns`` order), ``on_conflict`` appended to the statement."""
    if not rows:
        return
    if not on_conflict:
        tx.copy_rows(table, [name for name, _ in columns], rows)
        return
    names = ", ".join(name for name, _ in columns)
    if not tx.is_postgres:
        marks = ", ".join("?" for _ in columns)
        tx.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks}){on_conflict}",  # noqa: S608
                       [tuple(row) for row in rows])
        return
    # ``%b`` (binary) passes through ``Transaction``'s ``?`` -> ``%s`` rewrite untouched.
    arrays = ", ".join(f"%b::{kind.split()[0].lower()}[]" for _, kind in columns)
    tx.execute(f"INSERT INTO {table} ({names}) SELECT * FROM unnest({arrays}){on_conflict}",  # noqa: S608
               tuple(list(values) for values in zip(*rows, strict=True)))
