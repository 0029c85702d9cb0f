"""What a command returns: the certificate's id, the new version, the log position and what a
response needs, so the API never loads the aggregate again after a command."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from eventsourcing.persistence import Recording

from domain.certificates.certificate import Certificate
from domain.certificates.lifecycle import CertificateState


@dataclass(frozen=True)
class CommandResult:
    """``position`` is the notification id of the last event written (None if nothing was
    written, e.g. an idempotent repeat); a query may wait for it to read its own writes.
    ``state`` is the certificate's state after the command, ``revoked`` whether it is revoked."""

    id: UUID
    version: int
    position: int | None
    state: CertificateState
    changed: bool = True
    revoked: bool = False


def result_of(cert: Certificate, version: int, recordings: list[Recording[UUID]]) -> CommandResult:
    """The result of saving: ``version`` is that of the aggregate the command changed (the
    certificate, or its conversation)."""
    position = recordings[-1].notification.id if recordings else None
    return CommandResult(id=cert.id, version=version, position=position, state=cert.state,
                         changed=bool(recordings), revoked=cert.is_revoked)


def expected(cert: Certificate, version: int) -> CommandResult:
    """The result a command is about to have, before its events are stored (so no position)."""
    return CommandResult(id=cert.id, version=version, position=None, state=cert.state)


def unchanged(cert: Certificate, version: int) -> CommandResult:
    """An idempotent repeat: nothing written."""
    return CommandResult(id=cert.id, version=version, position=None, state=cert.state,
                         changed=False, revoked=cert.is_revoked)
