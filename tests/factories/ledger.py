"""Builders for the ledger tests: settings with a digest key, and hands that change stored event
rows directly in the database, the way someone with access to it could."""

from __future__ import annotations

from typing import Any

from pydantic import SecretStr

from commands.settings import Settings
from streams.database import Database
from streams.ledger.signing import new_signing_key, public_key_of

SIGNING_KEY = new_signing_key()
PUBLIC_KEY = public_key_of(SIGNING_KEY)


def with_digest_key(settings: Settings) -> Settings:
    return settings.model_copy(update={"digest_signing_key": SecretStr(SIGNING_KEY)})


def _table(settings: Settings) -> tuple[str, str]:
    """The event table and its position column: eventsourcing's, per backend."""
    return ("certificates_events", "notification_id") if settings.is_production \
        else ("stored_events", "rowid")


def flip_one_byte(settings: Settings, position: int) -> None:
    table, column = _table(settings)
    with Database(settings).transaction() as tx:
        state = bytearray(tx.execute(f"SELECT state FROM {table} WHERE {column} = ?",
                                     (position,))[0][0])
        state[len(state) // 2] ^= 0x01
        tx.execute(f"UPDATE {table} SET state = ? WHERE {column} = ?", (bytes(state), position))


def delete_row(settings: Settings, position: int) -> None:
    table, column = _table(settings)
    with Database(settings).transaction() as tx:
        tx.execute(f"DELETE FROM {table} WHERE {column} = ?", (position,))


def swap_rows(settings: Settings, first: int, second: int) -> None:
    """The two rows trade places in the log (each takes the other's position)."""
    table, column = _table(settings)
    with Database(settings).transaction() as tx:
        for old, new in ((first, -1), (second, first), (-1, second)):
            tx.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (new, old))


def positions_of(app: Any, aggregate_id: Any) -> list[int]:
    """The log positions of one aggregate's stored events."""
    return [n.id for n in app.recorder.select_notifications(1, 10_000)
            if n.originator_id == aggregate_id]
