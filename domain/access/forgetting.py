"""A patient forgotten (crypto-shredding): their data key is destroyed, so every sealed copy of
their data (on Kafka and wherever a message was kept) can never be read again, while ids,
event order and codes stay. Decided when the retention time of their records has ended
(gallring) or on an erasure decision (raderingsbeslut).

The event names the patient only by their keyed blind index, never the personnummer; who
decided is an HSA id. Event style as in every aggregate: the creation event by ``@event`` on
``__init__``; the clock and the id come from the caller.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from eventsourcing.domain import Aggregate, event


class ForgettingReason(StrEnum):
    GALLRING = "gallring"  # the retention time of the records has ended
    RADERINGSBESLUT = "raderingsbeslut"  # a decision to erase the patient's data


class Forgetting(Aggregate):
    """One decision to forget a patient (never changed after it is written; published on the
    access-log topic beside the reads of patient data)."""

    @event("PatientForgotten")
    def __init__(self, patient: str, reason: str, at: datetime, by: str) -> None:
        self.patient = patient
        self.reason = reason
        self.at = at
        self.by = by

    @classmethod
    def decide(cls, patient: str, reason: ForgettingReason, at: datetime, by: str,
               forgetting_id: uuid.UUID) -> Forgetting:
        forgotten = cls.PatientForgotten  # type: ignore[attr-defined]
        return cls._create(forgotten, id=forgetting_id, patient=patient, reason=reason.value,
                           at=at, by=by)


def investigation_subject(investigation_id: str) -> str:
    """What names the data key of an FMU investigation's sealed values (its comments) before
    its citizen is known: the key's blind index is this text's, as a patient's is their
    personnummer's. Forgetting the citizen destroys it too (docs/sealing.md)."""
    return f"fmu-investigation:{investigation_id}"
