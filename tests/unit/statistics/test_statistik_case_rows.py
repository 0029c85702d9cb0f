"""DOMAIN.md §8: the case rows the statistics projection keeps per patient, and the report
filters as plain WHERE clauses over them (hand-computed tables)."""

from __future__ import annotations

from datetime import date

from domain.statistics.facts import ReportPeriod, Scope, ScopeLevel
from domain.statistics.report_filter import ReportFilter
from projections.statistik.reports import report
from projections.statistik.view import StatistikView
from tests.factories.statistics import (
    GIVER,
    NATIONAL,
    OTHER_UNIT,
    UNIT_SCOPE,
    YEAR_2024,
    certificate,
    loaded,
    period,
    report_of,
    store,
    table,
)

PER_COUNT = "sjukfall-per-antal-intyg"
GIVER_SCOPE = Scope(level=ScopeLevel.CARE_GIVER, id=GIVER)


def _counts(tx) -> dict[str, tuple[int | float, ...]]:
    return {key: values for key, values in table(report(tx, PER_COUNT, UNIT_SCOPE,
                                                        YEAR_2024)).items()
            if values != (0, 0, 0)}


def test_new_certificate_joins_two_earlier_cases_into_one_when_it_bridges_their_gap():
    """§8 gap 5: 1-10 March and 25-31 March are two cases (14 days apart); a certificate for
    11-24 March joins both into one case of three certificates."""
    first = certificate(period(date(2024, 3, 1), date(2024, 3, 10)), patient="p1")
    second = certificate(period(date(2024, 3, 25), date(2024, 3, 31)), patient="p1")
    tx = loaded([first, second])
    assert _counts(tx) == {"1": (2, 0, 2)}
    store(tx, [certificate(period(date(2024, 3, 11), date(2024, 3, 24)), patient="p1")])
    assert _counts(tx) == {"3": (1, 0, 1)}


def test_revoked_certificate_leaves_its_case_when_the_projection_recomputes_it():
    """§8: revoked certificates are removed from the facts: the bridge goes, two cases remain."""
    bridge = certificate(period(date(2024, 3, 11), date(2024, 3, 24)), patient="p1")
    tx = loaded([certificate(period(date(2024, 3, 1), date(2024, 3, 10)), patient="p1"), bridge,
                 certificate(period(date(2024, 3, 25), date(2024, 3, 31)), patient="p1")])
    assert _counts(tx) == {"3": (1, 0, 1)}
    store(tx, [bridge.model_copy(update={"revoked": True})])
    assert _counts(tx) == {"1": (2, 0, 2)}


def test_cell_of_four_is_suppressed_nationally_but_not_for_the_care_giver():
    """§8 suppression on the case rows: 4 women in F32 show as 0 nationally, 4 for the giver."""
    facts = [certificate(period(date(2024, 3, 1), date(2024, 3, 9))) for _ in range(4)]
    name = "sjukfall-per-diagnoskategori"
    assert table(report_of(facts, name, NATIONAL, YEAR_2024))["F32"] == (0, 0, 0)
    assert table(report_of(facts, name, GIVER_SCOPE, YEAR_2024))["F32"] == (4, 0, 4)


def _filtered_world() -> list:
    march = period(date(2024, 3, 1), date(2024, 3, 20))
    half = period(date(2024, 3, 1), date(2024, 3, 20), degree=50)
    return [
        certificate(march, diagnosis="F32", age=44),                     # a: V, 41-45, 100
        certificate(march, diagnosis="F43", age=30, sex="M"),            # b: V, 26-30, 100
        certificate(half, diagnosis="M544", age=44),                     # c: XIII, M54, 50
        certificate(march, diagnosis="J06", age=44, care_unit=OTHER_UNIT),  # d: X, other unit
        certificate(period(date(2024, 3, 1), date(2024, 5, 31)), diagnosis="F32", age=62),  # e
    ]


def test_filters_narrow_the_cases_when_diagnoses_units_ages_lengths_degrees_and_sex_are_set():
    """Your own reports: each filter is a plain condition over the case rows; diagnoses are any
    of the chosen chapters, blocks and categories. Hand-computed over five one-certificate cases
    (a-e above) at the care giver, per length group."""
    facts = _filtered_world()

    def lengths(**chosen: object) -> dict[str, tuple[int | float, ...]]:
        found = report_of(facts, "sjukfall-per-sjukskrivningslangd", GIVER_SCOPE, YEAR_2024,
                          filters=ReportFilter.model_validate(chosen))
        return {key: values for key, values in table(found).items() if values != (0, 0, 0)}

    assert lengths() == {"15-30": (3, 1, 4), "91-180": (1, 0, 1)}
    assert lengths(diagnoses=["V"]) == {"15-30": (1, 1, 2), "91-180": (1, 0, 1)}
    assert lengths(diagnoses=["X", "M54"]) == {"15-30": (2, 0, 2)}
    assert lengths(diagnoses=["F30-F39"], age_groups=["41-45"]) == {"15-30": (1, 0, 1)}
    assert lengths(units=[OTHER_UNIT]) == {"15-30": (1, 0, 1)}
    assert lengths(degrees=[50]) == {"15-30": (1, 0, 1)}
    assert lengths(sex=["M"]) == {"15-30": (0, 1, 1)}
    assert lengths(length_groups=["91-180"], diagnoses=["V"]) == {"91-180": (1, 0, 1)}


def test_monthly_series_takes_the_filters_when_a_case_spans_months():
    """§8: case e (1 March - 31 May, F32) counts in March, April and May; with chapter V the
    March cell also holds a and b; with degree 50 only c in March."""
    facts = _filtered_world()
    june = ReportPeriod(first=date(2024, 6, 1), last=date(2024, 6, 30))

    def months(**chosen: object) -> dict[str, tuple[int | float, ...]]:
        found = report_of(facts, "sjukfall-per-manad", GIVER_SCOPE, june,
                          filters=ReportFilter.model_validate(chosen))
        return {key: values for key, values in table(found).items() if values != (0, 0, 0)}

    assert months(diagnoses=["V"]) == {"2024-03": (2, 1, 3), "2024-04": (1, 0, 1),
                                      "2024-05": (1, 0, 1)}
    assert months(degrees=[50]) == {"2024-03": (1, 0, 1)}


def test_filter_groups_are_the_report_buckets_when_compared():
    """The age and length groups a filter accepts are exactly the keys the reports show."""
    from typing import get_args

    from domain.statistics.buckets import AGE_GROUPS, LENGTH_GROUPS
    from domain.statistics.report_filter import AgeGroup, LengthGroup

    assert get_args(AgeGroup) == tuple(b.key for b in AGE_GROUPS)
    assert get_args(LengthGroup) == tuple(b.key for b in LENGTH_GROUPS)


def test_forgotten_patients_certificate_is_left_out_when_the_view_is_rebuilt_after_forget():
    """intyg forget (issue 12): a rebuilt view reads the patient's personnummer as "" (its key is
    destroyed); the view keeps the document without a patient and counts no fact for it, rather
    than failing the rebuild."""
    view = StatistikView("a-key-for-the-tests-only")
    doc = view.keep({"id": "c-1", "type": "lisjp", "state": "SIGNED", "patient": {
        "personnummer": ""}, "content": {}, "care_unit": {"hsa_id": "SE1-E1"}})
    assert doc["patient"] == {"forgotten": True}
    assert view.row(doc) is None
