"""Every topic ever written to the event store is pinned (STYLE.md, ARCHITECTURE.md invariant 1):
the list below is written out by hand, so a topic that changes, disappears or is added without
a thought fails here; each loads as today's class; no event class goes unpinned."""

from __future__ import annotations

from typing import Any

import pytest
from eventsourcing.domain import Aggregate
from eventsourcing.utils import get_topic, resolve_topic

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
from domain.topics import STORED_TOPICS, topics_of

# Written out literally on purpose: never build these from the classes.
PINNED = {
    "domain.certificate:Certificate",
    "domain.certificate:Certificate.DraftCreated",
    "domain.certificate:Certificate.CertificateRegistered",
    "domain.certificate:Certificate.DraftEdited",
    "domain.certificate:Certificate.DraftDiscarded",
    "domain.certificate:Certificate.DraftLocked",
    "domain.certificate:Certificate.DraftDisposed",
    "domain.certificate:Certificate.CertificateSigned",
    "domain.certificate:Certificate.CertificateSent",
    "domain.certificate:Certificate.CertificateRevoked",
    "domain.certificate:Certificate.CertificateArchived",
    "domain.certificate:Certificate.CertificateRestored",
    "domain.certificate:Certificate.ChildCertificateCreated",
    "domain.certificate:Certificate.ChildCertificateSigned",
    "domain.certificate:Certificate.ChildCertificateRevoked",
    "domain.certificate:Certificate.ChildDraftDiscarded",
    "domain.qa_conversation:Conversation",
    "domain.qa_conversation:Conversation.ConversationStarted",
    "domain.qa_conversation:Conversation.QuestionReceived",
    "domain.qa_conversation:Conversation.AnswerReceived",
    "domain.qa_conversation:Conversation.ReminderReceived",
    "domain.qa_conversation:Conversation.QuestionSent",
    "domain.qa_conversation:Conversation.AnswerSent",
    "domain.qa_conversation:Conversation.CannotComplementAnswered",
    "domain.qa_conversation:Conversation.QuestionHandled",
    "domain.qa_conversation:Conversation.QuestionReopened",
    "domain.qa_conversation:Conversation.KompltClosedByComplement",
    "domain.qa_conversation:Conversation.KompltReopened",
    "domain.qa_conversation:Conversation.QuestionsClosedByRevocation",
    "domain.death_register:DeathRegister",
    "domain.death_register:DeathRegister.DeathRegisterOpened",
    "domain.death_register:DeathRegister.DeathCertificateNoted",
    "domain.death_register:DeathRegister.DeathCertificateSigned",
    "domain.death_register:DeathRegister.DeathCertificateRevoked",
    "domain.death_register:DeathRegister.DeathDraftLocked",
    "domain.death_register:DeathRegister.DeathDraftDiscarded",
    "commands.questions:MessageClaim",
    "commands.questions:MessageClaim.MessageClaimed",
    "domain.shared.idempotency:RequestClaim",
    "domain.shared.idempotency:RequestClaim.RequestClaimed",
    "domain.shared.idempotency:RequestClaim.RequestAnswered",
    "domain.access.entry:AccessEntry",
    "domain.access.entry:AccessEntry.PatientDataRead",
    "domain.statistics.filter_link:FilterLink",
    "domain.statistics.filter_link:FilterLink.FilterSetShared",
    "domain.statistics.unit_list:UnitList",
    "domain.statistics.unit_list:UnitList.UnitListOpened",
    "domain.statistics.unit_list:UnitList.UnitListUploaded",
    "domain.orders.fmu.investigation:Investigation",
    "domain.orders.fmu.investigation:Investigation.RequestReceived",
    "domain.orders.fmu.investigation:Investigation.OrderedDirectly",
    "domain.orders.fmu.investigation:Investigation.UnitsAsked",
    "domain.orders.fmu.investigation:Investigation.UnitAssignedDirectly",
    "domain.orders.fmu.investigation:Investigation.UnitAnswered",
    "domain.orders.fmu.investigation:Investigation.UnitAssigned",
    "domain.orders.fmu.investigation:Investigation.RequestRejected",
    "domain.orders.fmu.investigation:Investigation.OrderReceived",
    "domain.orders.fmu.investigation:Investigation.OrderUpdated",
    "domain.orders.fmu.investigation:Investigation.DocumentsReceived",
    "domain.orders.fmu.investigation:Investigation.VisitBooked",
    "domain.orders.fmu.investigation:Investigation.AssessmentExtended",
    "domain.orders.fmu.investigation:Investigation.VisitRescheduled",
    "domain.orders.fmu.investigation:Investigation.DeviationReceived",
    "domain.orders.fmu.investigation:Investigation.DeviationReported",
    "domain.orders.fmu.investigation:Investigation.VisitCancelled",
    "domain.orders.fmu.investigation:Investigation.VisitHeld",
    "domain.orders.fmu.investigation:Investigation.StatementSent",
    "domain.orders.fmu.investigation:Investigation.StatementReceived",
    "domain.orders.fmu.investigation:Investigation.ComplementRequested",
    "domain.orders.fmu.investigation:Investigation.ComplementQuestionsReceived",
    "domain.orders.fmu.investigation:Investigation.ComplementSent",
    "domain.orders.fmu.investigation:Investigation.ComplementReceived",
    "domain.orders.fmu.investigation:Investigation.InvestigationEnded",
    "domain.orders.fmu.investigation:Investigation.PaymentIdRecorded",
    "domain.orders.bestallning.order:Bestallning",
    "domain.orders.bestallning.order:Bestallning.OrderReceived",
    "domain.orders.bestallning.order:Bestallning.OrderRead",
    "domain.orders.bestallning.order:Bestallning.OrderAccepted",
    "domain.orders.bestallning.order:Bestallning.OrderRejected",
    "domain.orders.bestallning.order:Bestallning.OrderDeleted",
    "domain.orders.bestallning.order:Bestallning.OrderDone",
    "domain.orders.bestallning.order:Bestallning.OrderAnswered",
    "domain.orders.sent_mail:SentNotification",
    "domain.orders.sent_mail:SentNotification.NotificationSent",
    "domain.access.forgetting:Forgetting",
    "domain.access.forgetting:Forgetting.PatientForgotten",
    "domain.orders.fmu.investigation:Investigation.CitizenRecorded",
    "domain.access.migration:Migration",
    "domain.access.migration:Migration.MigrationApplied",
    "domain.samverkan.space:Space",
    "domain.samverkan.space:Space.SpaceOpened",
    "domain.samverkan.space:Space.CertificateLinked",
    "domain.samverkan.space:Space.ParticipantInvited",
    "domain.samverkan.space:Space.ParticipantRemoved",
    "domain.samverkan.space:Space.ConsentRecorded",
    "domain.samverkan.space:Space.ConsentWithdrawn",
    "domain.samverkan.space:Space.ItemProposed",
    "domain.samverkan.space:Space.ItemApproved",
    "domain.samverkan.space:Space.ApprovalWithdrawn",
    "domain.samverkan.space:Space.ContactGiven",
    "domain.samverkan.space:Space.ReplyPosted",
}

