"""An e-mail notification due about an order (ORDERS.md §1.8 and §2): the type, the recipient's
address and the order's id, and nothing else: a mail carries no patient data, only a link.
Exactly one is sent per (type, recipient, order) (``domain.orders.sent_mail``).
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

    @property
    def record_id(self) -> uuid.UUID:
        """The id of the record that it was sent: one per (type, recipient, order)."""
        return uuid.uuid5(_SENT, f"{self.type}|{self.recipient.lower()}|{self.order_id}")
