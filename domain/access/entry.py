"""One read of patient data (en loggpost enligt patientdatalagen): who read whose data, what,
when and, where known, why. Written once per read and never changed.

The patient is kept as a keyed blind index (``patient_index``: an HMAC of the normalised
personnummer), never in clear, so the entry can be found for the patient without holding the
personnummer. The reader is who the token says: care staff (HSA id, role, unit, care giver), a
recipient system, an audit officer, or the citizen in Mina intyg.

A read of a list (a unit's overview, thousands of patients) must stay cheap, so version 2 of the
event keeps the blind indexes packed (their 32 bytes each, sorted, in one base64 text) and the
certificate ids only when the read is about one patient; for a read of several patients it keeps
how many certificates were shown. Version 1 entries (an index list and every certificate id) are
upcast when loaded and keep all of their ids.

Event style as in ``domain.certificates.certificate``: the creation event is a nested
``Aggregate.Created`` class, as it carries a ``class_version``; the clock and the id come from
the caller.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from eventsourcing.domain import Aggregate

INDEX_BYTES = 32  # an HMAC-SHA256


def patient_index(personnummer: str, key: str) -> str:
    """The patient's blind index: the same normalised personnummer and key give the same index;
    without the key it reveals nothing."""
    return hmac.new(key.encode(), personnummer.encode(), hashlib.sha256).hexdigest()


def pack_indexes(digests: Iterable[bytes]) -> str:
    """Blind indexes (raw digests) as stored: distinct, sorted, joined, in base64."""
    return base64.b64encode(b"".join(sorted(set(digests)))).decode("ascii")


def unpack_indexes(packed: str) -> list[bytes]:
    raw = base64.b64decode(packed)
    return [raw[at:at + INDEX_BYTES] for at in range(0, len(raw), INDEX_BYTES)]


@dataclass(frozen=True, slots=True)
class ReadSubjects:
    """Whom and what one read showed, as its entry keeps them (``subjects_of``): the patients
    packed, the certificate ids when the read is about one patient, how many certificates.
    Worked out once, it serves every read that shows the same (a unit's unchanged overview)."""

    patients: str
    certificate_ids: tuple[str, ...]
    certificate_count: int


def subjects_of(patients: Iterable[bytes], certificate_ids: Iterable[object]) -> ReadSubjects:
    """What an entry keeps of a read of ``patients`` (raw blind-index digests) and
    ``certificate_ids``. Certificate ids are kept for a read about one patient (a list of
    thousands would make every list read slow and tell nothing a list's route does not); other
    reads keep how many."""
    digests, distinct = set(patients), set(certificate_ids)
    kept = tuple(sorted({str(c) for c in distinct})) if len(digests) == 1 else ()
    return ReadSubjects(pack_indexes(digests), kept, len(distinct))


@dataclass(frozen=True)
class Reader:
    """Who read: ``hsa_id`` of staff or an audit officer, a recipient's id, or empty for the
    citizen; the unit and care giver they acted for, when they act in care."""

    role: str
    hsa_id: str = ""
    care_unit: str = ""
    care_giver: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"role": self.role, "hsa_id": self.hsa_id, "care_unit": self.care_unit,
                "care_giver": self.care_giver}


class AccessEntry(Aggregate):
    """One request that read patient data (never changed after it is written; published on
    the access-log topic, never on the certificates topic)."""

    class PatientDataRead(Aggregate.Created):
        """Someone read patient data: the patients packed (``pack_indexes``), the certificate
        ids of a read about one patient, and how many certificates the read showed."""

        class_version = 2
        reader: dict[str, str]
        patients: str
        what: str
        certificate_ids: list[str]
        certificate_count: int
        at: datetime
        reason: str | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["patients"] = pack_indexes(bytes.fromhex(p) for p in state["patients"])
            state["certificate_count"] = len(state["certificate_ids"])

        def apply(self, aggregate: AccessEntry) -> None:
            aggregate._read(self)

    def _read(self, read: PatientDataRead) -> None:
        self.reader: dict[str, str] = read.reader
        self.what: str = read.what
        self.packed_patients: str = read.patients
        self.certificate_ids: list[str] = read.certificate_ids
        self.certificate_count: int = read.certificate_count
        self.at: datetime = read.at
        self.reason: str | None = read.reason

    @classmethod
    def record(cls, reader: Reader, patients: Iterable[bytes], what: str,
               certificate_ids: Iterable[object], at: datetime, reason: str | None,
               entry_id: uuid.UUID) -> AccessEntry:
        """The entry of one read: ``patients`` as raw blind-index digests (``subjects_of``)."""
        return cls.record_subjects(reader, subjects_of(patients, certificate_ids), what, at,
                                   reason, entry_id)

    @classmethod
    def record_subjects(cls, reader: Reader, subjects: ReadSubjects, what: str, at: datetime,
                        reason: str | None, entry_id: uuid.UUID) -> AccessEntry:
        """The entry of one read whose ``subjects`` were worked out before."""
        return cls._create(cls.PatientDataRead, id=entry_id, reader=reader.as_dict(),
                           patients=subjects.patients, what=what,
                           certificate_ids=list(subjects.certificate_ids),
                           certificate_count=subjects.certificate_count, at=at, reason=reason)

    @property
    def patients(self) -> list[str]:
        """The patients' blind indexes (hex), sorted."""
        return [digest.hex() for digest in unpack_indexes(self.packed_patients)]

    def patient_digests(self) -> list[bytes]:
        return unpack_indexes(self.packed_patients)

    @property
    def patient_count(self) -> int:
        """How many patients, from the packed text's length (base64's padding is < 3 bytes)."""
        return len(self.packed_patients) * 3 // 4 // INDEX_BYTES

    def as_line(self) -> dict[str, Any]:
        """The entry as the access-log listings show it (ids and codes only)."""
        return {"id": str(self.id), "at": self.at, "what": self.what, "reason": self.reason,
                "certificate_ids": list(self.certificate_ids), **self.reader}
