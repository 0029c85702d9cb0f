"""Ersättning (ORDERS.md §1.9): whether an investigation is paid, computed from its facts and
the calendar, never stored. The answer names each rule that stands in the way, so the lists and
the export can say why.

Not paid if: (1) ended JAV or INGEN_BESTALLNING; (2) the statement with the latest last date
(original or komplettering) is not received, or received after that date (receipt on the last
day is in time); (3) no visit qualifies. A visit does not qualify if: (a) a patient-caused
deviation is timed more than 24 h before its start; (b) the investigation was ended
UTREDNING_AVBRUTEN more than 24 h before its start; (c) a deviation was caused by care; (d) it
has a deviation and the patient was summoned after the latest summons date; (e) it has no
deviation and was not held.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from domain.orders.calendar import BusinessCalendar
from domain.orders.fmu.codes import CausedBy, EndReason, VisitStatus
from domain.orders.fmu.deadlines import summoned_late
from domain.orders.fmu.facts import Facts, Visit
from domain.orders.fmu.status import visit_status

DAY = timedelta(hours=24)


class NotPaid(StrEnum):
    """Why an investigation is not paid (rules 1-3)."""

    ENDED_JAV_OR_INGEN_BESTALLNING = "ENDED_JAV_OR_INGEN_BESTALLNING"
    LATEST_STATEMENT_NOT_RECEIVED_IN_TIME = "LATEST_STATEMENT_NOT_RECEIVED_IN_TIME"
    NO_QUALIFYING_VISIT = "NO_QUALIFYING_VISIT"


class VisitNotQualifying(StrEnum):
    """Why a visit does not count (rules a-e)."""

    PATIENT_DEVIATION_MORE_THAN_24H_BEFORE = "PATIENT_DEVIATION_MORE_THAN_24H_BEFORE"
    ENDED_MORE_THAN_24H_BEFORE = "ENDED_MORE_THAN_24H_BEFORE"
    CARE_DEVIATION = "CARE_DEVIATION"
    DEVIATION_AFTER_LATE_SUMMONS = "DEVIATION_AFTER_LATE_SUMMONS"
    NOT_HELD = "NOT_HELD"


@dataclass(frozen=True)
class PaymentEligibility:
    paid: bool
    reasons: tuple[NotPaid, ...]
    qualifying_visits: tuple[str, ...]


def visit_disqualifications(facts: Facts, visit: Visit,
                            calendar: BusinessCalendar) -> tuple[VisitNotQualifying, ...]:
    """Rules a-e for one visit; empty when it qualifies."""
    early = visit.start - DAY
    found = []
    if any(d.caused_by is CausedBy.PATIENT and d.at < early for d in visit.deviations):
        found.append(VisitNotQualifying.PATIENT_DEVIATION_MORE_THAN_24H_BEFORE)
    if (facts.ended_reason is EndReason.UTREDNING_AVBRUTEN and facts.ended_at is not None
            and facts.ended_at < early):
        found.append(VisitNotQualifying.ENDED_MORE_THAN_24H_BEFORE)
    if any(d.caused_by is CausedBy.VARDEN for d in visit.deviations):
        found.append(VisitNotQualifying.CARE_DEVIATION)
    if visit.deviations and summoned_late(visit, calendar):
        found.append(VisitNotQualifying.DEVIATION_AFTER_LATE_SUMMONS)
    if not visit.deviations and visit_status(visit) is not VisitStatus.GENOMFORT:
        found.append(VisitNotQualifying.NOT_HELD)
    return tuple(found)


def payment_eligibility(facts: Facts, calendar: BusinessCalendar) -> PaymentEligibility:
    """Rules 1-3 of §1.9."""
    reasons = []
    if facts.ended_reason in (EndReason.JAV, EndReason.INGEN_BESTALLNING):
        reasons.append(NotPaid.ENDED_JAV_OR_INGEN_BESTALLNING)
    latest = max(reversed(facts.statements), key=lambda s: s.last_date, default=None)
    if latest is None or latest.received_on is None or latest.received_on > latest.last_date:
        reasons.append(NotPaid.LATEST_STATEMENT_NOT_RECEIVED_IN_TIME)
    qualifying = tuple(v.visit_id for v in facts.visits
                       if not visit_disqualifications(facts, v, calendar))
    if not qualifying:
        reasons.append(NotPaid.NO_QUALIFYING_VISIT)
    return PaymentEligibility(paid=not reasons, reasons=tuple(reasons),
                              qualifying_visits=qualifying)
