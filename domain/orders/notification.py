"""An e-mail notification due about an order (ORDERS.md §1.8 and §2): the type, the recipient's
address and the order's id (an FMU investigation's id for §1.8), and nothing else: a mail
carries no patient data, only a link. Exactly one is sent per (type, recipient, order)
(``domain.orders.sent_mail``); an FMU notification adds its ``subject`` to that key (the event
that caused it, or the deadline a reminder warns about), so a new last date makes a reminder
due again. An order's notification has no subject, and its key is the three alone.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

_SENT = uuid.UUID("3c1f6e2a-84b7-4d90-a5e3-7b2c9d10f4e8")


@dataclass(frozen=True, order=True)
class DueNotification:
    type: str
    recipient: str
    order_id: str
    subject: str = ""

    @property
    def about_investigation(self) -> bool:
        """An FMU investigation's notification (only those have a subject)."""
        return bool(self.subject)

    @property
    def record_id(self) -> uuid.UUID:
        """The id of the record that it was sent: one per (type, recipient, order[, subject])."""
        key = f"{self.type}|{self.recipient.lower()}|{self.order_id}"
        return uuid.uuid5(_SENT, f"{key}|{self.subject}" if self.subject else key)
