"""Every event topic ever written to the event store, pinned (ARCHITECTURE.md invariant 1).

The event store keeps, beside each event, a topic naming the Python class it was made from
(``module:Class.Event``), and a created event also names its aggregate class. Those strings are
a contract with every store already written: a class that moves or is renamed must still load
from its old topic. So:

- ``STORED_TOPICS`` lists each topic string that has ever been stored, written out literally,
  with the class it loads as today. A test pins the list: a topic that changes or disappears
  fails the build.
- ``register_stored_topics()`` teaches the library each old string (an alias), so an event
  stored under it loads as today's class.
- Topic filters on the notification log (the relay, ``lock-drafts``, rebuilds) come from here
  (``topics_of``), never from strings built out of ``__module__``.

Before the bounded-context move (one flat ``domain/`` package) the classes lived in
``domain.certificate``, ``domain.qa_conversation``, ``domain.death_register`` and
``commands.questions``; their events are stored under those names. Today's own topics are
added by ``current_topic`` so a filter finds events written before and after a move.
"""

from __future__ import annotations

from typing import Any

from eventsourcing.utils import get_topic, register_topic

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


def _event(aggregate: Any, name: str) -> Any:
    """An aggregate's event class (most are made by the ``@event`` decorator at import)."""
    return getattr(aggregate, name)


_C = Certificate
_Q = Conversation
_D = DeathRegister
_M = MessageClaim
_R = RequestClaim
_A = AccessEntry
_F = FilterLink
_U = UnitList
_I = Investigation
_B = Bestallning
_N = SentNotification
_G = Forgetting
_V = Migration
_S = Space
# every aggregate class the store holds
AGGREGATES: tuple[Any, ...] = (_C, _Q, _D, _M, _R, _A, _F, _U, _I, _B, _N, _G, _V, _S)

