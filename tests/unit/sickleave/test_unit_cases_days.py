"""A unit's result for a later day made from the same settings' result of an earlier day
(issue 17, deliverable 2; DOMAIN.md §7): a row's case is carried while nothing of the row starts
or stops in between, without reading the row again or running the engine; the others are
computed. The result is the engine's for that day, as when nothing was kept."""

from __future__ import annotations

from datetime import date

from api.runtime.unit_cases import UnitCases, computed
from api.runtime.unit_cases_memo import UnitCasesMemo
from domain.sickleave.engine import sick_leave_cases
from domain.sickleave.model import SjukfallSettings
from tests.factories.sickleave import DEFAULT, OTHER_PATIENT, cert, d
from tests.factories.unit_rows import StandInView, UnitRowsOf


def result_for(view: StandInView, day: date, earlier: tuple[date, UnitCases] | None = None,
               settings: SjukfallSettings = DEFAULT) -> UnitCases:
    return computed(UnitRowsOf(view), day, settings, None, earlier, earlier)


def test_a_day_whose_rows_neither_start_nor_stop_anything_carries_every_case(engine_reads):
    mine = cert("03-01", "03-31")
    theirs = cert("02-20", "04-20", 50, personnummer=OTHER_PATIENT, sex="F")
    view = StandInView(mine, theirs)
    cold = result_for(view, d(3, 10))
    second = result_for(view, d(3, 11), (d(3, 10), cold))  # computed: the days worked out
    engine_reads.reset_mock()
    third = result_for(view, d(3, 14), (d(3, 11), second))
    assert engine_reads.call_count == 0
    assert third.cases == sick_leave_cases([mine, theirs], d(3, 14), DEFAULT)
    assert [c.days_until_end for c in third.cases] == [37, 17]


def test_a_row_whose_certificate_ends_in_between_is_computed_and_the_others_carried(
        engine_reads):
    """DOMAIN.md §7: a certificate that ended is no longer listed (maxDaysSinceEnded 0)."""
    ends, goes_on = cert("03-01", "03-12"), cert("03-01", "04-30", personnummer=OTHER_PATIENT)
    view = StandInView(ends, goes_on)
    first = result_for(view, d(3, 10), (d(3, 9), result_for(view, d(3, 9))))
    engine_reads.reset_mock()
    later = result_for(view, d(3, 13), (d(3, 10), first))
    assert engine_reads.call_count == 1
    assert later.cases == sick_leave_cases([ends, goes_on], d(3, 13), DEFAULT)
    assert [c.personnummer for c in later.cases] == [OTHER_PATIENT]


def test_a_result_of_a_later_day_carries_nothing(engine_reads):
    mine = cert("03-01", "03-31")
    view = StandInView(mine)
    wide = SjukfallSettings(max_gap=30)
    first = result_for(view, d(3, 10), (d(3, 9), result_for(view, d(3, 9), None, wide)), wide)
    engine_reads.reset_mock()
    assert result_for(view, d(3, 5), (d(3, 10), first), wide).cases == sick_leave_cases(
        [mine], d(3, 5), wide)
    assert engine_reads.call_count == 1


def test_the_memo_gives_the_same_settings_result_of_the_nearest_day_before_and_no_forget_since():
    memo, unit = UnitCasesMemo(), "SE2321000016-E001"
    results = {day: UnitCases([]) for day in (1, 5, 9)}
    for day, result in results.items():
        memo.put((unit, d(3, day), 5, 0), ("token", 0), result)
    memo.put((unit, d(3, 8), 30, 0), ("token", 0), UnitCases([]))  # other settings
    memo.put(("SE2321000016-E002", d(3, 8), 5, 0), ("token", 0), UnitCases([]))
    assert memo.earlier((unit, d(3, 8), 5, 0), 0) == (d(3, 5), results[5])
    assert memo.earlier((unit, d(3, 1), 5, 0), 0) is None
    assert memo.earlier((unit, d(3, 8), 5, 0), 1) is None  # a key destroyed since
