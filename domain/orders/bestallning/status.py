"""The statuses of an order and what each event leads to, written once for the aggregate and
the read model alike (``status_after``).

OLAST (unread) -> LAST (read, on the unit's first view) -> ACCEPTERAD or AVVISAD; ACCEPTERAD ->
KLAR (done). AVVISA_RADERA from LAST leaves RADERAD: the order is a tombstone whose events stay
for the audit trail, listed under the rejected tab and never shown again.
"""

from __future__ import annotations

from enum import StrEnum


class OrderStatus(StrEnum):
    OLAST = "OLAST"
    LAST = "LAST"
    ACCEPTERAD = "ACCEPTERAD"
    AVVISAD = "AVVISAD"
    RADERAD = "RADERAD"
    KLAR = "KLAR"


class Tab(StrEnum):
    """The unit's list tabs: current work, done, rejected."""

    AKTUELLA = "AKTUELLA"
    KLARA = "KLARA"
    AVVISADE = "AVVISADE"


TAB_STATUSES: dict[Tab, tuple[OrderStatus, ...]] = {
    Tab.AKTUELLA: (OrderStatus.OLAST, OrderStatus.LAST, OrderStatus.ACCEPTERAD),
    Tab.KLARA: (OrderStatus.KLAR,),
    Tab.AVVISADE: (OrderStatus.AVVISAD, OrderStatus.RADERAD),
}

# event name -> (the status it must come from, the status it leads to)
TRANSITIONS: dict[str, tuple[OrderStatus | None, OrderStatus]] = {
    "OrderReceived": (None, OrderStatus.OLAST),
    "OrderRead": (OrderStatus.OLAST, OrderStatus.LAST),
    "OrderAccepted": (OrderStatus.LAST, OrderStatus.ACCEPTERAD),
    "OrderRejected": (OrderStatus.LAST, OrderStatus.AVVISAD),
    "OrderDeleted": (OrderStatus.LAST, OrderStatus.RADERAD),
    "OrderDone": (OrderStatus.ACCEPTERAD, OrderStatus.KLAR),
}

# The answer sent to the orderer for an event (RespondToOrder, KV svar beställning).
ANSWER_OF_EVENT: dict[str, str] = {
    "OrderAccepted": "ACCEPTERAT", "OrderRejected": "AVVISAT", "OrderDeleted": "RADERAT",
}


def status_after(status: OrderStatus | None, event: str) -> OrderStatus | None:
    """The status after ``event``; an event that moves no status (an answer) keeps it."""
    found = TRANSITIONS.get(event)
    return status if found is None else found[1]


def allowed(status: OrderStatus | None, event: str) -> bool:
    found = TRANSITIONS.get(event)
    return found is not None and found[0] == status


def tab_of(status: OrderStatus) -> Tab:
    return next(tab for tab, statuses in TAB_STATUSES.items() if status in statuses)
