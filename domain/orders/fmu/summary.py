"""One investigation as the lists and the detail view show it on a given day: every derived
value in one place (status, phase, next actor, overdue flags, payment eligibility, each
internal request with its status and planeringsdatum), computed from the facts, today and the
calendar. Ids, codes and dates only: no patient data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.orders.calendar import BusinessCalendar
from domain.orders.fmu.codes import Actor, Phase, RequestStatus, Status
from domain.orders.fmu.deadlines import Overdue, overdue, planning_date
from domain.orders.fmu.facts import Facts
from domain.orders.fmu.payment import PaymentEligibility, payment_eligibility
from domain.orders.fmu.status import next_actor, phase_of, request_status, resolve_status


@dataclass(frozen=True)
class RequestLine:
    unit: str
    status: RequestStatus
    answer_by: datetime
    planning_date: date | None


@dataclass(frozen=True)
class InvestigationSummary:
    status: Status
    phase: Phase
    next_actor: Actor
    assigned_unit: str | None
    last_date: date | None
    overdue: Overdue
    payment: PaymentEligibility
    requests: tuple[RequestLine, ...]


def summarize(facts: Facts, today: date, calendar: BusinessCalendar) -> InvestigationSummary:
    status = resolve_status(facts, today)
    latest = max(reversed(facts.statements), key=lambda s: s.last_date, default=None)
    return InvestigationSummary(
        status=status, phase=phase_of(status), next_actor=next_actor(status),
        assigned_unit=facts.assigned_unit,
        last_date=None if latest is None else latest.last_date,
        overdue=overdue(facts, today, calendar),
        payment=payment_eligibility(facts, calendar),
        requests=tuple(RequestLine(r.unit, request_status(facts, r), r.answer_by,
                                   planning_date(facts, r, today, calendar))
                       for r in facts.requests))
