"""The patients' data keys, in the event store's database (table ``patient_data_keys``, made on
first need), each wrapped by the master key and found by the patient's blind index, never by the
personnummer.

A key is made the first time a patient's data is sealed. ``forget`` destroys it for good (the
row stays as a tombstone without the key, so no new key is ever made under that index and
nothing sealed before opens again). ``rotate`` rewraps every key under a new master key in one
transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Protocol

from streams.database import Database
from streams.sealing.envelope import (
    WrongMasterKeyError,
    fingerprint,
    new_data_key,
    unwrap,
    wrap,
)

_CHUNK = 500


class KeyTransaction(Protocol):
    """A transaction of the event store's database (``Transaction``, or a view's own)."""

    is_postgres: bool

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]: ...

    def executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None: ...


DataKeyMap = dict[str, bytes | None]  # blind index -> data key, None once forgotten


class DataKeys:
    def __init__(self, db: Database, master: bytes) -> None:
        self.db, self._master, self.master_id = db, master, fingerprint(master)
        with db.transaction() as tx:
            tx.execute("CREATE TABLE IF NOT EXISTS patient_data_keys (patient_index TEXT "
                       "PRIMARY KEY, wrapped TEXT, master_key TEXT, created_at TEXT NOT NULL, "
                       "forgotten_at TEXT)")
            tx.execute(f"CREATE TABLE IF NOT EXISTS {_FORGETTINGS} (one INTEGER PRIMARY KEY, "
                       "generation INTEGER NOT NULL)")

    def load(self, indexes: Iterable[str]) -> DataKeyMap:
        """The keys there are for these patients (a patient without one is left out)."""
        with self.db.transaction() as tx:
            return self.load_in(tx, indexes)

    def load_in(self, tx: KeyTransaction, indexes: Iterable[str]) -> DataKeyMap:
        """``load`` inside the caller's transaction (a view reading its rows)."""
        return self._select(tx, sorted(set(indexes)))

    def ensure(self, indexes: Iterable[str], now: datetime) -> DataKeyMap:
        """Every patient's key, made now for those without one; None for a forgotten one."""
        with self.db.transaction() as tx:
            return self.ensure_in(tx, indexes, now)

    def ensure_in(self, tx: KeyTransaction, indexes: Iterable[str], now: datetime) -> DataKeyMap:
        """``ensure`` inside the caller's transaction (a view writing its rows)."""
        wanted = sorted(set(indexes))
        found = self._select(tx, wanted)
        missing = [i for i in wanted if i not in found]
        tx.executemany(
            "INSERT INTO patient_data_keys VALUES (?, ?, ?, ?, NULL) "
            "ON CONFLICT (patient_index) DO NOTHING",
            [(i, wrap(self._master, new_data_key(), i), self.master_id, now.isoformat())
             for i in missing])
        if missing:
            found |= self._select(tx, missing)
        return found

    def _select(self, tx: KeyTransaction, indexes: list[str]) -> DataKeyMap:
        found: DataKeyMap = {}
        for start in range(0, len(indexes), _CHUNK):
            chunk = indexes[start:start + _CHUNK]
            marks = ", ".join("?" for _ in chunk)
            rows = tx.execute("SELECT patient_index, wrapped, master_key FROM "  # noqa: S608
                              f"patient_data_keys WHERE patient_index IN ({marks})",
                              tuple(chunk))
            for index, wrapped, master_id in rows:
                found[index] = None if wrapped is None else self._unwrap(index, wrapped,
                                                                          master_id)
        return found

    def _unwrap(self, index: str, wrapped: str, master_id: str) -> bytes:
        if master_id != self.master_id:
            raise WrongMasterKeyError(
                f"Data keys are wrapped under master key {master_id}; the settings give "
                f"{self.master_id} (INTYG_MASTER_KEY).")
        return unwrap(self._master, wrapped, index)

    def forget(self, index: str, now: datetime) -> bool:
        """Destroy the patient's key; False when it was already forgotten. A patient never
        sealed gets the tombstone too, so nothing is sealed under that index afterwards."""
        with self.db.transaction() as tx:
            if not tx.is_postgres:
                tx.execute("PRAGMA secure_delete = ON")  # overwrite the freed bytes
            rows = tx.execute("SELECT wrapped FROM patient_data_keys WHERE patient_index = ?",
                              (index,))
            if rows and rows[0][0] is None:
                return False
            tx.execute("INSERT INTO patient_data_keys VALUES (?, NULL, NULL, ?, ?) "
                       "ON CONFLICT (patient_index) DO UPDATE SET wrapped = NULL, "
                       "master_key = NULL, forgotten_at = excluded.forgotten_at",
                       (index, now.isoformat(), now.isoformat()))
            tx.execute(f"INSERT INTO {_FORGETTINGS} VALUES (1, 1) ON CONFLICT (one) "  # noqa: S608
                       f"DO UPDATE SET generation = {_FORGETTINGS}.generation + 1")
        return True

    def rotate(self, new_master: bytes) -> int:
        """Rewrap every data key under ``new_master`` (keys already under it are left as they
        are, so a second run does nothing); returns how many were rewrapped."""
        new_id = fingerprint(new_master)
        with self.db.transaction() as tx:
            rows = tx.execute("SELECT patient_index, wrapped, master_key FROM patient_data_keys "
                              "WHERE wrapped IS NOT NULL")
            moved = [(wrap(new_master, self._unwrap(index, wrapped, master_id), index), new_id,
                      index) for index, wrapped, master_id in rows if master_id != new_id]
            tx.executemany("UPDATE patient_data_keys SET wrapped = ?, master_key = ? "
                           "WHERE patient_index = ?", moved)
        return len(moved)


_FORGETTINGS = "patient_data_key_forgettings"


def forgettings(tx: KeyTransaction) -> int:
    """How many keys were destroyed here so far: a result kept from rows that open with data
    keys (Rehabstöd's computed cases) is stale once it changes, whatever the rows say."""
    rows = tx.execute(f"SELECT generation FROM {_FORGETTINGS} WHERE one = 1")  # noqa: S608
    return int(rows[0][0]) if rows else 0
