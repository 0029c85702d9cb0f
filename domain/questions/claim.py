"""That a recipient's message id has been taken (DOMAIN.md §6: message ids are unique).

Each taken message claims its id with this tiny aggregate, whose id is derived from the message
id and saved in the same transaction as the conversation, so the store itself refuses a second
claim. Never published: it is an index, derivable from the published messages.

Event style as in every aggregate (see ``domain.certificates.certificate``): the creation event
by ``@event`` on ``__init__``.
"""

from __future__ import annotations

import uuid

from eventsourcing.domain import Aggregate, event

_CLAIMS = uuid.UUID("9a7c3e51-2b84-4f6d-a0c9-5e1d7b3f8a26")


def claim_id(message_id: str) -> uuid.UUID:
    return uuid.uuid5(_CLAIMS, message_id)


class MessageClaim(Aggregate):
    """That a recipient's message id has been taken (never published)."""

    @event("MessageClaimed")
    def __init__(self, certificate_id: uuid.UUID) -> None:
        self.certificate_id = certificate_id

    @classmethod
    def claim(cls, message_id: str, certificate_id: uuid.UUID) -> MessageClaim:
        claimed = cls.MessageClaimed  # type: ignore[attr-defined]
        return cls._create(claimed, id=claim_id(message_id), certificate_id=certificate_id)
