"""Deadlines and overdue flags of an investigation (ORDERS.md §1.7, §1.9): pure functions of
the facts, today and the business-day calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.orders.calendar import SWEDISH_TIME, BusinessCalendar, swedish_date
from domain.orders.fmu.codes import Phase, RequestStatus, Status, SummonsChannel
from domain.orders.fmu.facts import Facts, InternalRequest, Visit
from domain.orders.fmu.status import phase_of, request_status, resolve_status

ANSWER_DAYS = 2
"""ib.besvara.forfragan.arbetsdagar: business days a unit has to answer an internal request."""
REMINDER_DAYS = 5
"""ib.utredning.paminnelse.arbetsdagar: the "soon" horizon of utlåtande and komplettering."""
FK_ANSWER_REMINDER_DAYS = 2
"""ib.externforfragan.paminnelse.arbetsdagar: the horizon of FK's answer-by date."""
AFU_DAYS, POST_DAYS, SUMMONS_DAYS = 25, 3, 5
SUMMONS_BUSINESS_DAYS = {SummonsChannel.TELEFON: SUMMONS_DAYS,
                         SummonsChannel.BREV: SUMMONS_DAYS + POST_DAYS}
"""§1.9: the patient is summoned at least 5 business days before a visit, 8 by letter."""
ENDED_REQUESTS = frozenset({RequestStatus.AVVISAD, RequestStatus.EJ_TILLDELAD,
                            RequestStatus.INGEN_BESTALLNING})


def answer_by(asked_at: datetime, calendar: BusinessCalendar) -> datetime:
    """#2: 2 business days after the request, at the same Swedish clock time."""
    local = asked_at.astimezone(SWEDISH_TIME) if asked_at.tzinfo else asked_at
    day = calendar.add_business_days(local.date(), ANSWER_DAYS)
    return local.replace(year=day.year, month=day.month, day=day.day)


def planning_date(facts: Facts, request: InternalRequest, today: date,
                  calendar: BusinessCalendar) -> date | None:
    """Planeringsdatum on an internal request: today + 3 business days (post, holidays only)
    + 25 (the AFU, vacation too) + 3 (post, holidays only); none once the request has ended."""
    if request_status(facts, request) in ENDED_REQUESTS or facts.ended_reason is not None:
        return None
    day = calendar.add_business_days(today, POST_DAYS, respect_vacation=False)
    day = calendar.add_business_days(day, AFU_DAYS)
    return calendar.add_business_days(day, POST_DAYS, respect_vacation=False)


def latest_summons_date(visit: Visit, calendar: BusinessCalendar) -> date:
    """§1.9: the Nth business day before the visit (holidays count, vacation does not)."""
    return calendar.add_business_days(swedish_date(visit.start),
                                      -SUMMONS_BUSINESS_DAYS[visit.summons_channel],
                                      respect_vacation=False)


def summoned_late(visit: Visit, calendar: BusinessCalendar) -> bool:
    return visit.summoned_on > latest_summons_date(visit, calendar)


@dataclass(frozen=True)
class Overdue:
    """The list flags: a deadline passed (overdue) or within its reminder horizon (soon)."""

    fk_answer_overdue: bool = False
    fk_answer_soon: bool = False
    statement_overdue: bool = False
    statement_soon: bool = False
    complement_overdue: bool = False
    complement_soon: bool = False


def overdue(facts: Facts, today: date, calendar: BusinessCalendar) -> Overdue:
    """In phase FORFRAGAN FK's answer-by date (2 business days ahead); later the original's
    last date while unreceived and the open complement's while unsent (5 business days)."""
    phase = phase_of(resolve_status(facts, today))
    if phase is Phase.AVSLUTAD:
        return Overdue()
    if phase is Phase.FORFRAGAN:
        due = facts.fk_answer_by
        return Overdue(fk_answer_overdue=due is not None and due < today,
                       fk_answer_soon=_soon(due, today, FK_ANSWER_REMINDER_DAYS, calendar))
    original, complement = facts.original, (facts.complements or (None,))[-1]
    statement_due = original.last_date if original and original.received_on is None else None
    complement_due = (complement.last_date if complement and complement.sent_on is None
                      and complement.received_on is None else None)
    return Overdue(
        statement_overdue=statement_due is not None and statement_due < today,
        statement_soon=_soon(statement_due, today, REMINDER_DAYS, calendar),
        complement_overdue=complement_due is not None and complement_due < today,
        complement_soon=_soon(complement_due, today, REMINDER_DAYS, calendar))


def _soon(due: date | None, today: date, days: int, calendar: BusinessCalendar) -> bool:
    """``due`` is today or within ``days`` business days ahead."""
    return due is not None and today <= due <= calendar.add_business_days(today, days)


def closable_by_job(facts: Facts, today: date) -> bool:
    """§1.8 Avsluta: received (utlåtande or komplettering), the last complement-request day
    passed and no visit still booked: the nightly job ends it INGEN_KOMPLETTERING_BEGARD."""
    status = resolve_status(facts, today)
    deadlines = [s.complement_deadline for s in facts.statements if s.complement_deadline]
    return (status in (Status.UTLATANDE_MOTTAGET, Status.KOMPLETTERING_MOTTAGEN)
            and bool(deadlines) and max(deadlines) < today
            and not any(v.booked for v in facts.visits))