AGGREGATES: list[type[Aggregate]] = [Certificate, Conversation, DeathRegister, MessageClaim,
                                      RequestClaim, AccessEntry, FilterLink, UnitList,
                                      Investigation, Bestallning, SentNotification,
                                      Forgetting, Migration, Space]


def event_classes(aggregate: type[Aggregate]) -> list[Any]:
    """The aggregate's own event classes: nested classes that are its events, without the
    generic ``Event`` and ``Created`` bases the library defines (never stored themselves)."""
    generic = {aggregate.Event, aggregate.Created}
    return [value for value in vars(aggregate).values()
            if isinstance(value, type) and issubclass(value, aggregate.Event)
            and value not in generic]


def test_stored_topics_are_exactly_the_pinned_list_when_compared():
    assert set(STORED_TOPICS) == PINNED
    assert len(STORED_TOPICS) == len(PINNED)


@pytest.mark.parametrize("topic", sorted(PINNED))
def test_topic_resolves_to_its_registered_class_when_loaded(topic: str):
    assert resolve_topic(topic) is STORED_TOPICS[topic]


@pytest.mark.parametrize("aggregate", AGGREGATES, ids=lambda a: a.__name__)
def test_aggregate_is_pinned_when_it_is_stored(aggregate: type[Aggregate]):
    assert aggregate in STORED_TOPICS.values()


@pytest.mark.parametrize("aggregate", AGGREGATES, ids=lambda a: a.__name__)
def test_every_event_class_is_pinned_when_the_aggregate_defines_it(aggregate: type[Aggregate]):
    classes = event_classes(aggregate)
    assert classes  # the enumeration finds the decorated events
    pinned = set(STORED_TOPICS.values())
    assert [cls.__name__ for cls in classes if cls not in pinned] == []


def test_pinned_classes_are_the_aggregates_and_their_events_when_enumerated():
    """The enumeration above misses nothing that is pinned (so it cannot pass vacuously)."""
    enumerated = {cls for aggregate in AGGREGATES for cls in event_classes(aggregate)}
    assert set(STORED_TOPICS.values()) == enumerated | set(AGGREGATES)


def test_generic_bases_are_left_out_when_events_are_enumerated():
    names = {cls.__name__ for cls in event_classes(Certificate)}
    assert "DraftCreated" in names and "CertificateSigned" in names
    assert not {"Event", "Created"} & names


def test_topics_of_gives_the_old_and_the_current_topic_when_asked_for_an_event():
    topics = topics_of(Certificate.DraftCreated)
    assert topics == sorted({"domain.certificate:Certificate.DraftCreated",
                             get_topic(Certificate.DraftCreated)})
    assert len(topics) == 2


def test_topics_of_gives_every_event_of_an_aggregate_when_asked_for_the_aggregate():
    topics = set(topics_of(Conversation))
    assert {"domain.qa_conversation:Conversation.AnswerSent",
            get_topic(Conversation.AnswerSent)} <= topics
    assert not any(topic.startswith("domain.certificate:") for topic in topics)


def test_topics_of_returns_an_aggregates_old_and_current_topic_when_asked_for_a_claim():
    assert set(topics_of(MessageClaim.MessageClaimed)) == {
        "commands.questions:MessageClaim.MessageClaimed", get_topic(MessageClaim.MessageClaimed)}