STORED_TOPICS: dict[str, Any] = {
    # The certificate (domain/certificate.py before the move).
    "domain.certificate:Certificate": _C,
    "domain.certificate:Certificate.DraftCreated": _event(_C, "DraftCreated"),
    "domain.certificate:Certificate.CertificateRegistered": _event(_C, "CertificateRegistered"),
    "domain.certificate:Certificate.DraftEdited": _event(_C, "DraftEdited"),
    "domain.certificate:Certificate.DraftDiscarded": _event(_C, "DraftDiscarded"),
    "domain.certificate:Certificate.DraftLocked": _event(_C, "DraftLocked"),
    "domain.certificate:Certificate.DraftDisposed": _event(_C, "DraftDisposed"),
    "domain.certificate:Certificate.CertificateSigned": _event(_C, "CertificateSigned"),
    "domain.certificate:Certificate.CertificateSent": _event(_C, "CertificateSent"),
    "domain.certificate:Certificate.CertificateRevoked": _event(_C, "CertificateRevoked"),
    "domain.certificate:Certificate.CertificateArchived": _event(_C, "CertificateArchived"),
    "domain.certificate:Certificate.CertificateRestored": _event(_C, "CertificateRestored"),
    "domain.certificate:Certificate.ChildCertificateCreated": _event(_C, "ChildCertificateCreated"),
    "domain.certificate:Certificate.ChildCertificateSigned": _event(_C, "ChildCertificateSigned"),
    "domain.certificate:Certificate.ChildCertificateRevoked": _event(_C, "ChildCertificateRevoked"),
    "domain.certificate:Certificate.ChildDraftDiscarded": _event(_C, "ChildDraftDiscarded"),
    # The conversation about a certificate (domain/qa_conversation.py before the move).
    "domain.qa_conversation:Conversation": _Q,
    "domain.qa_conversation:Conversation.ConversationStarted": _event(_Q, "ConversationStarted"),
    "domain.qa_conversation:Conversation.QuestionReceived": _event(_Q, "QuestionReceived"),
    "domain.qa_conversation:Conversation.AnswerReceived": _event(_Q, "AnswerReceived"),
    "domain.qa_conversation:Conversation.ReminderReceived": _event(_Q, "ReminderReceived"),
    "domain.qa_conversation:Conversation.QuestionSent": _event(_Q, "QuestionSent"),
    "domain.qa_conversation:Conversation.AnswerSent": _event(_Q, "AnswerSent"),
    "domain.qa_conversation:Conversation.CannotComplementAnswered":
        _event(_Q, "CannotComplementAnswered"),
    "domain.qa_conversation:Conversation.QuestionHandled": _event(_Q, "QuestionHandled"),
    "domain.qa_conversation:Conversation.QuestionReopened": _event(_Q, "QuestionReopened"),
    "domain.qa_conversation:Conversation.KompltClosedByComplement":
        _event(_Q, "KompltClosedByComplement"),
    "domain.qa_conversation:Conversation.KompltReopened": _event(_Q, "KompltReopened"),
    "domain.qa_conversation:Conversation.QuestionsClosedByRevocation":
        _event(_Q, "QuestionsClosedByRevocation"),
    # A patient's register of death certificates (domain/death_register.py before the move).
    "domain.death_register:DeathRegister": _D,
    "domain.death_register:DeathRegister.DeathRegisterOpened": _event(_D, "DeathRegisterOpened"),
    "domain.death_register:DeathRegister.DeathCertificateNoted":
        _event(_D, "DeathCertificateNoted"),
    "domain.death_register:DeathRegister.DeathCertificateSigned":
        _event(_D, "DeathCertificateSigned"),
    "domain.death_register:DeathRegister.DeathCertificateRevoked":
        _event(_D, "DeathCertificateRevoked"),
    "domain.death_register:DeathRegister.DeathDraftLocked": _event(_D, "DeathDraftLocked"),
    "domain.death_register:DeathRegister.DeathDraftDiscarded": _event(_D, "DeathDraftDiscarded"),
    # The claim of a recipient's message id (commands/questions.py before the move).
    "commands.questions:MessageClaim": _M,
    "commands.questions:MessageClaim.MessageClaimed": _event(_M, "MessageClaimed"),
    # The claim of a caller's Idempotency-Key (first stored where it lives today).
    "domain.shared.idempotency:RequestClaim": _R,
    "domain.shared.idempotency:RequestClaim.RequestClaimed": _event(_R, "RequestClaimed"),
    "domain.shared.idempotency:RequestClaim.RequestAnswered": _event(_R, "RequestAnswered"),
    # One read of patient data, the PDL access log (first stored where it lives today).
    "domain.access.entry:AccessEntry": _A,
    "domain.access.entry:AccessEntry.PatientDataRead": _event(_A, "PatientDataRead"),
    # A shared filter set of Intygsstatistik (first stored where it lives today).
    "domain.statistics.filter_link:FilterLink": _F,
    "domain.statistics.filter_link:FilterLink.FilterSetShared": _event(_F, "FilterSetShared"),
    # A region's unit list of listed patients, every version (first stored where it lives today).
    "domain.statistics.unit_list:UnitList": _U,
    "domain.statistics.unit_list:UnitList.UnitListOpened": _event(_U, "UnitListOpened"),
    "domain.statistics.unit_list:UnitList.UnitListUploaded": _event(_U, "UnitListUploaded"),
    # The FMU investigation (first stored where it lives today).
    "domain.orders.fmu.investigation:Investigation": _I,
    "domain.orders.fmu.investigation:Investigation.RequestReceived": _event(_I, "RequestReceived"),
    "domain.orders.fmu.investigation:Investigation.OrderedDirectly": _event(_I, "OrderedDirectly"),
    "domain.orders.fmu.investigation:Investigation.UnitsAsked": _event(_I, "UnitsAsked"),
    "domain.orders.fmu.investigation:Investigation.UnitAssignedDirectly":
        _event(_I, "UnitAssignedDirectly"),
    "domain.orders.fmu.investigation:Investigation.UnitAnswered": _event(_I, "UnitAnswered"),
    "domain.orders.fmu.investigation:Investigation.UnitAssigned": _event(_I, "UnitAssigned"),
    "domain.orders.fmu.investigation:Investigation.RequestRejected": _event(_I, "RequestRejected"),
    "domain.orders.fmu.investigation:Investigation.OrderReceived": _event(_I, "OrderReceived"),
    "domain.orders.fmu.investigation:Investigation.OrderUpdated": _event(_I, "OrderUpdated"),
    "domain.orders.fmu.investigation:Investigation.DocumentsReceived":
        _event(_I, "DocumentsReceived"),
    "domain.orders.fmu.investigation:Investigation.VisitBooked": _event(_I, "VisitBooked"),
    "domain.orders.fmu.investigation:Investigation.AssessmentExtended":
        _event(_I, "AssessmentExtended"),
    "domain.orders.fmu.investigation:Investigation.VisitRescheduled":
        _event(_I, "VisitRescheduled"),
    "domain.orders.fmu.investigation:Investigation.DeviationReceived":
        _event(_I, "DeviationReceived"),
    "domain.orders.fmu.investigation:Investigation.DeviationReported":
        _event(_I, "DeviationReported"),
    "domain.orders.fmu.investigation:Investigation.VisitCancelled": _event(_I, "VisitCancelled"),
    "domain.orders.fmu.investigation:Investigation.VisitHeld": _event(_I, "VisitHeld"),
    "domain.orders.fmu.investigation:Investigation.StatementSent": _event(_I, "StatementSent"),
    "domain.orders.fmu.investigation:Investigation.StatementReceived":
        _event(_I, "StatementReceived"),
    "domain.orders.fmu.investigation:Investigation.ComplementRequested":
        _event(_I, "ComplementRequested"),
    "domain.orders.fmu.investigation:Investigation.ComplementQuestionsReceived":
        _event(_I, "ComplementQuestionsReceived"),
    "domain.orders.fmu.investigation:Investigation.ComplementSent": _event(_I, "ComplementSent"),
    "domain.orders.fmu.investigation:Investigation.ComplementReceived":
        _event(_I, "ComplementReceived"),
    "domain.orders.fmu.investigation:Investigation.InvestigationEnded":
        _event(_I, "InvestigationEnded"),
    "domain.orders.fmu.investigation:Investigation.PaymentIdRecorded":
        _event(_I, "PaymentIdRecorded"),
    "domain.orders.fmu.investigation:Investigation.CitizenRecorded":
        _event(_I, "CitizenRecorded"),
    # An order from an authority to a care unit (first stored where it lives today).
    "domain.orders.bestallning.order:Bestallning": _B,
    "domain.orders.bestallning.order:Bestallning.OrderReceived": _event(_B, "OrderReceived"),
    "domain.orders.bestallning.order:Bestallning.OrderRead": _event(_B, "OrderRead"),
    "domain.orders.bestallning.order:Bestallning.OrderAccepted": _event(_B, "OrderAccepted"),
    "domain.orders.bestallning.order:Bestallning.OrderRejected": _event(_B, "OrderRejected"),
    "domain.orders.bestallning.order:Bestallning.OrderDeleted": _event(_B, "OrderDeleted"),
    "domain.orders.bestallning.order:Bestallning.OrderDone": _event(_B, "OrderDone"),
    "domain.orders.bestallning.order:Bestallning.OrderAnswered": _event(_B, "OrderAnswered"),
    # The record that an order's e-mail notification was sent (first stored where it lives).
    "domain.orders.sent_mail:SentNotification": _N,
    "domain.orders.sent_mail:SentNotification.NotificationSent":
        _event(_N, "NotificationSent"),
    # A patient forgotten, their data key destroyed (first stored where it lives today).
    "domain.access.forgetting:Forgetting": _G,
    "domain.access.forgetting:Forgetting.PatientForgotten": _event(_G, "PatientForgotten"),
    # A migration of what rests outside the store, applied (first stored where it lives).
    "domain.access.migration:Migration": _V,
    "domain.access.migration:Migration.MigrationApplied": _event(_V, "MigrationApplied"),
    # A Samverkansytan space (first stored where it lives today).
    "domain.samverkan.space:Space": _S,
    "domain.samverkan.space:Space.SpaceOpened": _event(_S, "SpaceOpened"),
    "domain.samverkan.space:Space.CertificateLinked": _event(_S, "CertificateLinked"),
    "domain.samverkan.space:Space.ParticipantInvited": _event(_S, "ParticipantInvited"),
    "domain.samverkan.space:Space.ParticipantRemoved": _event(_S, "ParticipantRemoved"),
    "domain.samverkan.space:Space.ConsentRecorded": _event(_S, "ConsentRecorded"),
    "domain.samverkan.space:Space.ConsentWithdrawn": _event(_S, "ConsentWithdrawn"),
    "domain.samverkan.space:Space.ItemProposed": _event(_S, "ItemProposed"),
    "domain.samverkan.space:Space.ItemApproved": _event(_S, "ItemApproved"),
    "domain.samverkan.space:Space.ApprovalWithdrawn": _event(_S, "ApprovalWithdrawn"),
    "domain.samverkan.space:Space.ContactGiven": _event(_S, "ContactGiven"),
    "domain.samverkan.space:Space.ReplyPosted": _event(_S, "ReplyPosted"),
}


def current_topic(cls: Any) -> str:
    """The topic the library writes for ``cls`` today."""
    return get_topic(cls)


def register_stored_topics() -> None:
    """Let every stored topic load as today's class (idempotent)."""
    for topic, cls in STORED_TOPICS.items():
        if topic != current_topic(cls):
            register_topic(topic, cls)


def topics_of(*classes: Any) -> list[str]:
    """Every topic an event of these classes may be stored under: the pinned old ones and
    today's, for filters on the notification log. An aggregate class stands for all of its
    events."""
    wanted = set(classes)
    found = {topic for topic, cls in STORED_TOPICS.items()
             if cls in wanted or _owner(cls) in wanted}
    found |= {current_topic(cls) for cls in STORED_TOPICS.values()
              if cls in wanted or _owner(cls) in wanted}
    return sorted(found)


def _owner(cls: Any) -> Any:
    """The aggregate an event class belongs to (the class itself for an aggregate)."""
    for aggregate in AGGREGATES:
        if cls is aggregate or issubclass(cls, aggregate.Event):
            return aggregate
    return None


register_stored_topics()
