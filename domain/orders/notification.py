"""E-mail notifications of orders (ORDERS.md §1.8 and §2): what is due, and the record that it
was sent, exactly one per (type, recipient, order).

A ``DueNotification`` names only the type, the recipient's address and the order's id: a mail
carries no patient data, only a link. ``SentNotification`` is the record, its id derived from
those three, so the store itself refuses a second record of the same notification. Internal:
never published (it is the sender's own bookkeeping).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from eventsourcing.domain import Aggregate, event

_SENT = uuid.UUID("3c1f6e2a-84b7-4d90-a5e3-7b2c9d10f4e8")


@dataclass(frozen=True, order=True)
class DueNotification:
    type: str
    recipient: str
    order_id: str

    @property
    def record_id(self) -> uuid.UUID:
        return uuid.uuid5(_SENT, f"{self.type}|{self.recipient.lower()}|{self.order_id}")


class SentNotification(Aggregate):
    """That one notification was handed to the mail server."""

    @event("NotificationSent")
    def __init__(self, type: str, recipient: str, order_id: str, message_id: str,
                 sent_at: datetime) -> None:
        self.type = type
        self.recipient = recipient
        self.order_id = order_id
        self.message_id = message_id
        self.sent_at = sent_at

    @classmethod
    def record(cls, due: DueNotification, message_id: str, now: datetime) -> SentNotification:
        sent = cls.NotificationSent  # type: ignore[attr-defined]
        return cls._create(sent, id=due.record_id, type=due.type, recipient=due.recipient,
                           order_id=due.order_id, message_id=message_id, sent_at=now)
