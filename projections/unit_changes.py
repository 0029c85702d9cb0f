"""The changes of each unit's Rehabstöd rows (``projections.sick_leave_timelines``), kept for
readers that computed from the rows as they were at some revision token of the unit.

Each write of a unit's rows leaves one change: from the unit's token before to its token after,
naming the revisions it ended (rows rewritten or deleted) and the revisions it wrote. A reader
that knows the unit at token T follows the changes from T to the unit's token now and reads
only the rows written since, in place of every revision of the unit's window. The last ``KEPT``
changes of a unit are kept; a reader whose token is older, or unknown here (a view rebuilt
since, or one whose changes table is not made yet), reads the window's revisions as before.

Writers of the same unit follow one another: each locks the unit's token row before it reads
the token it changes from (PostgreSQL ``FOR UPDATE``; SQLite has one writer), so the changes of
a unit form one chain. The rows hold ids and random revisions only, never patient data.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence

from psycopg.errors import UndefinedTable

from projections.base import Sql, chunks

CHANGES = "rehabstod_unit_changes"
KEPT = 32
"""Changes kept per unit: a reader that asks again within that many writes at the unit reads
only what they wrote."""
Change = tuple[str, str, str, Sequence[str], Sequence[str]]
"""(unit, token before, token after, revisions ended, revisions written)"""


def setup(tx: Sql) -> None:
    """The changes table (a view without it is not rebuilt: its readers read the window)."""
    tx.execute(f"CREATE TABLE IF NOT EXISTS {CHANGES} (care_unit TEXT NOT NULL, "
               "after TEXT NOT NULL, before TEXT NOT NULL, gone TEXT NOT NULL, "
               "came TEXT NOT NULL, written BIGINT NOT NULL, PRIMARY KEY (care_unit, after))")
    tx.execute(f"CREATE INDEX IF NOT EXISTS {CHANGES}_written ON {CHANGES} (care_unit, written)")


def drop(tx: Sql) -> None:
    tx.execute(f"DROP TABLE IF EXISTS {CHANGES}")


def tokens_before(tx: Sql, tokens: str, units: Sequence[str]) -> dict[str, str]:
    """The ``units``' tokens in the ``tokens`` table now (empty for a unit without one so far:
    its row is made here), each unit's row locked until the transaction ends."""
    tx.executemany(f"INSERT INTO {tokens} VALUES (?, '') ON CONFLICT (care_unit) "  # noqa: S608
                   "DO NOTHING", [(unit,) for unit in units])
    lock = " FOR UPDATE" if tx.is_postgres else ""
    found: dict[str, str] = {}
    for chunk in chunks(units):
        found |= {str(unit): str(token) for unit, token in tx.execute(
            f"SELECT care_unit, revision FROM {tokens} WHERE care_unit IN "  # noqa: S608
            f"({', '.join('?' for _ in chunk)}) ORDER BY care_unit{lock}", tuple(chunk))}
    return found


def record(tx: Sql, changes: Sequence[Change]) -> None:
    """The changes of one write, and each unit's changes beyond the last ``KEPT`` let go."""
    now = time.time_ns()
    tx.executemany(f"INSERT INTO {CHANGES} VALUES (?, ?, ?, ?, ?, ?)",  # noqa: S608
                   [(unit, after, before, " ".join(gone), " ".join(came), now)
                    for unit, before, after, gone, came in changes])
    tx.executemany(f"DELETE FROM {CHANGES} WHERE care_unit = ? AND written < ("  # noqa: S608
                   f"SELECT written FROM {CHANGES} WHERE care_unit = ? "
                   "ORDER BY written DESC LIMIT 1 OFFSET ?)",
                   [(unit, unit, KEPT - 1) for unit, *_ in changes])


def followed(tx: Sql, unit: str, since: str | None, now: str | None,
             ) -> tuple[set[str], set[str]] | None:
    """The revisions ended and the revisions written (and not ended since) at ``unit`` from
    its token ``since`` to its token ``now``; None when the changes kept do not lead from one
    to the other. Meant for reads outside a transaction (``Database.reading``): a view without
    the changes table yet answers None."""
    if now is None:
        return None
    if since == now:
        return set(), set()
    try:
        rows = tx.execute(f"SELECT before, after, gone, came FROM {CHANGES} "  # noqa: S608
                          "WHERE care_unit = ?", (unit,))
    except (UndefinedTable, sqlite3.OperationalError):
        return None
    steps: dict[str, tuple[str, str, str]] = {}
    for before, after, gone, came in rows:
        if before in steps:  # two changes from one token: not one chain
            return None
        steps[str(before)] = (str(after), str(gone), str(came))
    token, ended, written = since or "", set[str](), set[str]()
    while token != now:
        step = steps.pop(token, None)
        if step is None:
            return None
        token, gone, came = step[0], step[1].split(), step[2].split()
        written.difference_update(gone)
        ended.update(gone)
        written.update(came)
    return ended, written
