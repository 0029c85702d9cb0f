"""The messages a stored event sends besides the certificates topic: an access entry to the
access-log topic (``streams.access_log``), an order's event to the orders topic and an answer
to the orderer's (``streams.orders``), every FMU step to the investigations topic
(``streams.investigations``) and the steps the authority is told of also to its topic
(``streams.fmu_messages``), and a Samverkansytan space's event to the spaces topic
(``streams.samverkan``). Everything else sends nothing from here."""

from __future__ import annotations

from typing import Any

from eventsourcing.persistence import Notification

from commands.certificates import Certificates
from commands.settings import Settings
from streams.access_log import access_message
from streams.fmu_messages import fmu_message, is_fmu_outgoing
from streams.investigations import investigation_message
from streams.orders import Message, Seal, order_messages
from streams.published import (
    is_access_entry,
    is_investigation_event,
    is_order_event,
    is_space_event,
)
from streams.samverkan import space_message
from streams.topics import (
    access_log_topic,
    fmu_authority_topic,
    investigations_topic,
    spaces_topic,
)


def side_messages(app: Certificates, settings: Settings, notification: Notification,
                  seal: Seal) -> list[tuple[str, Message]]:
    """Each (topic, (key, value, headers)) this notification sends, in that order; ``seal``
    seals an order's or an investigation's patient data under the citizen's data key."""
    if is_access_entry(notification):
        event: Any = app.mapper.to_domain_event(notification)
        return [(access_log_topic(settings), access_message(event, notification.id))]
    if is_order_event(notification):
        event = app.mapper.to_domain_event(notification)
        return order_messages(settings, event, notification.id, seal)
    if is_investigation_event(notification):
        event = app.mapper.to_domain_event(notification)
        found = [(investigations_topic(settings),
                  investigation_message(event, notification.id, seal))]
        if is_fmu_outgoing(notification):
            found.append((fmu_authority_topic(settings), fmu_message(app, notification)))
        return found
    if is_space_event(notification):
        event = app.mapper.to_domain_event(notification)
        return [(spaces_topic(settings), space_message(event, notification.id, seal))]
    return []
