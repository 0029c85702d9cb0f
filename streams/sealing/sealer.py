"""The relay's side of sealing: each message with patient data gets its declared fields sealed
under that patient's data key (made on first need) before it is published.

The patient of a message is its certificate's: a DraftCreated or CertificateRegistered names
them; every later event of the certificate, and of its conversation, is looked up by the
certificate's id (remembered, else read from the store). An order's is its citizen: named by
OrderReceived, looked up by the order's id for its later events. An investigation's is named
by its CitizenRecorded, the one event of it with a sealed field. A forgotten patient's message is
sealed under a throwaway key that is never kept, so it has the same shape and never opens.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import datetime
from typing import Any

from domain.access.entry import patient_index
from streams.sealing.envelope import new_data_key
from streams.sealing.fields import seal_message, sealed_paths
from streams.sealing.keys import DataKeys

_REMEMBERED = 50_000  # certificate -> blind index pairs kept before the memory starts over
PatientLookup = Callable[[str], str]  # certificate or order id -> the personnummer


def certificate_of(value: dict[str, Any]) -> str:
    return str(value["data"].get("certificate_id") or value["id"])


class Sealer:
    def __init__(self, keys: DataKeys, index_key: str, personnummer_of: PatientLookup) -> None:
        self.keys, self._index_key, self._personnummer_of = keys, index_key, personnummer_of
        self._index_of: dict[str, str] = {}
        # Most events of a certificate name its patient again: the HMAC (its key set up anew
        # each time) is worked out once per patient.
        self._index = functools.lru_cache(maxsize=_REMEMBERED)(self._blind_index)

    def _blind_index(self, personnummer: str) -> str:
        return patient_index(personnummer, self._index_key)

    def seal_all(self, values: list[dict[str, Any]], now: datetime) -> list[dict[str, Any]]:
        """The messages to publish, in the same order, sealed where the contract says."""
        indexes = [self._patient(v) if sealed_paths(v) else None for v in values]
        keys = self.keys.ensure({i for i in indexes if i is not None}, now)
        sealed = []
        for value, index in zip(values, indexes, strict=True):
            if index is None:
                sealed.append(value)
            else:
                sealed.append(seal_message(value, index, keys[index] or new_data_key()))
        return sealed

    def _patient(self, value: dict[str, Any]) -> str:
        certificate = certificate_of(value)
        data = value["data"]
        patient = data.get("patient") or data.get("citizen") or \
            {"personnummer": data.get("personnummer")}
        if isinstance(patient, dict) and patient.get("personnummer"):
            index = self._index(str(patient["personnummer"]))
        elif certificate in self._index_of:
            return self._index_of[certificate]
        else:
            index = self._index(self._personnummer_of(certificate))
        if len(self._index_of) >= _REMEMBERED:
            self._index_of.clear()
        self._index_of[certificate] = index
        return index
