"""What a space should remind its parties of today (issue 15 item 6): the plan för återgång i
arbete coming due or overdue while no measure is approved, and each open measure's follow-up
date coming up or passed. Pure: the facts and today in, the reminders out; sending them (mail,
a notification service) is the caller's concern."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from domain.samverkan.facts import Facts
from domain.samverkan.measure import MeasureStatus
from domain.samverkan.plan import plan_of
from domain.samverkan.timeline import MilestoneKind, timeline_of

HORIZON_DAYS = 5
"""A reminder comes this many days before its date, and every day after it."""
OPEN = frozenset({MeasureStatus.PLANERAD, MeasureStatus.PAGAR})


class ReminderKind(StrEnum):
    PLAN_DUE_SOON = "PLAN_DUE_SOON"
    PLAN_OVERDUE = "PLAN_OVERDUE"
    FOLLOW_UP_DUE = "FOLLOW_UP_DUE"


@dataclass(frozen=True)
class Reminder:
    kind: ReminderKind
    on: date  # the date it is about
    item_id: str | None = None


def due_reminders(facts: Facts, today: date) -> list[Reminder]:
    found: list[Reminder] = []
    plan = plan_of(facts)
    timeline = timeline_of([(p.start, p.end) for p in facts.periods], today)
    due = next((m.on for m in timeline.milestones
                if m.kind is MilestoneKind.PLAN_ATERGANG_SENAST), None) if timeline else None
    if due is not None and not plan and _within(due, today):
        kind = ReminderKind.PLAN_OVERDUE if due < today else ReminderKind.PLAN_DUE_SOON
        found.append(Reminder(kind, due))
    for item in plan:
        measure = item.measure
        if (measure is not None and measure.follow_up is not None
                and measure.status in OPEN and _within(measure.follow_up, today)):
            found.append(Reminder(ReminderKind.FOLLOW_UP_DUE, measure.follow_up, item.id))
    return found


def _within(day: date, today: date) -> bool:
    return day <= today + timedelta(days=HORIZON_DAYS)
