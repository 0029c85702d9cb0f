"""The space's timeline: the sick-day count and the milestones of the rehabiliteringskedjan,
from the sick-leave periods of the citizen's linked certificates (ORDERS.md §3).

- The case is the chain of periods around the latest one, joined across gaps of at most
  ``MAX_GAP`` days (DOMAIN.md §7's default); its days are the distinct days the periods cover
  (gaps not counted, overlaps once). ``expected_length`` counts them to the last certified day.
- Day 14: the employer's sick pay (sjuklön) ends.
- Day 30: the employer's plan för återgång i arbete is due, only when the sick leave is
  expected to last 60 days or more (SFB 30 kap. 6 §).
- Days 90, 180 and 365: the checkpoints of the rehabiliteringskedjan.
A milestone's date is the day the count reaches it, the periods assumed to go on unbroken
after the last certified day. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

MAX_GAP = 5
PLAN_DUE_WHEN_EXPECTED_DAYS = 60


class MilestoneKind(StrEnum):
    SJUKLON_SLUT = "SJUKLON_SLUT"
    PLAN_ATERGANG_SENAST = "PLAN_ATERGANG_SENAST"
    DAG_90 = "DAG_90"
    DAG_180 = "DAG_180"
    DAG_365 = "DAG_365"


DAY_OF = {MilestoneKind.SJUKLON_SLUT: 14, MilestoneKind.PLAN_ATERGANG_SENAST: 30,
          MilestoneKind.DAG_90: 90, MilestoneKind.DAG_180: 180, MilestoneKind.DAG_365: 365}


@dataclass(frozen=True)
class Milestone:
    kind: MilestoneKind
    day: int
    on: date
    reached: bool


@dataclass(frozen=True)
class Timeline:
    start: date
    last_certified_day: date
    sick_day: int  # the days of the case up to today; 0 before it starts
    expected_length: int
    milestones: tuple[Milestone, ...]


def case_days(periods: Sequence[tuple[date, date]]) -> list[date]:
    """The distinct days of the chain around the latest period, in order."""
    ordered = sorted(periods)
    if not ordered:
        return []
    chain_start = ordered[-1][0]
    for start, end in reversed(ordered[:-1]):
        if end < chain_start - timedelta(days=MAX_GAP + 1):
            break
        chain_start = min(chain_start, start)
    return sorted({start + timedelta(days=n) for start, end in ordered if start >= chain_start
                   for n in range((end - start).days + 1)})


def timeline_of(periods: Sequence[tuple[date, date]], today: date) -> Timeline | None:
    """The timeline as of ``today``; None without any period."""
    days = case_days(periods)
    if not days:
        return None
    expected = len(days)
    kinds = [k for k in MilestoneKind if k is not MilestoneKind.PLAN_ATERGANG_SENAST
             or expected >= PLAN_DUE_WHEN_EXPECTED_DAYS]
    milestones = tuple(Milestone(kind=k, day=DAY_OF[k], on=_day(days, DAY_OF[k]),
                                 reached=_day(days, DAY_OF[k]) <= today)
                       for k in sorted(kinds, key=DAY_OF.__getitem__))
    return Timeline(start=days[0], last_certified_day=days[-1],
                    sick_day=sum(1 for d in days if d <= today), expected_length=expected,
                    milestones=milestones)


def _day(days: list[date], number: int) -> date:
    if number <= len(days):
        return days[number - 1]
    return days[-1] + timedelta(days=number - len(days))
