"""A replay of the statistik view from the start, done in bulk (docs/statistics.md, "Versions
and rebuild"): while it runs, each batch writes its certificate and message rows and notes
whose cases changed, with no case row, rollup or secondary index kept current; at its end, each
noted patient's cases are written once, the indexes built over the whole tables, and the
rollups counted from the rows in SQL.

A noted patient has no case row: the replay dropped them all, and a patient's cases are
written in the same transaction that forgets the note. A marker row says that the rollups are
still to be counted, so a replay cut short at any point is finished by the view's next start.
"""

from __future__ import annotations

from collections.abc import Sequence

from projections.base import Sql
from projections.statistik import rollups, rows

_MARKER = "statistik_replay"
_STEP = 5000
"""Patients whose cases one step writes (one transaction each)."""


def setup(tx: Sql) -> None:
    tx.execute(f"CREATE TABLE IF NOT EXISTS {_MARKER} (rollups_due INTEGER NOT NULL)")


def drop(tx: Sql) -> None:
    tx.execute(f"DROP TABLE IF EXISTS {_MARKER}")


def begin(tx: Sql, tables: Sequence[str]) -> None:
    """Mark the rollups due and drop the secondary indexes of ``tables`` (built again, once,
    when they are needed: cheaper than keeping them current row by row)."""
    tx.execute(f"DELETE FROM {_MARKER}")  # noqa: S608
    tx.execute(f"INSERT INTO {_MARKER} VALUES (1)")  # noqa: S608
    for table in tables:
        for name in _secondary_indexes(tx, table):
            tx.execute(f"DROP INDEX IF EXISTS {name}")


def step(tx: Sql, limit: int = _STEP) -> bool:
    """Write the cases of up to ``limit`` noted patients and forget them; when none are left,
    build the case tables' indexes and count the rollups. False once nothing is left to do."""
    patients = [str(row[0]) for row in tx.execute(
        "SELECT patient FROM statistik_pending ORDER BY patient LIMIT ?", (limit,))]
    if patients:
        rows.write_new(tx, patients)
        rows.forget_pending(tx, patients)
        return True
    if tx.execute(f"SELECT COUNT(*) FROM {_MARKER}")[0][0]:  # noqa: S608
        rows.setup(tx)
        rollups.count_all(tx)
        tx.execute(f"DELETE FROM {_MARKER}")  # noqa: S608
    return False


def _secondary_indexes(tx: Sql, table: str) -> list[str]:
    """The indexes of ``table`` other than its primary key's."""
    if tx.is_postgres:
        found = tx.execute("SELECT i.indexname FROM pg_indexes i JOIN pg_index x ON "
                           "x.indexrelid = (quote_ident(i.schemaname) || '.' || "
                           "quote_ident(i.indexname))::regclass WHERE i.schemaname = "
                           "current_schema() AND i.tablename = ? AND NOT x.indisprimary",
                           (table,))
    else:
        found = tx.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND "
                           "tbl_name = ? AND sql IS NOT NULL", (table,))
    return [str(row[0]) for row in found]
