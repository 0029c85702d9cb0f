"""The relay's side of sealing: each message with patient data gets its declared fields sealed
under that patient's data key (made on first need) before it is published.

The patient of a message is its certificate's: a DraftCreated or CertificateRegistered names
them; every later event of the certificate, and of its conversation, is looked up by the
certificate's id (remembered, else read from the store). An order's is its citizen: named by
OrderReceived, looked up by the order's id for its later events. An investigation's is named
by its CitizenRecorded, the one event of it with a sealed field. A forgotten patient's message is
sealed under a throwaway key that is never kept, so it has the same shape and never opens.

A certificate's content is sealed by its type's content model (``streams.sealing.content``):
DraftCreated and CertificateRegistered name the type and content version, a DraftEdited is
looked up by the certificate's id like its patient. A version 3 content message also gets the
patient's age on the last day of its sick leave (``streams.sealing.age``), computed here from the
personnummer, whose birth date is remembered with the blind index and never published.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from domain.access.entry import patient_index
from streams.sealing.age import born_of, message_age
from streams.sealing.content import content_plan
from streams.sealing.envelope import new_data_key
from streams.sealing.fields import by_answer, seal_message, to_seal
from streams.sealing.keys import DataKeys

_REMEMBERED = 50_000  # certificate -> blind index pairs kept before the memory starts over
PatientLookup = Callable[[str], str]  # certificate or order id -> the personnummer
KindLookup = Callable[[str], tuple[str, int]]  # certificate id -> (type id, content version)


def certificate_of(value: dict[str, Any]) -> str:
    return str(value["data"].get("certificate_id") or value["id"])


class Sealer:
    def __init__(self, keys: DataKeys, index_key: str, personnummer_of: PatientLookup,
                 kind_of: KindLookup | None = None) -> None:
        self.keys, self._index_key, self._personnummer_of = keys, index_key, personnummer_of
        self._kind_of = kind_of
        self._index_of: dict[str, tuple[str, date | None]] = {}  # and the birth date
        self._kinds: dict[str, tuple[str, int]] = {}
        # Most events of a certificate name its patient again: the HMAC (its key set up anew
        # each time) is worked out once per patient.
        self._index = functools.lru_cache(maxsize=_REMEMBERED)(self._blind_index)

    def _blind_index(self, personnummer: str) -> str:
        return patient_index(personnummer, self._index_key)

    def seal_all(self, values: list[dict[str, Any]], now: datetime) -> list[dict[str, Any]]:
        """The messages to publish, in the same order, sealed where the contract says."""
        patients = [self._patient(v) if to_seal(v) else None for v in values]
        keys = self.keys.ensure({p[0] for p in patients if p is not None}, now)
        sealed = []
        for value, patient in zip(values, patients, strict=True):
            if patient is None:
                sealed.append(value)
                continue
            index, born = patient
            kind = self._kind(value) if by_answer(value) else None
            sealed.append(seal_message(
                value, index, keys[index] or new_data_key(),
                content_plan(*kind) if kind else None,
                message_age(value, kind[0], born) if kind else None))
        return sealed

    def _kind(self, value: dict[str, Any]) -> tuple[str, int]:
        """The type and content version of a version 3 content message (``("", 0)`` when
        unknown: every answer sealed)."""
        certificate, data = certificate_of(value), value["data"]
        if "type_id" in data:
            kind = (str(data["type_id"]), int(data.get("content_version") or 1))
        elif certificate in self._kinds or self._kind_of is None:
            kind = self._kinds.get(certificate, ("", 0))
        else:
            kind = self._kind_of(certificate)
        if len(self._kinds) >= _REMEMBERED:
            self._kinds.clear()
        self._kinds[certificate] = kind
        return kind

    def _patient(self, value: dict[str, Any]) -> tuple[str, date | None]:
        """The blind index of the message's patient and their birth date."""
        certificate = certificate_of(value)
        data = value["data"]
        patient = data.get("patient") or data.get("citizen") or \
            {"personnummer": data.get("personnummer")}
        if isinstance(patient, dict) and patient.get("personnummer"):
            number = str(patient["personnummer"])
        elif certificate in self._index_of:
            return self._index_of[certificate]
        else:
            number = self._personnummer_of(certificate)
        found = (self._index(number), born_of(number))
        if len(self._index_of) >= _REMEMBERED:
            self._index_of.clear()
        self._index_of[certificate] = found
        return found
