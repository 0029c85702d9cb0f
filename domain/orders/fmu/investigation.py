"""The Investigation aggregate: one försäkringsmedicinsk utredning (FMU) from Försäkringskassan's
request to its end (ORDERS.md §1, DOMAIN.md §10).

Each public method is one transition of §1.4: it checks its guard (``guards``) against the
facts and the status as of ``now`` and raises a named error, then triggers its event, naming
the actor. The aggregate keeps only the facts (``fold``); status, phase, deadlines, payment
eligibility and due notifications are computed from them, today and the calendar, never
stored. The transitions live in three mixins by stage (``requests``, ``visits``,
``closing``); the events are nested here, as classes, so that their stored topics are
``domain.orders.fmu.investigation:Investigation.<Event>`` (pinned in ``domain.topics``) and
their one ``apply`` folds them: dates are ISO strings, times datetimes.

Quirks of the national service, decided (§1.12):

1. The internal-request reminder there looks 4 business days ahead while the answer time is 2,
   so it fired the moment a request was made. Here it is due from the business day before the
   answer-by date (``notifications``).
2. The utlåtande reminder there checked whether the *komplettering* reminder was enabled. Here
   each reminder has its own type; a recipient's preferences are the sender's concern.
3. Försäkringskassan may end an investigation while visits are still booked; its message cannot
   be refused. The unit is told (UTREDNING_AVSLUTAD_PGA_AVBRUTEN) and, unlike there, may then
   cancel each visit still booked here (``cancel_visit``), so none stays booked.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.orders.calendar import SWEDISH_TIME, BusinessCalendar
from domain.orders.fmu import fold, guards
from domain.orders.fmu.closing import ClosingSteps
from domain.orders.fmu.codes import Actor, AssessmentKind
from domain.orders.fmu.deadlines import answer_by
from domain.orders.fmu.requests import RequestSteps
from domain.orders.fmu.steps import FK, SYSTEM
from domain.orders.fmu.visits import VisitSteps
from domain.shared.errors import InvalidInputError

REQUESTABLE_KINDS = frozenset({AssessmentKind.AFU, AssessmentKind.AFU_UTVIDGAD})


def _iso(day: date) -> str:
    return day.isoformat()


class Investigation(RequestSteps, VisitSteps, ClosingSteps, Aggregate):
    """One FMU investigation; ``facts`` is all it holds."""

    class Event(Aggregate.Event):
        """Every event names its ``actor`` (FK, AF, SAMORDNARE, VARDADMIN, JOB, or SYSTEM for
        a step settled at once by another), who acted
        (``by``: an HSA id or the authority's system id) and when (``at``). Its meaning is
        ``fold.apply``, called here once for all events."""

        at: datetime
        actor: str
        by: str

        def apply(self, aggregate: Any) -> None:
            aggregate.facts = fold.apply(getattr(aggregate, "facts", None), type(self).__name__,
                                         self.__dict__)

    class Created(Event, Aggregate.Created):
        """Base of the two creating events."""

    class RequestReceived(Created):
        """FK asked the region for an investigation (RequestPerformerForAssessment)."""

        kind: str
        landsting: str
        fk_answer_by: str | None

    class OrderedDirectly(Created):
        """An order without a prior request (OrderAssessment without assessmentId, e.g. from AF)."""

        kind: str
        landsting: str
        unit: str
        last_date: str
        documents_by_post: bool
        interpreter_needed: bool

    class UnitsAsked(Event):
        """The coordinator sent internal requests; each unit answers by ``answer_by``."""

        units: list[str]
        answer_by: datetime

    class UnitAssignedDirectly(Event):
        unit: str

    class UnitAnswered(Event):
        unit: str
        answer: str
        comment: str | None
        performer: dict[str, Any] | None

    class UnitAssigned(Event):
        """Tilldelad: the region accepted FK's request on behalf of this unit."""

        unit: str

    class RequestRejected(Event):
        comment: str

    class OrderReceived(Event):
        unit: str
        last_date: str
        documents_by_post: bool
        interpreter_needed: bool

    class OrderUpdated(Event):
        last_date: str | None
        documents_by_post: bool
        comment: str | None
        interpreter_needed: bool | None
        interpreter_language: str | None

    class DocumentsReceived(Event):
        received_on: str

    class VisitBooked(Event):
        visit_id: str
        start: datetime
        end: datetime
        profession: str
        summons_channel: str
        summoned_on: str
        tolk: str | None

    class AssessmentExtended(Event):
        """AFU became AFU_UTVIDGAD; FK's reply to UpdateAssessment is the new last date."""

        kind: str
        last_date: str

    class VisitRescheduled(Event):
        visit_id: str
        start: datetime
        end: datetime
        summons_channel: str
        summoned_on: str

    class DeviationReceived(Event):
        """Försäkringskassan reported an avvikelse at a visit (ReportDeviation in)."""

        visit_id: str
        deviation_id: str
        caused_by: str
        deviation_at: datetime
        citizen_failed_to_arrive: bool

    class DeviationReported(Event):
        """Care reported an avvikelse at a visit (ReportDeviation out)."""

        visit_id: str
        deviation_id: str
        caused_by: str
        deviation_at: datetime
        citizen_failed_to_arrive: bool

    class VisitCancelled(Event):
        visit_id: str

    class VisitHeld(Event):
        visit_id: str
        tolk: str | None

    class StatementSent(Event):
        sent_on: str

    class StatementReceived(Event):
        received_on: str
        complement_deadline: str

    class ComplementRequested(Event):
        complement_id: str
        last_date: str

    class ComplementQuestionsReceived(Event):
        complement_id: str
        received_on: str

    class ComplementSent(Event):
        complement_id: str
        sent_on: str

    class ComplementReceived(Event):
        complement_id: str
        received_on: str
        complement_deadline: str

    class InvestigationEnded(Event):
        reason: str

    class CitizenRecorded(Event):
        """The citizen the order is about (OrderAssessment's normalised personnummer):
        patient data, encrypted at rest with every payload, read only through access-logged
        routes, never in a log line or a message to the authority."""

        personnummer: str

    class PaymentIdRecorded(Event):
        """One Betalning id (invoice or payment), bookkeeping only: no amounts."""

        kind: str
        value: str

    # --- creation (#1, #7b) -------------------------------------------------------------
    @classmethod
    def receive_request(cls, *, id: UUID, kind: AssessmentKind, landsting: str,
                        fk_answer_by: date | None, now: datetime, by: str,
                        sole_own_unit: str | None = None,
                        calendar: BusinessCalendar | None = None) -> Investigation:
        """#1 RequestPerformerForAssessment: only AFU and AFU_UTVIDGAD are requested. When
        the region has exactly one unit and it is its own (``sole_own_unit``), that unit is
        asked at once, to answer by FK's date (else in 2 business days)."""
        if kind not in REQUESTABLE_KINDS:
            raise InvalidInputError(f"{kind.value} cannot be requested.")
        inv = cls._create(cls.RequestReceived, id=id, kind=kind.value, landsting=landsting,
                          fk_answer_by=None if fk_answer_by is None else _iso(fk_answer_by),
                          at=now, actor=FK, by=by)
        if sole_own_unit is not None:
            local = now.astimezone(SWEDISH_TIME) if now.tzinfo else now
            due = (answer_by(now, calendar or BusinessCalendar()) if fk_answer_by is None
                   else local.replace(year=fk_answer_by.year, month=fk_answer_by.month,
                                      day=fk_answer_by.day))
            inv._record("UnitsAsked", units=[sole_own_unit], answer_by=due, at=now,
                        actor=SYSTEM, by=by)
        return inv

    @classmethod
    def order_directly(cls, *, id: UUID, kind: AssessmentKind, landsting: str, unit: str,
                       last_date: date | None, documents_by_post: bool,
                       interpreter_needed: bool, now: datetime, actor: Actor,
                       by: str, citizen: str | None = None) -> Investigation:
        """#7b OrderAssessment without assessmentId: ordered and assigned at once; the
        ``citizen`` (a normalised personnummer) when the order names one."""
        last = guards.require_last_date(last_date)
        inv = cls._create(cls.OrderedDirectly, id=id, kind=kind.value, landsting=landsting,
                          unit=unit, last_date=_iso(last), documents_by_post=documents_by_post,
                          interpreter_needed=interpreter_needed, at=now, actor=actor.value,
                          by=by)
        if citizen is not None:
            inv._record("CitizenRecorded", personnummer=citizen, at=now, actor=actor.value,
                        by=by)
        return inv
