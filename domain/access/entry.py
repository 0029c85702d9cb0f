"""One read of patient data (en loggpost enligt patientdatalagen): who read whose data, what,
when and, where known, why. Written once per read and never changed.

The patient is kept as a keyed blind index (``patient_index``: an HMAC of the normalised
personnummer), never in clear, so the entry can be found for the patient without holding the
personnummer. The reader is who the token says: care staff (HSA id, role, unit, care giver), a
recipient system, an audit officer, or the citizen in Mina intyg.

Event style as in every aggregate (see ``domain.certificates.certificate``): the creation event
by ``@event`` on ``__init__``; the clock and the id come from the caller.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from eventsourcing.domain import Aggregate, event


def patient_index(personnummer: str, key: str) -> str:
    """The patient's blind index: the same normalised personnummer and key give the same index;
    without the key it reveals nothing."""
    return hmac.new(key.encode(), personnummer.encode(), hashlib.sha256).hexdigest()


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

    @event("PatientDataRead")
    def __init__(self, reader: dict[str, str], patients: list[str], what: str,
                 certificate_ids: list[str], at: datetime, reason: str | None) -> None:
        self.reader = reader
        self.patients = patients
        self.what = what
        self.certificate_ids = certificate_ids
        self.at = at
        self.reason = reason

    @classmethod
    def record(cls, reader: Reader, patients: list[str], what: str,
               certificate_ids: list[str], at: datetime, reason: str | None,
               entry_id: uuid.UUID) -> AccessEntry:
        read = cls.PatientDataRead  # type: ignore[attr-defined]
        return cls._create(read, id=entry_id, reader=reader.as_dict(),
                           patients=sorted(set(patients)), what=what,
                           certificate_ids=sorted(set(certificate_ids)), at=at, reason=reason)

    def as_line(self) -> dict[str, Any]:
        """The entry as the access-log listings show it (ids and codes only)."""
        return {"id": str(self.id), "at": self.at, "what": self.what, "reason": self.reason,
                "certificate_ids": list(self.certificate_ids), **self.reader}
