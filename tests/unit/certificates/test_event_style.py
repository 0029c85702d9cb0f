"""One event-definition style across the aggregates (see ``domain.certificates.certificate``):
whether an event is a nested ``Aggregate.Created`` class or made by ``@event``, the stored topic
is ``module:Aggregate.EventName`` and each event's fields are the contract (streams/schemas.py)."""

from __future__ import annotations

from typing import Any

import pytest
from eventsourcing.domain import CanMutateAggregate
from eventsourcing.utils import get_topic

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
from domain.topics import STORED_TOPICS

AGGREGATES = (Certificate, Conversation, DeathRegister, MessageClaim, RequestClaim, AccessEntry,
              FilterLink, UnitList, Investigation, Bestallning, SentNotification,
              Forgetting, Migration, Space)


def events_of(aggregate: Any) -> dict[str, Any]:
    return {name: cls for name in dir(aggregate)
            if isinstance(cls := getattr(aggregate, name), type)
            and issubclass(cls, CanMutateAggregate)
            and cls.__qualname__ == f"{aggregate.__qualname__}.{name}"
            and name not in ("Created", "Event")}


@pytest.mark.parametrize("aggregate", AGGREGATES, ids=lambda a: a.__name__)
def test_every_event_topic_is_module_aggregate_event_when_nested_or_decorated(aggregate):
    for name, cls in events_of(aggregate).items():
        assert get_topic(cls) == f"{aggregate.__module__}:{aggregate.__qualname__}.{name}"


def test_every_event_class_is_pinned_in_the_stored_topics_when_aggregates_are_loaded():
    pinned = set(STORED_TOPICS.values())
    found = {cls for aggregate in AGGREGATES for cls in events_of(aggregate).values()}
    assert found == pinned - set(AGGREGATES)
