"""The views' seal (``projections.sealing.PatientSeal``): a view's copy of patient data sealed
under the same per-patient data keys as the messages on Kafka, in the view's own transaction,
and patients named by the same blind index. ``intyg forget`` destroys the key, so the views'
copies never open again either."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import orjson

from commands.settings import Settings
from domain.access.entry import patient_index
from streams.database import Database
from streams.sealing.envelope import (
    UnreadableSealError,
    new_data_key,
    open_sealed,
    seal,
    seal_plain,
)
from streams.sealing.keys import DataKeys, KeyTransaction


class ViewSeal:
    def __init__(self, keys: DataKeys, index_key: str) -> None:
        self.keys, self._index_key = keys, index_key

    def index(self, personnummer: str) -> str:
        return patient_index(personnummer, self._index_key)

    def seal(self, tx: KeyTransaction,
             values: Sequence[tuple[str, str, Any]]) -> list[dict[str, str]]:
        """A forgotten patient's value (or one without a personnummer: a copy opened after the
        forget) is sealed under a throwaway key, as the relay does: same shape, never opens."""
        indexes = [self.index(number) if number else "" for number, _, _ in values]
        keys = self.keys.ensure_in(tx, {i for i in indexes if i}, datetime.now(UTC))
        return [self._sealed(keys.get(index), index, aad, value)
                for index, (_, aad, value) in zip(indexes, values, strict=True)]

    def _sealed(self, key: bytes | None, index: str, aad: str, value: Any) -> dict[str, str]:
        """One value sealed, encoded by orjson (a view's documents are plain JSON, so the
        encoding matters only in that it is the same each time: a rebuild seals the same
        document to the same bytes). A forgotten patient's under a throwaway key."""
        try:
            plain = orjson.dumps(value)
        except TypeError:  # beyond orjson (an integer over 64 bits): the wire's encoding
            return seal(key or new_data_key(), index, aad.encode(), value)
        return seal_plain(key or new_data_key(), index, aad.encode(), plain)

    def open(self, tx: KeyTransaction,
             sealed: Sequence[tuple[dict[str, str], str]]) -> list[Any]:
        keys = self.keys.load_in(tx, {s["key_ref"] for s, _ in sealed if s["key_ref"]})
        opened: list[Any] = []
        for value, aad in sealed:
            key = keys.get(value["key_ref"])
            opened.append(None if key is None else _opened(key, value, aad))
        return opened


def _opened(key: bytes, value: dict[str, str], aad: str) -> Any:
    try:
        return open_sealed(key, value, aad.encode())
    except UnreadableSealError:
        raise UnreadableSealError("A view's sealed document does not open with its "
                                  "patient's key.") from None


def view_seal(settings: Settings, db: Database) -> ViewSeal:
    """The seal of the views kept in ``db`` (the event store's database, where the keys are)."""
    return ViewSeal(DataKeys(db, settings.master_key_bytes), settings.patient_index_secret)
