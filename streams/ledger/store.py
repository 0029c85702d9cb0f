"""The ledger's own tables beside the event store: ``ledger_leaf`` (one row per stored event,
in log order) and ``ledger_digest`` (each signed root). The leaves are only an index: every
digest's signature pins them, and ``intyg verify`` recomputes them from the stored events."""

from __future__ import annotations

from typing import Any

from streams.database import Database
from streams.ledger.leaves import Leaf

_LEAF_COLUMNS = "position, aggregate_id, version, topic, state_sha256"
_DIGEST_COLUMNS = "digest, tree_size, last_position, root, signed_at, key_id, signature"
_DIGEST_FIELDS = tuple(_DIGEST_COLUMNS.split(", "))


class LedgerStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        with db.transaction() as tx:
            tx.execute("CREATE TABLE IF NOT EXISTS ledger_leaf (leaf_index BIGINT PRIMARY KEY, "
                       "position BIGINT NOT NULL UNIQUE, aggregate_id TEXT NOT NULL, "
                       "version BIGINT NOT NULL, topic TEXT NOT NULL, "
                       "state_sha256 TEXT NOT NULL)")
            tx.execute("CREATE INDEX IF NOT EXISTS ledger_leaf_aggregate "
                       "ON ledger_leaf (aggregate_id)")
            tx.execute("CREATE TABLE IF NOT EXISTS ledger_digest (digest BIGINT PRIMARY KEY, "
                       "tree_size BIGINT NOT NULL, last_position BIGINT NOT NULL, "
                       "root TEXT NOT NULL, signed_at TEXT NOT NULL, key_id TEXT NOT NULL, "
                       "signature TEXT NOT NULL, published INTEGER NOT NULL DEFAULT 0)")

    def size_and_last_position(self) -> tuple[int, int]:
        with self.db.transaction() as tx:
            rows = tx.execute("SELECT COUNT(*), COALESCE(MAX(position), 0) FROM ledger_leaf")
        return int(rows[0][0]), int(rows[0][1])

    def append(self, first_index: int, leaves: list[Leaf]) -> None:
        rows = [(first_index + i, leaf.position, leaf.aggregate_id, leaf.version, leaf.topic,
                 leaf.state_sha256) for i, leaf in enumerate(leaves)]
        with self.db.transaction() as tx:
            tx.executemany(f"INSERT INTO ledger_leaf (leaf_index, {_LEAF_COLUMNS}) "  # noqa: S608
                           "VALUES (?, ?, ?, ?, ?, ?)", rows)

    def leaves(self) -> list[Leaf]:
        """Every recorded leaf, in log order."""
        with self.db.transaction() as tx:
            rows = tx.execute(f"SELECT {_LEAF_COLUMNS} FROM ledger_leaf "  # noqa: S608
                              "ORDER BY leaf_index")
        return [_leaf(row) for row in rows]

    def indexed_leaves_of(self, aggregate_id: str) -> list[tuple[int, Leaf]]:
        """The recorded leaves of one aggregate with their index in the tree, in version order."""
        with self.db.transaction() as tx:
            rows = tx.execute(f"SELECT leaf_index, {_LEAF_COLUMNS} FROM ledger_leaf "  # noqa: S608
                              "WHERE aggregate_id = ? ORDER BY version", (aggregate_id,))
        return [(int(row[0]), _leaf(row[1:])) for row in rows]

    def add_digest(self, digest: dict[str, Any]) -> None:
        with self.db.transaction() as tx:
            tx.execute(f"INSERT INTO ledger_digest ({_DIGEST_COLUMNS}) "  # noqa: S608
                       "VALUES (?, ?, ?, ?, ?, ?, ?)",
                       tuple(digest[name] for name in _DIGEST_FIELDS))

    def digests(self, *, unpublished_only: bool = False) -> list[dict[str, Any]]:
        where = "WHERE published = 0 " if unpublished_only else ""
        with self.db.transaction() as tx:
            rows = tx.execute(f"SELECT {_DIGEST_COLUMNS} FROM ledger_digest "  # noqa: S608
                              f"{where}ORDER BY digest")
        return [_digest(row) for row in rows]

    def latest_digest(self) -> dict[str, Any] | None:
        with self.db.transaction() as tx:
            rows = tx.execute(f"SELECT {_DIGEST_COLUMNS} FROM ledger_digest "  # noqa: S608
                              "ORDER BY digest DESC LIMIT 1")
        return _digest(rows[0]) if rows else None

    def published_numbers(self) -> set[int]:
        """The digests the broker acknowledged."""
        with self.db.transaction() as tx:
            rows = tx.execute("SELECT digest FROM ledger_digest WHERE published = 1")
        return {int(row[0]) for row in rows}

    def mark_published(self, digest: int) -> None:
        with self.db.transaction() as tx:
            tx.execute("UPDATE ledger_digest SET published = 1 WHERE digest = ?", (digest,))


def _leaf(row: tuple[Any, ...]) -> Leaf:
    return Leaf(int(row[0]), str(row[1]), int(row[2]), str(row[3]), str(row[4]))


def _digest(row: tuple[Any, ...]) -> dict[str, Any]:
    digest = dict(zip(_DIGEST_FIELDS, row, strict=True))
    for name in ("digest", "tree_size", "last_position"):
        digest[name] = int(digest[name])
    return digest


