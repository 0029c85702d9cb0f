"""The space's timeline (ORDERS.md §3.3; SFB 30 kap. 6 §): the sick-day count and the
milestones of the rehabiliteringskedjan from the certificates' sick-leave periods."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.samverkan.timeline import MilestoneKind, timeline_of

START = date(2026, 10, 1)


def _length(days: int) -> list[tuple[date, date]]:
    return [(START, START + timedelta(days=days - 1))]


@pytest.mark.parametrize(("expected", "plan_due"), [(59, False), (60, True), (61, True)])
def test_the_day_30_plan_deadline_appears_exactly_when_60_days_are_expected(expected,
                                                                           plan_due):
    """SFB 30 kap. 6 §: the plan is due by day 30 when the sick leave is expected to last 60
    days or more (boundary: 59 absent, 60 present)."""
    found = timeline_of(_length(expected), START)
    assert found is not None and found.expected_length == expected
    kinds = [m.kind for m in found.milestones]
    assert (MilestoneKind.PLAN_ATERGANG_SENAST in kinds) is plan_due
    if plan_due:
        due = next(m for m in found.milestones if m.kind is MilestoneKind.PLAN_ATERGANG_SENAST)
        assert due.on == START + timedelta(days=29)


def test_the_sick_pay_and_rehab_chain_milestones_fall_on_their_days_when_counted():
    found = timeline_of(_length(200), START + timedelta(days=13))
    assert found is not None
    days = {m.kind: (m.day, m.on, m.reached) for m in found.milestones}
    assert days[MilestoneKind.SJUKLON_SLUT] == (14, START + timedelta(days=13), True)
    assert days[MilestoneKind.DAG_90] == (90, START + timedelta(days=89), False)
    assert days[MilestoneKind.DAG_365] == (365, START + timedelta(days=364), False)
    assert found.sick_day == 14


def test_a_gap_longer_than_five_days_starts_a_new_case_when_counting():
    """DOMAIN.md §7: certificates join across gaps of at most maxGap (5) days."""
    first = (START, START + timedelta(days=9))
    joined = (START + timedelta(days=15), START + timedelta(days=24))
    apart = (START + timedelta(days=16), START + timedelta(days=25))
    assert timeline_of([first, joined], START).start == START  # type: ignore[union-attr]
    separate = timeline_of([first, apart], START + timedelta(days=16))
    assert separate is not None and separate.start == apart[0] and separate.sick_day == 1


def test_gap_days_are_not_counted_and_overlaps_count_once_when_counting():
    periods = [(START, START + timedelta(days=9)), (START + timedelta(days=5),
                                                   START + timedelta(days=14)),
               (START + timedelta(days=18), START + timedelta(days=19))]
    found = timeline_of(periods, START + timedelta(days=30))
    assert found is not None and found.expected_length == 17 and found.sick_day == 17


def test_there_is_no_timeline_when_no_period_is_linked():
    assert timeline_of([], START) is None
