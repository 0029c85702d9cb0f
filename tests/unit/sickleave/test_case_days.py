"""A current case carried to a later day (``domain.sickleave.days``, DOMAIN.md §7): before the
next day on which something of the patient's timeline starts or stops, the engine's case of a
later day is the earlier day's with its days until the end and the patient's age worked out
anew. Checked against the engine over random timelines, days and settings."""

from __future__ import annotations

import random
from datetime import timedelta

from domain.sickleave.days import NEVER, case_on, unchanged_until
from domain.sickleave.engine import current_case
from domain.sickleave.model import SickLeaveCertificate, SickLeavePeriod, SjukfallSettings
from domain.sickleave.timeline import PatientTimeline, distinct_gaps, same_chains, timeline_of
from tests.factories.sickleave import cert, d, personnummer


def random_timeline(rng: random.Random) -> PatientTimeline:
    """One patient's certificates: back to back, overlapping or with gaps, some of several
    periods of other degrees, some with a gap between their periods."""
    who = personnummer(f"19{rng.randint(40, 99)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}")
    day, certs = d(1, 1) + timedelta(days=rng.randint(0, 60)), []
    for signed in range(rng.randint(1, 4)):
        periods, start = [], day
        for _ in range(rng.randint(1, 3)):
            end = start + timedelta(days=rng.randint(0, 20))
            periods.append(SickLeavePeriod(degree=rng.choice((25, 50, 75, 100)), start=start,
                                           end=end))
            start = end + timedelta(days=rng.choice((1, 1, 1, 3)))
        base = cert(signed=signed, personnummer=who)
        certs.append(SickLeaveCertificate.model_validate(
            {**base.model_dump(), "periods": tuple(periods)}))
        day = periods[-1].end + timedelta(days=rng.randint(-10, 12))
    [timeline] = timeline_of(certs)
    return timeline


def test_a_case_carried_to_a_day_before_the_next_change_is_the_engines_case_of_that_day():
    rng = random.Random(20261207)
    carried = 0
    for _ in range(400):
        timeline = random_timeline(rng)
        settings = SjukfallSettings(max_gap=rng.choice((0, 5, 30)),
                                    max_days_since_ended=rng.choice((0, 3, 14)))
        today = d(1, 1) + timedelta(days=rng.randint(0, 200))
        case = current_case(timeline, today, settings)
        until = unchanged_until(timeline, today, settings)
        assert until > today.toordinal()
        for later in range(today.toordinal() + 1, min(until, today.toordinal() + 90)):
            day = today + timedelta(days=later - today.toordinal())
            expected = current_case(timeline, day, settings)
            assert expected == (None if case is None else case_on(case, day)), (today, day)
            carried += 1
    assert carried > 2000  # the days between changes are many, not a few


def test_after_the_last_change_a_case_never_changes_but_in_its_days_and_age():
    timeline = random_timeline(random.Random(3))
    last = max(e.end_day for e in timeline.entries) + 15
    day = d(1, 1) + timedelta(days=last - d(1, 1).toordinal())
    assert unchanged_until(timeline, day, SjukfallSettings(max_days_since_ended=14)) == NEVER


def test_a_birthday_between_changes_gives_the_new_age():
    """DOMAIN.md §7: the age is the patient's on the day asked."""
    born = personnummer("19800310")
    timeline = timeline_of([cert("03-01", "03-31", personnummer=born)])[0]
    case = current_case(timeline, d(3, 5), SjukfallSettings())
    assert case is not None and unchanged_until(timeline, d(3, 5), SjukfallSettings()) > \
        d(3, 12).toordinal()
    assert (case.age, case_on(case, d(3, 12)).age) == (45, 46)
    assert case_on(case, d(3, 12)).days_until_end == 19


def test_two_max_gaps_that_split_a_timeline_alike_give_the_same_case_on_any_day():
    """DOMAIN.md §7 (maxGap joins certificates): the chains for two maxGaps are the same when no
    gap of the timeline lies between them, and then so is the case."""
    rng = random.Random(717)
    alike = differ = 0
    for _ in range(600):
        timeline = random_timeline(rng)
        one, other = rng.randint(0, 20), rng.randint(0, 20)
        day = d(1, 1) + timedelta(days=rng.randint(0, 200))
        cases = [current_case(timeline, day, SjukfallSettings(max_gap=gap)) for gap in (one, other)]
        if same_chains(distinct_gaps(timeline), one, other):
            assert cases[0] == cases[1]
            alike += 1
        elif cases[0] != cases[1]:
            differ += 1
    assert alike > 200 and differ > 20  # both answers are given, and a "no" is often right
