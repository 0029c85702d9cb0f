"""What a space takes of the citizen's certificates: the sick-leave periods of a signed, not
revoked lisjp of the citizen's own (read from the ledger's event store, as a command does).
Any other certificate, someone else's included, is the unknown certificate's answer."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application

from domain.certificates.certificate import Certificate
from domain.content.fk.lisjp import LisjpContent, periods
from domain.samverkan.errors import NoCurrentSickLeaveError
from domain.shared.errors import CertificateNotFoundError

SICK_LEAVE_TYPES = frozenset({"lisjp"})


def sick_leave_periods(app: Application[UUID], certificate_id: UUID, personnummer: str,
                       current_on: date | None) -> list[tuple[date, date]]:
    """The (from, to) periods; with ``current_on``, only if one of them contains that day."""
    try:
        found: Any = app.repository.get(certificate_id)
    except AggregateNotFoundError:
        raise CertificateNotFoundError.of(certificate_id) from None
    if (not isinstance(found, Certificate) or found.type_id not in SICK_LEAVE_TYPES
            or found.patient.personnummer != personnummer or not found.is_signed
            or found.is_revoked):
        raise CertificateNotFoundError.of(certificate_id)
    spans = [(start, end) for _, start, end in periods(LisjpContent.model_validate(
        found.content))]
    if not spans:
        raise NoCurrentSickLeaveError("The certificate certifies no sick-leave period.")
    if current_on is not None and not any(s <= current_on <= e for s, e in spans):
        raise NoCurrentSickLeaveError("The certificate's sick leave is not current.")
    return spans
