"""What a space should remind its parties of today (issue 15 item 6): the plan för återgång i
arbete coming due or overdue while no measure is approved, and each open measure's follow-up
date coming up or passed. Pure: the facts and today in, the reminders out; sending them (mail,
a notification service) is the caller's concern.

The reminders of given facts change only on a few days (``next_reminder_day``): the first day
of the plan's notice, the day after its deadline (the overdue notice) and the first day of each
follow-up's notice. A mail run that found every reminder of a space sent need not read it again
before that day, unless the space changes."""

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
    due = _plan_due(facts)
    if due is not None and _within(due, today):
        kind = ReminderKind.PLAN_OVERDUE if due < today else ReminderKind.PLAN_DUE_SOON
        found.append(Reminder(kind, due))
    found += [Reminder(ReminderKind.FOLLOW_UP_DUE, on, item_id)
              for on, item_id in _follow_ups(facts) if _within(on, today)]
    return found


def next_reminder_day(facts: Facts, after: date) -> date | None:
    """The first day after ``after`` whose reminders are not those of ``after`` (a notice
    begins, or the plan's turns overdue); None when the facts bring no new one."""
    days: list[date] = []
    due = _plan_due(facts)
    if due is not None:
        days += [due - timedelta(days=HORIZON_DAYS), due + timedelta(days=1)]
    days += [on - timedelta(days=HORIZON_DAYS) for on, _ in _follow_ups(facts)]
    return min((day for day in days if day > after), default=None)


def _plan_due(facts: Facts) -> date | None:
    """The plan's deadline while no measure is approved (the milestone's date does not
    depend on the day it is asked on)."""
    if plan_of(facts):
        return None
    timeline = timeline_of([(p.start, p.end) for p in facts.periods], date.min)
    return next((m.on for m in timeline.milestones
                 if m.kind is MilestoneKind.PLAN_ATERGANG_SENAST), None) if timeline else None


def _follow_ups(facts: Facts) -> list[tuple[date, str]]:
    """Each open measure's follow-up date and item, in plan order."""
    return [(item.measure.follow_up, item.id) for item in plan_of(facts)
            if item.measure is not None and item.measure.follow_up is not None
            and item.measure.status in OPEN]


def _within(day: date, today: date) -> bool:
    return day <= today + timedelta(days=HORIZON_DAYS)
