"""DOMAIN.md §8 Intygsstatistik: the sjukfall reports, split by sex, with hand-computed tables."""

from __future__ import annotations

from datetime import date

import pytest

from domain.statistics.facts import ReportPeriod, Scope, ScopeLevel
from domain.statistics.population import inhabitants, lan_population
from tests.factories.statistics import (
    GIVER,
    NATIONAL,
    OTHER_UNIT,
    REGION_01,
    UNIT_SCOPE,
    YEAR_2024,
    certificate,
    period,
    report_of,
    table,
)

DEGREE = "sjukfall-per-sjukskrivningsgrad"
MARCH = period(date(2024, 3, 1), date(2024, 3, 20))


def cases(count: int, sex: str, **fields: object):
    """``count`` one-certificate sjukfall in March 2024, each for a patient of its own."""
    return [certificate(MARCH, sex=sex, **fields) for _ in range(count)]


def test_case_counts_in_every_month_when_it_spans_months():
    """§8: a case counts in every month it overlaps; an 18-month series ending with the month."""
    facts = [certificate(period(date(2024, 1, 20), date(2024, 3, 5)), sex="M")]
    report = report_of(facts, "sjukfall-per-manad", UNIT_SCOPE,
                       ReportPeriod(first=date(2024, 1, 1), last=date(2024, 4, 30)))
    assert [row.key for row in report.rows][:2] == ["2022-11", "2022-12"]
    assert len(report.rows) == 18
    assert {key: values for key, values in table(report).items() if values != (0, 0, 0)} == {
        "2024-01": (0, 1, 1), "2024-02": (0, 1, 1), "2024-03": (0, 1, 1)}
    assert table(report)["2024-04"] == (0, 0, 0)


def test_cell_of_four_is_shown_as_zero_when_national_or_region():
    """§8 suppression: below 5 is shown as 0 at national and region level."""
    facts = cases(4, "F")
    assert table(report_of(facts, "sjukfall-per-lan", NATIONAL, YEAR_2024))["01"] == (0, 0, 0)
    assert table(report_of(facts, "sjukfall-per-lan", REGION_01, YEAR_2024))["01"] == (0, 0, 0)


def test_cell_of_four_is_shown_when_care_unit_or_care_giver():
    """§8 suppression: care giver and unit levels are not suppressed."""
    facts = cases(4, "F")
    assert table(report_of(facts, "sjukfall-per-lan", UNIT_SCOPE, YEAR_2024))["01"] == (4, 0, 4)
    giver = Scope(level=ScopeLevel.CARE_GIVER, id=GIVER)
    assert table(report_of(facts, "sjukfall-per-lan", giver, YEAR_2024))["01"] == (4, 0, 4)


def test_total_is_the_sum_of_the_shown_cells_when_one_sex_is_suppressed():
    """§8 suppression: 4 women and 6 men show as 0, 6, 6 (never 10, which would reveal the 4);
    4 women and 3 men show as 0, 0, 0; 5 and 5 show as they are."""
    def full_time(*facts):
        return table(report_of([f for group in facts for f in group], DEGREE, NATIONAL,
                               YEAR_2024))["100"]

    assert full_time(cases(4, "F"), cases(6, "M")) == (0, 6, 6)
    assert full_time(cases(4, "F"), cases(3, "M")) == (0, 0, 0)
    assert full_time(cases(5, "F"), cases(5, "M")) == (5, 5, 10)


def test_only_the_scope_is_counted_when_region_or_unit():
    """§8 scopes: facts are filtered by region (län) or unit first."""
    facts = cases(5, "F") + cases(6, "F", lan="03", care_unit=OTHER_UNIT)
    assert table(report_of(facts, "sjukfall-per-lan", REGION_01, YEAR_2024))["01"] == (5, 0, 5)
    assert table(report_of(facts, "sjukfall-per-lan", REGION_01, YEAR_2024))["03"] == (0, 0, 0)
    national = table(report_of(facts, "sjukfall-per-lan", NATIONAL, YEAR_2024))
    assert (national["01"], national["03"], national["00"]) == ((5, 0, 5), (6, 0, 6), (0, 0, 0))
    unit = report_of(facts, "sjukfall-per-lan", UNIT_SCOPE, YEAR_2024)
    assert sum(row.values[2] for row in unit.rows) == 5


def test_cases_fall_in_length_and_age_groups_when_on_the_edges():
    """§8 buckets from built cases: 14 days <15, 15 days 15-30; age 15 <16, age 66 >65."""
    facts = [certificate(period(date(2024, 5, 1), date(2024, 5, 14)), age=15),
             certificate(period(date(2024, 5, 1), date(2024, 5, 15)), age=66, sex="M")]
    lengths = table(report_of(facts, "sjukfall-per-sjukskrivningslangd", UNIT_SCOPE, YEAR_2024))
    assert (lengths["<15"], lengths["15-30"], lengths[">730"]) == ((1, 0, 1), (0, 1, 1), (0, 0, 0))
    ages = table(report_of(facts, "sjukfall-per-aldersgrupp", UNIT_SCOPE, YEAR_2024))
    assert (ages["<16"], ages["16-20"], ages[">65"]) == ((1, 0, 1), (0, 0, 0), (0, 1, 1))
    assert list(ages) == ["<16", "16-20", "21-25", "26-30", "31-35", "36-40", "41-45", "46-50",
                          "51-55", "56-60", "61-65", ">65"]


