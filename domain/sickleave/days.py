"""A patient's current case carried to a later day (DOMAIN.md §7) without the engine.

Which certificate is "the" active one, whether the patient is listed, the chain and the degree
today change only on a day on which something of the patient's timeline starts or stops: a
period's first day or the day after its last, a certificate's, or the day an ended
certificate's listing ends (maxDaysSinceEnded after its end). Between two such days the case of
a later day is the earlier day's case with two values worked out anew: the days until its end
and the patient's age. ``unchanged_until`` gives the next such day; ``case_on`` carries a case.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from operator import attrgetter

from domain.shared.identities import age_on
from domain.sickleave.model import SickLeaveCase, SjukfallSettings
from domain.sickleave.timeline import PatientTimeline

NEVER = date.max.toordinal() + 1
"""No day on which the case may change (a day number after every day)."""
_NAMES = tuple(field.name for field in fields(SickLeaveCase))
_values = attrgetter(*_NAMES)
_AGE, _UNTIL_END = _NAMES.index("age"), _NAMES.index("days_until_end")


def unchanged_until(timeline: PatientTimeline, today: date, settings: SjukfallSettings) -> int:
    """The first day after ``today`` (a day number) on which the timeline's current case may
    be another than ``case_on`` makes of today's: ``NEVER`` when nothing starts or stops
    after today."""
    day, first = today.toordinal(), NEVER
    listed_after = settings.max_days_since_ended + 1
    for entry in timeline.entries:
        for change in (entry.start_day, entry.end_day + 1, entry.end_day + listed_after):
            if day < change < first:
                first = change
        for _, start, last in entry.periods:
            if day < start < first:
                first = start
            if day < last + 1 < first:
                first = last + 1
    return first


def case_on(case: SickLeaveCase, today: date) -> SickLeaveCase:
    """``case`` (computed for an earlier day before ``unchanged_until``) as of ``today``."""
    values = list(_values(case))
    values[_AGE] = age_on(case.personnummer, today)
    values[_UNTIL_END] = case.end.toordinal() - today.toordinal()
    return SickLeaveCase(*values)
