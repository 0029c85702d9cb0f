"""The record that an order's e-mail notification was sent, one per (type, recipient, order).

Its id is derived from those three (``DueNotification.record_id``), so the store itself refuses
a second record of the same notification. Internal: never published (the mail sender's own
bookkeeping; the orders' view shows it in the timeline).
"""

from __future__ import annotations

from datetime import datetime

from eventsourcing.domain import Aggregate, event

from domain.orders.notification import DueNotification


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
