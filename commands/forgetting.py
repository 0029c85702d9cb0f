"""Forgetting a patient (crypto-shredding) as a recorded decision: the ``PatientForgotten``
event carries only the patient's blind index, the reason code, the time and who decided. The
data key itself is destroyed by the key store (``streams.sealing.keys``); the command line
(``intyg forget``) does both."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.application import Application

from commands.clock import Clock, IdFactory, new_id
from domain.access.forgetting import Forgetting, ForgettingReason


def record_forgetting(app: Application[UUID], patient_index: str, reason: ForgettingReason,
                      by: str, clock: Clock, ids: IdFactory = new_id) -> UUID:
    """Store the decision; returns its id."""
    forgetting = Forgetting.decide(patient_index, reason, clock(), by, ids())
    app.save(forgetting)
    return UUID(str(forgetting.id))
