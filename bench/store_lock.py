"""What the event store's table lock costs and what it buys, on raw psycopg (no application):

The store (the eventsourcing library's PostgreSQL recorder) takes ``LOCK TABLE ... IN EXCLUSIVE
MODE`` in every insert transaction so that notification ids, drawn from a sequence at insert
time, become visible in id order. This prints, for rows shaped like the store's (614 random
bytes of state), inserted into a table with a ``bigserial`` notification id:

1. serial inserts, one row per transaction (the baseline of every write benchmark);
2. ``--threads`` writers, one row per transaction, without the lock;
3. the same with the store's lock;
4. the same rows committed in groups of ``--threads`` rows per transaction with the lock (what
   group commit does).

For 2 and 3 a reader tails the table as the relay tails the notification log (rows after the
last id it saw, in id order) and counts the rows it passed over for good: rows that became
visible after the reader had already moved past their id. Without the lock that number is
above zero whenever writers overlap; with it, zero. So the lock stays (commands.group_commit),
and group commit pays it once per group instead of once per command.

Run: ``.venv/bin/python bench/store_lock.py [--rows 4000] [--threads 8]``.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.commands import postgres_dsn
from commands.settings import Settings

SIZE = 614


class Table:
    """A table shaped like the store's events table, in a schema of the run's own."""

    def __init__(self, dsn: str, schema: str, name: str) -> None:
        self.dsn, self.name = dsn, f"{schema}.{name}"
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"CREATE TABLE {self.name} (originator_id uuid, "
                         "originator_version bigint, topic text, state bytea, "
                         "notification_id bigserial, "
                         "PRIMARY KEY (originator_id, originator_version))")

    def write(self, rows: int, per_tx: int, lock: bool) -> None:
        insert = (f"INSERT INTO {self.name} (originator_id, originator_version, topic, state) "
                  "VALUES (%s, 1, 'bench', %s)")
        with psycopg.connect(self.dsn, autocommit=True) as conn:
            for _ in range(rows // per_tx):
                with conn.transaction():
                    if lock:
                        conn.execute(f"LOCK TABLE {self.name} IN EXCLUSIVE MODE")
                    with conn.cursor() as cur:
                        cur.executemany(insert, [(uuid.uuid4(), os.urandom(SIZE))
                                                 for _ in range(per_tx)])


def tail(table: Table, stop: threading.Event, seen: set[int], passed: list[int]) -> None:
    """Read as the relay reads: rows after the last id seen, in id order; ``passed`` gets the
    reader's position after each read."""
    position = 0
    with psycopg.connect(table.dsn, autocommit=True) as conn:
        while not stop.is_set():
            rows = conn.execute(f"SELECT notification_id FROM {table.name} "
                                "WHERE notification_id > %s ORDER BY notification_id",
                                (position,)).fetchall()
            for (row_id,) in rows:
                seen.add(row_id)
                position = row_id
            passed.append(position)


def timed(table: Table, rows: int, threads: int, per_tx: int, lock: bool,
          watch: bool) -> tuple[float, int | None]:
    """(rows/s, rows a tailing reader passed over for good, when watched)."""
    stop, seen, passed = threading.Event(), set[int](), list[int]()
    reader = threading.Thread(target=tail, args=(table, stop, seen, passed))
    if watch:
        reader.start()
    writers = [threading.Thread(target=table.write, args=(rows // threads, per_tx, lock))
               for _ in range(threads)]
    started = time.perf_counter()
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    took = time.perf_counter() - started
    if not watch:
        return rows / took, None
    time.sleep(0.2)
    stop.set()
    reader.join()
    with psycopg.connect(table.dsn, autocommit=True) as conn:
        stored = [r[0] for r in conn.execute(f"SELECT notification_id FROM {table.name}")]
    final = max(passed, default=0)
    return rows / took, sum(1 for row_id in stored if row_id <= final and row_id not in seen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=4000)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    rows, threads = args.rows, args.threads
    dsn, schema = postgres_dsn(Settings()), f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        figures: list[tuple[str, float, Any]] = [
            ("serial, 1 row per tx (baseline)",
             *timed(Table(dsn, schema, "serial"), rows, 1, 1, lock=False, watch=False)),
            (f"{threads} threads, 1 row per tx, no lock",
             *timed(Table(dsn, schema, "unlocked"), rows, threads, 1, lock=False, watch=True)),
            (f"{threads} threads, 1 row per tx, table lock",
             *timed(Table(dsn, schema, "locked"), rows, threads, 1, lock=True, watch=True)),
            (f"{threads} rows per tx (grouped), table lock",
             *timed(Table(dsn, schema, "grouped"), rows, 1, threads, lock=True, watch=True)),
        ]
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
    baseline = figures[0][1]
    print(f"rows: {rows} of {SIZE} state bytes; ratio to the serial baseline in this run")
    for label, rate, skipped in figures:
        missed = "" if skipped is None else f"; passed over by a tailing reader: {skipped}"
        print(f"{label:44s} {rate:8.0f} rows/s  ratio {rate / baseline:5.2f}{missed}")


if __name__ == "__main__":
    main()
