"""Reminders of a space (issue 15 item 6): the plan's day-30 deadline while no measure is
approved, and each open measure's follow-up."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from domain.samverkan.facts import OWNER
from domain.samverkan.measure import Measure, MeasureStatus
from domain.samverkan.reminders import Reminder, ReminderKind, due_reminders, next_reminder_day
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


def _reminder_days_space(days: int, follow_ups: tuple[date, ...], approved: bool) -> Space:
    space = _space(days)
    for n, on in enumerate(follow_ups):
        space.propose(item_id=f"m{n}", kind=ItemKind.PLANPUNKT, author=OWNER, title="Halvtid",
                      text="", reference=None, now=NOW, by="citizen",
                      measure=Measure(owner="Chefen", status=MeasureStatus.PAGAR, follow_up=on))
    if not approved:
        space.withdraw_approval(item_id="m0", now=NOW, by="citizen")
    return space


def test_the_reminders_change_on_no_day_between_a_day_and_its_next_reminder_day():
    """Hardening item 1 (mail runs that read only what can be due): between a day and
    ``next_reminder_day`` the reminders of the same facts stay those of the day, and on it
    they differ, for the plan's notices and for follow-ups; past the last one, None."""
    cases = [_space(90), _space(59),
             _reminder_days_space(90, (DUE + timedelta(days=10), DUE + timedelta(days=40)),
                                  approved=True),
             _reminder_days_space(90, (DUE + timedelta(days=3),), approved=False)]
    for space in cases:
        day = START - timedelta(days=1)
        while (following := next_reminder_day(space.facts, day)) is not None:
            assert following > day
            between = [day + timedelta(days=n) for n in range(1, (following - day).days)]
            assert all(due_reminders(space.facts, d) == due_reminders(space.facts, day)
                       for d in between)
            assert due_reminders(space.facts, following) != due_reminders(space.facts, day)
            day = following
        later = [day + timedelta(days=n) for n in range(1, 200)]
        assert all(due_reminders(space.facts, d) == due_reminders(space.facts, day)
                   for d in later)
    assert [next_reminder_day(s.facts, START) for s in cases] == [
        DUE - timedelta(days=5), None, DUE + timedelta(days=5),
        DUE - timedelta(days=5)]
