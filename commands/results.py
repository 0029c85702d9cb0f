"""What a command returns: the certificate's id, its new version and the log position."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from eventsourcing.persistence import Recording


@dataclass(frozen=True)
class CommandResult:
    """``position`` is the notification id of the last event written (None if nothing was
    written, e.g. an idempotent repeat); a query may wait for it to read its own writes."""

    id: UUID
    version: int
    position: int | None
    changed: bool = True


def result_of(aggregate_id: UUID, version: int, recordings: list[Recording[UUID]]) -> CommandResult:
    position = recordings[-1].notification.id if recordings else None
    return CommandResult(id=aggregate_id, version=version, position=position,
                         changed=bool(recordings))
