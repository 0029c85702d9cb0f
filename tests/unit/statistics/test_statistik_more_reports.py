"""DOMAIN.md §8 Intygsstatistik: the reports of the original service beyond the counts per bucket
(per unit and doctor, long cases, chosen diagnoses, sex split per län, certificates per month and
type, messages per month and unit, cases per 1000 listed patients), with hand-computed tables."""

from __future__ import annotations

from datetime import date

import pytest

from domain.statistics.facts import ReportPeriod, Scope, ScopeLevel
from domain.statistics.report_filter import ReportFilter
from projections.statistik.reports import (
    DiagnosesNotChosenError,
    NoSuchReportError,
    UnitListMissingError,
    report,
)
from tests.factories.statistics import (
    GIVER,
    NATIONAL,
    OTHER_UNIT,
    REGION_01,
    UNIT,
    YEAR_2024,
    certificate,
    loaded,
    message,
    period,
    report_of,
    table,
)

CARE_GIVER = Scope(level=ScopeLevel.CARE_GIVER, id=GIVER)
MARCH = period(date(2024, 3, 1), date(2024, 3, 20))
DOCTOR, OTHER_DOCTOR = "SE2321000016-D1", "SE2321000016-D2"


def cases(count: int, sex: str, **fields: object):
    return [certificate(MARCH, sex=sex, **fields) for _ in range(count)]


def test_cases_per_unit_count_each_unit_when_care_giver():
    """§8 care giver level: cases per unit, not suppressed."""
    facts = cases(2, "F") + cases(1, "M") + cases(3, "M", care_unit=OTHER_UNIT)
    found = report_of(facts, "sjukfall-per-enhet", CARE_GIVER, YEAR_2024)
    assert table(found) == {UNIT: (2, 1, 3), OTHER_UNIT: (0, 3, 3)}


def test_cases_per_unit_suppress_below_five_when_region():
    """§8 region level: per unit, a cell below 5 shown as 0."""
    facts = cases(4, "F") + cases(5, "M") + cases(6, "F", care_unit=OTHER_UNIT)
    found = report_of(facts, "sjukfall-per-enhet", REGION_01, YEAR_2024)
    assert table(found) == {UNIT: (0, 5, 5), OTHER_UNIT: (6, 0, 6)}


def test_cases_per_doctor_show_an_unknown_signer_last_when_care_giver():
    facts = (cases(2, "F") + cases(1, "M", doctor=OTHER_DOCTOR) + cases(1, "M", doctor=None))
    found = report_of(facts, "sjukfall-per-lakare", CARE_GIVER, YEAR_2024)
    assert table(found) == {DOCTOR: (2, 0, 2), OTHER_DOCTOR: (0, 1, 1), "unknown": (0, 1, 1)}
    assert found.row("unknown").label == "Okänd läkare"


def test_doctor_reports_are_unknown_when_national_or_region():
    """Per-doctor counts are for the care giver's own eyes: not given at open levels."""
    for scope in (NATIONAL, REGION_01):
        with pytest.raises(NoSuchReportError):
            report_of(cases(5, "F"), "sjukfall-per-lakare", scope, YEAR_2024)


def test_long_cases_count_only_cases_over_ninety_days_per_month_when_care_giver():
    """A case of 91 days (Jan 1 - Mar 31) counts in January to March; one of exactly 90 days
    (Jan 1 - Mar 30 in a leap year) does not count at all."""
    facts = [certificate(period(date(2024, 1, 1), date(2024, 3, 31)), sex="M"),
             certificate(period(date(2024, 1, 1), date(2024, 3, 30)), sex="F")]
    found = report_of(facts, "langa-sjukfall", CARE_GIVER,
                      ReportPeriod(first=date(2024, 1, 1), last=date(2024, 4, 30)))
    assert len(found.rows) == 18
    assert {k: v for k, v in table(found).items() if v != (0, 0, 0)} == {
        "2024-01": (0, 1, 1), "2024-02": (0, 1, 1), "2024-03": (0, 1, 1)}


def test_chosen_diagnoses_are_counted_each_on_its_own_when_compared():
    """A chapter and a category inside it both count the same case; the other filters (sex)
    apply to every row; rows in the order chosen, labels in Swedish."""
    facts = (cases(2, "F", diagnosis="F32") + cases(1, "F", diagnosis="F41")
             + cases(1, "M", diagnosis="F32") + cases(1, "F", diagnosis="M54"))
    chosen = ReportFilter(diagnoses=("F32", "V", "M50-M54"), sex=("F",))
    found = report_of(facts, "jamforda-diagnoser", CARE_GIVER, YEAR_2024, filters=chosen)
    assert table(found) == {"F32": (2, 0, 2), "V": (3, 0, 3), "M50-M54": (1, 0, 1)}
    assert found.row("V").label.startswith("F00-F99 Psykiska")
    assert found.row("M50-M54").label.startswith("M50-M54 ")


