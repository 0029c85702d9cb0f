"""Which stored events leave the store: every topic of the notification log is either published
(certificates and the conversations about them), internal (the per-patient death registers and
the message-id claims, uniqueness indexes derivable from the published events; the claims of
Idempotency-Keys, an index of requests; the statistics page's settings, shared filter sets and
unit lists), an FMU investigation's step (published on the investigations topic,
``streams.investigations``; those the authority is told of also as their own messages,
``streams.fmu_messages``), an access entry (the PDL access log, and the forgetting of
a patient, published on their own topic by the relay, ``streams.access_log``), an order's
event (published on the orders topic, its answers also on the orderer's topic,
``streams.orders``; the record that an order's mail was sent is internal), or unknown.

An unknown topic is a class the topic registry (``domain.topics``) does not know: a move or
rename without an alias, or a new event never pinned. Passing over it would lose an event
silently, so readers of the log stop at it instead (ARCHITECTURE.md invariant 3).
"""

from __future__ import annotations

from collections.abc import Sequence

from eventsourcing.persistence import Notification

from domain.access.entry import AccessEntry
from domain.access.forgetting import Forgetting
from domain.access.migration import Migration
from domain.certificates.certificate import Certificate
from domain.certificates.register import DeathRegister
from domain.orders.bestallning.order import Bestallning
from domain.orders.fmu.investigation import Investigation
from domain.orders.sent_mail import SentNotification
from domain.questions.claim import MessageClaim
from domain.questions.conversation import Conversation
from domain.samverkan.space import Space
from domain.shared.idempotency import RequestClaim
from domain.statistics.filter_link import FilterLink
from domain.statistics.unit_list import UnitList
from domain.topics import topics_of

PUBLISHED_TOPICS = frozenset(topics_of(Certificate, Conversation))
INTERNAL_TOPICS = frozenset(topics_of(DeathRegister, MessageClaim, RequestClaim, FilterLink,
                                      UnitList, SentNotification, Migration))
ACCESS_TOPICS = frozenset(topics_of(AccessEntry, Forgetting))
ORDER_TOPICS = frozenset(topics_of(Bestallning))
INVESTIGATION_TOPICS = frozenset(topics_of(Investigation))
SPACE_TOPICS = frozenset(topics_of(Space))
KNOWN_TOPICS = PUBLISHED_TOPICS | INTERNAL_TOPICS | ACCESS_TOPICS | ORDER_TOPICS | \
    INVESTIGATION_TOPICS | SPACE_TOPICS


class UnknownStoredTopicError(Exception):
    """A notification is stored under a topic that is neither published nor internal."""

    def __init__(self, notification: Notification) -> None:
        super().__init__(
            f"Notification {notification.id} (aggregate {notification.originator_id}, version "
            f"{notification.originator_version}) has the unknown topic {notification.topic!r}: "
            "pin it in domain/topics.py before reading the log past it.")
        self.notification_id = notification.id
        self.topic = notification.topic


def is_published(notification: Notification) -> bool:
    """True for a published certificate event, False for an internal one or an access entry
    (which has its own topic: ``is_access_entry``); an unknown topic raises."""
    if notification.topic in PUBLISHED_TOPICS:
        return True
    if notification.topic in KNOWN_TOPICS:
        return False
    raise UnknownStoredTopicError(notification)


def is_access_entry(notification: Notification) -> bool:
    return notification.topic in ACCESS_TOPICS


def is_order_event(notification: Notification) -> bool:
    return notification.topic in ORDER_TOPICS


def is_investigation_event(notification: Notification) -> bool:
    return notification.topic in INVESTIGATION_TOPICS


def known_prefix(notifications: Sequence[Notification]
                 ) -> tuple[list[Notification], UnknownStoredTopicError | None]:
    """The notifications before the first one under an unknown topic, and the error for that
    one (None when every topic is known): a reader handles the prefix, then raises."""
    for index, notification in enumerate(notifications):
        if notification.topic not in KNOWN_TOPICS:
            return list(notifications[:index]), UnknownStoredTopicError(notification)
    return list(notifications), None


def is_space_event(notification: Notification) -> bool:
    """A Samverkansytan space's event (published on its own topic, ``streams.samverkan``)."""
    return notification.topic in SPACE_TOPICS
