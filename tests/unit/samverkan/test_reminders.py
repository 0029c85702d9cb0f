"""Reminders of a space (issue 15 item 6): the plan's day-30 deadline while no measure is
approved, and each open measure's follow-up."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from domain.samverkan.facts import OWNER
from domain.samverkan.measure import Measure, MeasureStatus
from domain.samverkan.reminders import Reminder, ReminderKind, due_reminders
from domain.samverkan.roles import ItemKind
from domain.samverkan.space import Space
from tests.factories import personnummer
from tests.factories.samverkan import NOW

START = date(2026, 10, 1)
DUE = START + timedelta(days=29)


def _space(days: int) -> Space:
    return Space.open(id=uuid.uuid4(), personnummer=personnummer(), certificate_id="c1",
                      periods=[(START, START + timedelta(days=days - 1))], now=NOW, by="citizen")


def test_the_plan_deadline_is_reminded_from_five_days_before_when_no_measure_is_approved():
    """SFB 30 kap. 6 §: the plan is due on day 30 when 60 days or more are expected."""
    space = _space(90)
    assert due_reminders(space.facts, DUE - timedelta(days=6)) == []
    assert due_reminders(space.facts, DUE - timedelta(days=5)) == [
        Reminder(ReminderKind.PLAN_DUE_SOON, DUE)]
    assert due_reminders(space.facts, DUE + timedelta(days=1)) == [
        Reminder(ReminderKind.PLAN_OVERDUE, DUE)]
    assert due_reminders(_space(59).facts, DUE) == []  # no plan is due under 60 days


def test_an_approved_measure_ends_the_plan_reminder_and_brings_its_follow_up_when_open():
    space = _space(90)
    follow_up = DUE + timedelta(days=10)
    for status, item_id in ((MeasureStatus.PAGAR, "m1"), (MeasureStatus.GENOMFORD, "m2")):
        space.propose(item_id=item_id, kind=ItemKind.PLANPUNKT, author=OWNER, title="Halvtid",
                      text="", reference=None, now=NOW, by="citizen",
                      measure=Measure(owner="Chefen", status=status, follow_up=follow_up))
    assert due_reminders(space.facts, DUE) == []
    assert due_reminders(space.facts, follow_up) == [
        Reminder(ReminderKind.FOLLOW_UP_DUE, follow_up, "m1")]