def test_chosen_diagnoses_are_required_when_compared():
    with pytest.raises(DiagnosesNotChosenError):
        report_of(cases(1, "F"), "jamforda-diagnoser", CARE_GIVER, YEAR_2024)


def test_sex_split_per_lan_gives_shares_of_the_shown_counts_when_national():
    """6 women and 9 men in län 01: 40.0 % and 60.0 % of 15; 4 women and 6 men in län 03: the 4
    is shown as 0, so 0.0 % and 100.0 % of 6."""
    facts = (cases(6, "F") + cases(9, "M") + cases(4, "F", lan="03")
             + cases(6, "M", lan="03"))
    found = table(report_of(facts, "konsfordelning-per-lan", NATIONAL, YEAR_2024))
    assert found["01"] == (40.0, 60.0, 15)
    assert found["03"] == (0.0, 100.0, 6)
    assert found["05"] == (0.0, 0.0, 0)


def test_certificates_per_month_and_type_count_each_signing_month_when_care_giver():
    facts = [certificate(MARCH, signed=date(2024, 3, 2)),
             certificate(MARCH, signed=date(2024, 3, 9), sex="M"),
             certificate(signed=date(2024, 4, 1), type_id="ag7804"),
             certificate(signed=date(2024, 4, 3), revoked=True)]
    found = report_of(facts, "intyg-per-manad-och-typ", CARE_GIVER,
                      ReportPeriod(first=date(2024, 3, 1), last=date(2024, 4, 30)))
    assert table(found) == {"2024-03:lisjp": (1, 1, 2), "2024-03:ag7804": (0, 0, 0),
                            "2024-04:lisjp": (0, 0, 0), "2024-04:ag7804": (1, 0, 1)}


def test_messages_per_month_and_per_unit_count_what_was_sent_when_care_giver():
    messages = [message("KOMPLT", sent=date(2024, 5, 2)), message("OVRIGT", sex="M",
                                                                  sent=date(2024, 5, 30)),
                message("KONTKT", sent=date(2024, 6, 1), care_unit=OTHER_UNIT)]
    months = ReportPeriod(first=date(2024, 5, 1), last=date(2024, 6, 30))
    per_month = report_of([], "meddelanden-per-manad", CARE_GIVER, months, messages)
    assert table(per_month) == {"2024-05": (1, 1, 2), "2024-06": (1, 0, 1)}
    per_unit = report_of([], "meddelanden-per-enhet", CARE_GIVER, months, messages)
    assert table(per_unit) == {UNIT: (1, 1, 2), OTHER_UNIT: (1, 0, 1)}


def test_messages_per_doctor_count_by_the_certificates_signer_when_care_giver():
    """A message counts for the doctor who signed its certificate; a message whose certificate
    the view does not hold counts as an unknown doctor."""
    first = certificate(MARCH, doctor=DOCTOR)
    second = certificate(MARCH, doctor=OTHER_DOCTOR, sex="M")
    messages = [message("KOMPLT", certificate_id=first.certificate_id),
                message("OVRIGT", certificate_id=first.certificate_id),
                message("KONTKT", sex="M", certificate_id=second.certificate_id),
                message("OVRIGT")]
    found = report_of([first, second], "meddelanden-per-lakare", CARE_GIVER,
                      ReportPeriod(first=date(2024, 5, 1), last=date(2024, 5, 31)), messages)
    assert table(found) == {DOCTOR: (2, 0, 2), OTHER_DOCTOR: (0, 1, 1), "unknown": (1, 0, 1)}


def test_cases_per_1000_listed_divide_by_the_units_listed_patients_when_region():
    """7 women and 5 men on a unit of 4,000 listed: 1.75, 1.25 and 3.00 per 1000; 4 women on a
    unit of 2,000 are suppressed to 0; a listed unit without cases shows 0."""
    facts = cases(7, "F") + cases(5, "M") + cases(4, "F", care_unit=OTHER_UNIT)
    listed = {UNIT: 4000, OTHER_UNIT: 2000, "SE2321000016-U9": 1000}
    found = report(loaded(facts), "sjukfall-per-enhet-per-1000-listade", REGION_01, YEAR_2024,
                   listed=listed)
    assert table(found) == {UNIT: (1.75, 1.25, 3.0), OTHER_UNIT: (0.0, 0.0, 0.0),
                            "SE2321000016-U9": (0.0, 0.0, 0.0)}


def test_cases_per_1000_listed_need_a_unit_list_when_region():
    with pytest.raises(UnitListMissingError):
        report_of(cases(5, "F"), "sjukfall-per-enhet-per-1000-listade", REGION_01, YEAR_2024)
