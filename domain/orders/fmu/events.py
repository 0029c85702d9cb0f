"""The events of an investigation (``Investigation``), one class per step of ORDERS.md §1.4.

Every event names its ``actor`` (FK, SAMORDNARE, VARDADMIN, JOB), who acted (``by``: an HSA id
or the authority's system id) and when (``at``). Dates are ISO strings (``YYYY-MM-DD``), times
datetimes. An event's meaning is ``fold.apply``, called by the one ``apply`` below, so the
aggregate and a read model folding the published events cannot drift. Stored topics are
``domain.orders.fmu.events:<Class>``, pinned in ``domain.topics``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from eventsourcing.domain import Aggregate

from domain.orders.fmu import fold


class _Folded:
    def apply(self, aggregate: Any) -> None:
        aggregate.facts = fold.apply(getattr(aggregate, "facts", None), type(self).__name__,
                                     self.__dict__)


class InvestigationEvent(_Folded, Aggregate.Event):
    """Base of every later event of an investigation."""

    at: datetime
    actor: str
    by: str


class RequestReceived(_Folded, Aggregate.Created):
    """Försäkringskassan asked the region for an investigation (RequestPerformerForAssessment)."""

    kind: str
    landsting: str
    fk_answer_by: str | None
    at: datetime
    actor: str
    by: str


class OrderedDirectly(_Folded, Aggregate.Created):
    """An order without a prior request (OrderAssessment without assessmentId, e.g. from AF)."""

    kind: str
    landsting: str
    unit: str
    last_date: str
    documents_by_post: bool
    interpreter_needed: bool
    at: datetime
    actor: str
    by: str


class UnitsAsked(InvestigationEvent):
    """The coordinator sent internal requests; each unit answers by ``answer_by``."""

    units: list[str]
    answer_by: datetime


class UnitAssignedDirectly(InvestigationEvent):
    unit: str


class UnitAnswered(InvestigationEvent):
    unit: str
    answer: str
    comment: str | None
    performer: dict[str, Any] | None


class UnitAssigned(InvestigationEvent):
    """Tilldelad: the region accepted FK's request on behalf of this unit."""

    unit: str


class RequestRejected(InvestigationEvent):
    comment: str


class OrderReceived(InvestigationEvent):
    unit: str
    last_date: str
    documents_by_post: bool
    interpreter_needed: bool


class OrderUpdated(InvestigationEvent):
    last_date: str | None
    documents_by_post: bool
    comment: str | None
    interpreter_needed: bool | None
    interpreter_language: str | None


class DocumentsReceived(InvestigationEvent):
    received_on: str


class VisitBooked(InvestigationEvent):
    visit_id: str
    start: datetime
    end: datetime
    profession: str
    summons_channel: str
    summoned_on: str
    tolk: str | None


class AssessmentExtended(InvestigationEvent):
    """AFU became AFU_UTVIDGAD; FK's reply to UpdateAssessment is the new last date."""

    kind: str
    last_date: str


class VisitRescheduled(InvestigationEvent):
    visit_id: str
    start: datetime
    end: datetime
    summons_channel: str
    summoned_on: str


class DeviationReceived(InvestigationEvent):
    """Försäkringskassan reported an avvikelse at a visit (ReportDeviation in)."""

    visit_id: str
    deviation_id: str
    caused_by: str
    deviation_at: datetime
    citizen_failed_to_arrive: bool


class DeviationReported(InvestigationEvent):
    """Care reported an avvikelse at a visit (ReportDeviation out)."""

    visit_id: str
    deviation_id: str
    caused_by: str
    deviation_at: datetime
    citizen_failed_to_arrive: bool


class VisitCancelled(InvestigationEvent):
    visit_id: str


class VisitHeld(InvestigationEvent):
    visit_id: str
    tolk: str | None


class StatementSent(InvestigationEvent):
    sent_on: str


class StatementReceived(InvestigationEvent):
    received_on: str
    complement_deadline: str


class ComplementRequested(InvestigationEvent):
    complement_id: str
    last_date: str


class ComplementQuestionsReceived(InvestigationEvent):
    complement_id: str
    received_on: str


class ComplementSent(InvestigationEvent):
    complement_id: str
    sent_on: str


class ComplementReceived(InvestigationEvent):
    complement_id: str
    received_on: str
    complement_deadline: str


class InvestigationEnded(InvestigationEvent):
    reason: str


class PaymentIdRecorded(InvestigationEvent):
    """One Betalning id (invoice or payment), bookkeeping only: no amounts."""

    kind: str
    value: str