def test_chapters_come_in_icd_order_when_unknown_diagnosis_is_last():
    """§8: diagnosis by ICD-10 chapter; a case without a valid diagnosis counts as unknown."""
    facts = [certificate(MARCH, diagnosis="M544"), certificate(MARCH, diagnosis=None),
             certificate(MARCH, diagnosis="J06", sex="M"), certificate(MARCH, diagnosis="F32.1")]
    report = report_of(facts, "sjukfall-per-diagnoskapitel", UNIT_SCOPE, YEAR_2024)
    assert table(report) == {"V": (1, 0, 1), "X": (0, 1, 1), "XIII": (1, 0, 1),
                             "unknown": (1, 0, 1)}
    assert report.row("V").label == "F00-F99 Psykiska sjukdomar och syndrom samt beteendestörningar"


def test_cases_outside_the_period_are_not_counted_when_they_ended_before_it():
    facts = [certificate(period(date(2023, 12, 1), date(2023, 12, 31))), certificate(MARCH)]
    assert table(report_of(facts, DEGREE, UNIT_SCOPE, YEAR_2024))["100"] == (1, 0, 1)


def test_rate_per_1000_divides_each_sex_by_its_own_population_when_per_lan():
    """§8 correction: per 1000 inhabitants, the women's column per 1000 women of the län, the
    men's per 1000 men, the total per 1000 of its whole population (Gotland, 09: 61 029).
    7 women, 6 men: 7000 / 30 632 women of 09, 6000 / 30 397 men, 13 000 / 61 029 = 0.2130 ->
    0.21.
    Jämtland (23) with 3 cases is suppressed to 0 before dividing."""
    facts = cases(7, "F", lan="09") + cases(6, "M", lan="09") + cases(3, "F", lan="23")
    report = table(report_of(facts, "sjukfall-per-1000-invanare", NATIONAL, YEAR_2024))
    assert (inhabitants("09", "F"), inhabitants("09", "M")) == (30_632, 30_397)
    # 7000 / 30 632 = 0.2285 -> 0.23; 6000 / 30 397 = 0.1974 -> 0.20
    assert report["09"] == (0.23, 0.2, 0.21)
    # Jämtland's women and men are not shipped: no per-sex figure, the total still is (0 after
    # suppression).
    assert report["23"] == (None, None, 0.0)
    assert "00" not in report
    assert len(report) == 21


def test_population_file_holds_the_21_lan_when_loaded():
    """The shipped SCB figures (31 Dec 2023) add up to the country's 10 551 707."""
    population = lan_population()
    assert sorted(population) == ["01", "03", "04", "05", "06", "07", "08", "09", "10", "12",
                                  "13", "14", "17", "18", "19", "20", "21", "22", "23", "24",
                                  "25"]
    assert sum(lan.population for lan in population.values()) == 10_551_707
    assert (population["09"].name, population["09"].population) == ("Gotlands län", 61_029)


def test_cases_fall_in_the_innermost_icd10_block_when_counted_per_block():
    """§8 correction: the avsnitt is the innermost ICD-10 block holding the category.

    Hand-computed: M54 and M54.4 -> M50-M54 (not M40-M54), M17 -> M15-M19 (not M00-M25),
    C50 -> C50-C50 and C18 -> C15-C26 (not every cancer in C00-C97); F32 stays F30-F39."""
    facts = [certificate(MARCH, diagnosis="M54"), certificate(MARCH, diagnosis="M544", sex="M"),
             certificate(MARCH, diagnosis="M17"), certificate(MARCH, diagnosis="C50"),
             certificate(MARCH, diagnosis="C18", sex="M"), certificate(MARCH, diagnosis="F32")]
    assert table(report_of(facts, "sjukfall-per-diagnosavsnitt", UNIT_SCOPE, YEAR_2024)) == {
        "C15-C26": (0, 1, 1), "C50-C50": (1, 0, 1), "F30-F39": (1, 0, 1),
        "M15-M19": (1, 0, 1), "M50-M54": (1, 1, 2)}


def test_a_lan_without_its_women_and_men_gets_no_per_sex_rate_when_per_1000():
    """§8 correction, where the data stops: a län whose women and men are not in the population
    file gets None in the women's and men's columns, never a rate over the whole län; Stockholm
    (01): 10 women and 10 men -> (None, None, 20 000 / 2 454 821 = 0.0081 -> 0.01)."""
    facts = cases(10, "F", lan="01") + cases(10, "M", lan="01")
    report = table(report_of(facts, "sjukfall-per-1000-invanare", NATIONAL, YEAR_2024))
    assert inhabitants("01", "F") is None
    assert report["01"] == (None, None, 0.01)


def test_sex_is_f_or_m_when_asking_for_inhabitants():
    with pytest.raises(ValueError):
        inhabitants("09", "X")
