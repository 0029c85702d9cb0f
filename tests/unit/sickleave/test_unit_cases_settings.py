"""A unit's result with another maxGap on the same day made from the unit's latest result
(issue 17, deliverable 2; DOMAIN.md §7): the case of a row none of whose gaps lies between the
two maxGaps is taken as it is, without reading the row again or running the engine; the other
rows are computed. The result is the engine's for those settings, as when nothing was kept."""

from __future__ import annotations

from api.runtime.unit_cases import computed
from api.runtime.unit_cases_gap import other_gap
from domain.sickleave.engine import sick_leave_cases
from domain.sickleave.model import SickLeaveCertificate, SjukfallSettings
from tests.factories.sickleave import OTHER_PATIENT, cert, d
from tests.factories.unit_rows import StandInView, UnitRowsOf


def a_patient_alone_and_one_renewed() -> tuple[SickLeaveCertificate, ...]:
    """One patient's certificate alone, another's renewed after a gap of 9 days."""
    return (cert("03-01", "03-31"), cert("02-01", "02-20", personnummer=OTHER_PATIENT),
            cert("03-02", "03-31", personnummer=OTHER_PATIENT, signed=2))


def test_only_a_row_with_a_gap_between_the_two_max_gaps_is_computed_again(engine_reads):
    alone, first, renewal = certificates = a_patient_alone_and_one_renewed()
    view = StandInView(*certificates)
    before = computed(UnitRowsOf(view), d(3, 10), SjukfallSettings(max_gap=5))
    wide = SjukfallSettings(max_gap=30)
    engine_reads.reset_mock()
    after = computed(UnitRowsOf(view), d(3, 10), wide, None, (d(3, 10), before))
    assert engine_reads.call_count == 1  # the renewed patient's row alone
    assert after.cases == sick_leave_cases([alone, first, renewal], d(3, 10), wide)
    kept = next(c for c in after.cases if c.personnummer != OTHER_PATIENT)
    assert any(kept is c for c in before.cases)  # the very case, its JSON with it
    joined = next(c for c in after.cases if c.personnummer == OTHER_PATIENT)
    assert joined.certificate_ids == (first.certificate_id, renewal.certificate_id)


def test_another_days_or_another_listing_window_result_is_not_taken(engine_reads):
    """maxDaysSinceEnded decides who is listed: a result of another one is not taken."""
    alone = cert("03-01", "03-31")
    view = StandInView(alone)
    before = computed(UnitRowsOf(view), d(3, 10), SjukfallSettings(max_days_since_ended=3))
    engine_reads.reset_mock()
    computed(UnitRowsOf(view), d(3, 10), SjukfallSettings(), None, (d(3, 10), before))
    computed(UnitRowsOf(view), d(3, 11), SjukfallSettings(max_days_since_ended=3), None,
             (d(3, 10), before))
    assert engine_reads.call_count == 2


def test_the_unit_unchanged_another_max_gap_reads_no_row_and_computes_only_rows_it_may_change(
        engine_reads):
    """The latest result of the same day at the unit's token now: not even the rows'
    revisions are read; only the row with a gap between the two maxGaps is computed."""
    alone, first, renewal = certificates = a_patient_alone_and_one_renewed()
    view = StandInView(*certificates)
    before = computed(UnitRowsOf(view), d(3, 10), SjukfallSettings(max_gap=5))
    wide = SjukfallSettings(max_gap=30)
    for gap, redone in ((30, 1), (7, 0)):
        settings = SjukfallSettings(max_gap=gap)
        engine_reads.reset_mock()
        rows = UnitRowsOf(view, unchanged=True)
        after = computed(rows, d(3, 10), settings, other_gap(before, gap), (d(3, 10), before))
        assert (rows.revisions_read, rows.read_in_full, engine_reads.call_count) == (0, [], redone)
        assert after.cases == sick_leave_cases([alone, first, renewal], d(3, 10), settings)
        assert all(any(case is kept for kept in before.cases)
                   for case in after.cases if case.personnummer != OTHER_PATIENT)
    assert len(computed(UnitRowsOf(view), d(3, 10), wide, None, (d(3, 10), before)).cases) == 2
