"""A view's new version built beside the serving one, so a deploy that changes a view's shape
never leaves its queries without answers (PostgreSQL).

When a view's Kafka consumer starts and finds the view's tables in another shape than its code
writes (``outdated``: other columns, another fold or view version), it leaves them serving the
queries and builds the new version from offset 0 in a schema of its own, ``<schema>_next_<view>``:
the view's code writes unqualified table names, and the building connections search that schema
first and the serving one after (the patients' data keys, say, are read there). A build cut
short goes on where it stopped when the consumer starts again.

Once the build has caught up with the topic, one transaction switches (``switch``): the serving
tables of the same names move to ``<schema>_old_<view>``, the new ones into the serving schema,
and the new version's positions and watermarks replace the old ones. A query waits for that
transaction's locks (milliseconds) and then reads the new version, so there is no moment without
a view. The old tables are dropped right after. Embedded (SQLite) an outdated view is still
dropped and replayed in place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import structlog

from streams.database import Database

log = structlog.get_logger("streams.view_versions")
MERGED = ("consumer_position", "consumer_seen", "consumer_watermark")
"""Tables every consumer shares: the new version's rows replace the view's, the table stays."""
_FOLD_VERSIONS = "view_fold_version"


def serving_schema(db: Database) -> str:
    return db.settings.postgres_schema or "public"


def building_schema(db: Database, table: str) -> str:
    return f"{serving_schema(db)}_next_{table}"


def retired_schema(db: Database, table: str) -> str:
    return f"{serving_schema(db)}_old_{table}"


class BesideBuild:
    """A view's new version being built beside the serving one: ``db`` writes it. A build that
    starts from nothing is a replay from the start (the view's ``before_replay``), finished
    (``after_replay``) before the switch."""

    def __init__(self, serving: Database, handler: Any,
                 prepare: Callable[[Database, Any], bool]) -> None:
        self.serving, self.handler = serving, handler
        self.table = str(getattr(handler, "table", handler.name))
        self.db = building_database(serving, self.table)
        prepare(self.db, handler)
        with self.db.transaction() as tx:
            fresh = not tx.execute("SELECT 1 FROM consumer_position WHERE consumer = ?",
                                   (handler.name,))
        if fresh:
            replay_hook(self.db, handler, "before_replay")

    def switch(self) -> Database:
        """The new version finished and serving; the serving database returned."""
        while replay_hook(self.db, self.handler, "after_replay"):
            pass
        switch(self.serving, self.handler.name, self.table)
        self.db.close()
        return self.serving


def replay_hook(db: Database, handler: Any, hook: str) -> bool:
    """A view may prepare for a replay from the start (``before_replay``) and finish it in
    steps (``after_replay``, called, each in its own transaction, until it returns False): e.g.
    work that every batch would redo, done once at the end."""
    found = getattr(handler, hook, None)
    if found is None:
        return False
    with db.transaction() as tx:
        return bool(found(tx))


def drop_leftovers(db: Database, table: str) -> None:
    """The schemas a switch cut short by a crash left: the old version's, and the building one
    once it is the version serving (its tables moved out)."""
    building = building_schema(db, table)
    with db.transaction() as tx:
        tx.execute(f"DROP SCHEMA IF EXISTS {retired_schema(db, table)} CASCADE")
        if not tx.execute("SELECT to_regclass(?)", (f"{building}.{_FOLD_VERSIONS}",))[0][0]:
            return
        switched = tx.execute(
            f"SELECT 1 FROM {building}.{_FOLD_VERSIONS} AS b "  # noqa: S608
            f"JOIN {serving_schema(db)}.{_FOLD_VERSIONS} AS s USING (view, version) "
            "WHERE view = ?", (table,))
        if switched:
            tx.execute(f"DROP SCHEMA {building} CASCADE")


def building_database(db: Database, table: str) -> Database:
    """A database whose transactions write the view's tables into its building schema (made
    here if need be) and find everything else in the serving one."""
    schema = building_schema(db, table)
    with db.transaction() as tx:
        tx.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    log.warning("view_building_beside", view=table, schema=schema)
    return Database(db.settings, keep_idle=1, schemas=(schema, serving_schema(db)))


def switch(db: Database, consumer: str, table: str) -> None:
    """Serve the view from the version built beside, in one transaction; then drop the old."""
    building, serving, retired = (building_schema(db, table), serving_schema(db),
                                  retired_schema(db, table))
    with db.transaction() as tx:
        built = [str(row[0]) for row in tx.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = ? "
            "AND table_type = 'BASE TABLE' ORDER BY table_name", (building,))]
        moved = [name for name in built if name not in (*MERGED, _FOLD_VERSIONS)]
        old = {str(row[0]) for row in tx.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = ?",
            (serving,))}
        tx.execute(f"CREATE SCHEMA IF NOT EXISTS {retired}")
        for name in moved:  # first out (their indexes' names are freed), then in
            if name in old:
                tx.execute(f"ALTER TABLE {serving}.{name} SET SCHEMA {retired}")
        for name in moved:
            tx.execute(f"ALTER TABLE {building}.{name} SET SCHEMA {serving}")
        for name in MERGED:
            tx.execute(f"DELETE FROM {serving}.{name} WHERE consumer = ?", (consumer,))  # noqa: S608
            tx.execute(f"INSERT INTO {serving}.{name} SELECT * FROM {building}.{name} "  # noqa: S608
                       "WHERE consumer = ?", (consumer,))
        tx.execute(f"CREATE TABLE IF NOT EXISTS {serving}.{_FOLD_VERSIONS} "
                   "(view TEXT PRIMARY KEY, version INTEGER NOT NULL)")
        tx.execute(f"DELETE FROM {serving}.{_FOLD_VERSIONS} WHERE view = ?", (table,))  # noqa: S608
        tx.execute(f"INSERT INTO {serving}.{_FOLD_VERSIONS} SELECT * FROM "  # noqa: S608
                   f"{building}.{_FOLD_VERSIONS} WHERE view = ?", (table,))
    with db.transaction() as tx:
        tx.execute(f"DROP SCHEMA {retired} CASCADE")
        tx.execute(f"DROP SCHEMA {building} CASCADE")
    log.warning("view_switched_to_new_version", view=table, tables=moved)
