"""Rollups of the national statistics rows, kept by the projection as counts, so a national or
region report reads a few thousand counts instead of every case (issue 13's latency target).

- ``statistik_case_rollup``: national cases counted per report dimension and value, län, sex,
  first month and last month. A case overlaps a period whenever it starts before the period's
  last month and ends after its first month; only the cases starting in the last month or ending
  in the first month need their days compared, and those are read from the case rows.
- ``statistik_month_rollup``: national cases per month they overlap, län and sex.
- ``statistik_certificate_rollup``: counted certificates per signing day, type, län, sex and
  whether complemented.

Each is changed by deltas: the rows a recomputation removes count -1, the rows it writes +1,
summed per key first, so a patient's unchanged case costs nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from projections.base import Sql
from projections.statistik.sql import insert_many

CASE_DIMENSIONS = ("chapter", "block", "category", "age_group", "degree", "length_group",
                   "count_group", "doctor_age_group", "lan")
"""The case columns the national reports group by."""
CASE_SOURCE = ("lan", "sex", "start_day", "end_day", *CASE_DIMENSIONS[:-1])
"""The case columns a rollup key is made of, in this order."""
_TABLES = {
    "statistik_case_rollup": ("dimension", "value", "lan", "sex", "start_month", "end_month"),
    "statistik_month_rollup": ("month", "lan", "sex"),
    "statistik_certificate_rollup": ("day", "type", "lan", "sex", "complemented"),
}


_KIND = {"complemented": "INTEGER", "n": "INTEGER"}


def setup(tx: Sql) -> None:
    for table, key in _TABLES.items():
        columns = ", ".join(f"{name} {_KIND.get(name, 'TEXT')} NOT NULL" for name in key)
        tx.execute(f"CREATE TABLE IF NOT EXISTS {table} ({columns}, n INTEGER NOT NULL, "
                   f"PRIMARY KEY ({', '.join(key)}))")
    tx.execute("CREATE INDEX IF NOT EXISTS statistik_case_rollup_dimension_start_month "
               "ON statistik_case_rollup (dimension, start_month, end_month)")


def drop(tx: Sql) -> None:
    for table in _TABLES:
        tx.execute(f"DROP TABLE IF EXISTS {table}")


def _add(tx: Sql, table: str, deltas: Counter[tuple[Any, ...]]) -> None:
    key = _TABLES[table]
    columns = [(name, _KIND.get(name, "TEXT")) for name in (*key, "n")]
    insert_many(tx, table, columns, [(*found, n) for found, n in deltas.items() if n],
                f" ON CONFLICT ({', '.join(key)}) DO UPDATE SET n = {table}.n + excluded.n")


def _case_keys(row: Sequence[Any]) -> Iterable[tuple[str, ...]]:
    lan, sex, start, end, *values = row
    start_month, end_month = str(start)[:7], str(end)[:7]
    for dimension, value in zip(CASE_DIMENSIONS, (*values, lan), strict=True):
        yield (dimension, str(value), lan, sex, start_month, end_month)


def _month_keys(row: Sequence[Any]) -> Iterable[tuple[str, ...]]:
    lan, sex, start, end = row[:4]
    for month in months_of(str(start), str(end)):
        yield (month, lan, sex)


def months_of(first: str, last: str) -> list[str]:
    """Every month ("YYYY-MM") from the one of ``first`` to the one of ``last`` (ISO days)."""
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return [f"{n // 12:04d}-{n % 12 + 1:02d}"
            for n in range(start.year * 12 + start.month - 1, end.year * 12 + end.month)]


def change_cases(tx: Sql, removed: Iterable[Sequence[Any]],
                 written: Iterable[Sequence[Any]]) -> None:
    """Count national case rows (``CASE_SOURCE`` order) out of and into the rollups."""
    cases: Counter[tuple[Any, ...]] = Counter()
    months: Counter[tuple[Any, ...]] = Counter()
    for sign, rows in ((-1, removed), (1, written)):
        for row in rows:
            for found in _case_keys(row):
                cases[found] += sign
            for found in _month_keys(row):
                months[found] += sign
    _add(tx, "statistik_case_rollup", cases)
    _add(tx, "statistik_month_rollup", months)


def change_certificates(tx: Sql, removed: Iterable[Sequence[Any]],
                        written: Iterable[Sequence[Any]]) -> None:
    """Count certificates (day, type, län, sex, complemented; only counted ones) out of and
    into the rollup."""
    deltas: Counter[tuple[Any, ...]] = Counter()
    for sign, rows in ((-1, removed), (1, written)):
        for row in rows:
            deltas[tuple(row)] += sign
    _add(tx, "statistik_certificate_rollup", deltas)


def count_all(tx: Sql) -> None:
    """Every rollup counted anew from the rows (the end of a replay from the start): the
    same counts the deltas keep, without a key whose count went back to 0."""
    for table in _TABLES:
        tx.execute(f"DELETE FROM {table}")  # noqa: S608
    start_month, end_month = "substr(start_day, 1, 7)", "substr(end_day, 1, 7)"
    for dimension in CASE_DIMENSIONS:
        tx.execute(
            "INSERT INTO statistik_case_rollup (dimension, value, lan, sex, start_month, "  # noqa: S608
            f"end_month, n) SELECT '{dimension}', CAST({dimension} AS TEXT), lan, sex, "
            f"{start_month}, {end_month}, COUNT(*) FROM statistik_cases WHERE level = "
            f"'national' GROUP BY CAST({dimension} AS TEXT), lan, sex, {start_month}, "
            f"{end_month}")
    tx.execute("INSERT INTO statistik_month_rollup (month, lan, sex, n) SELECT month, lan, "
               "sex, COUNT(*) FROM statistik_case_months WHERE level = 'national' "
               "GROUP BY month, lan, sex")
    tx.execute("INSERT INTO statistik_certificate_rollup (day, type, lan, sex, complemented, "
               "n) SELECT signed, type, lan, sex, complemented, COUNT(*) FROM statistik "
               "WHERE counted = 1 GROUP BY signed, type, lan, sex, complemented")
