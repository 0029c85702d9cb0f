"""DOMAIN.md §10 / ORDERS.md §1.7: the business-day calendar, with hand-checked dates."""

from __future__ import annotations

from datetime import date

import pytest

from domain.orders.calendar import (
    BusinessCalendar,
    easter_sunday,
    holidays,
    parse_vacation_iso_weeks,
)

CALENDAR = BusinessCalendar()
NO_VACATION = BusinessCalendar(vacation_iso_weeks=frozenset())


@pytest.mark.parametrize(("year", "easter"), [
    (1818, date(1818, 3, 22)), (2000, date(2000, 4, 23)), (2008, date(2008, 3, 23)),
    (2011, date(2011, 4, 24)), (2019, date(2019, 4, 21)), (2024, date(2024, 3, 31)),
    (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5)), (2038, date(2038, 4, 25)),
    (2285, date(2285, 3, 22)),
])
def test_easter_sunday_is_the_known_date_when_computed_for_a_year(year, easter):
    """Påskdagen, earliest (22 March) and latest (25 April) possible dates included."""
    assert easter_sunday(year) == easter


def test_every_holiday_of_2026_falls_on_its_hand_computed_date_when_listed():
    """§1.7: the fixed days, the Easter-based days and the moving Saturdays and Friday."""
    assert holidays(2026) == {
        date(2026, 1, 1): "nyårsdagen", date(2026, 1, 6): "trettondedag jul",
        date(2026, 4, 3): "långfredagen", date(2026, 4, 5): "påskdagen",
        date(2026, 4, 6): "annandag påsk", date(2026, 5, 1): "första maj",
        date(2026, 5, 14): "Kristi himmelsfärds dag", date(2026, 5, 24): "pingstdagen",
        date(2026, 6, 6): "nationaldagen", date(2026, 6, 19): "midsommarafton",
        date(2026, 6, 20): "midsommardagen", date(2026, 10, 31): "alla helgons dag",
        date(2026, 12, 24): "julafton", date(2026, 12, 25): "juldagen",
        date(2026, 12, 26): "annandag jul", date(2026, 12, 31): "nyårsafton",
    }


def test_midsommarafton_and_alla_helgons_dag_move_when_the_year_changes():
    """Midsommarafton is the Friday in 19-25 June, alla helgons dag the Saturday in 31 Oct-6 Nov."""
    assert holidays(2025)[date(2025, 6, 20)] == "midsommarafton"
    assert holidays(2025)[date(2025, 11, 1)] == "alla helgons dag"
    assert holidays(2027)[date(2027, 6, 25)] == "midsommarafton"
    assert holidays(2027)[date(2027, 11, 6)] == "alla helgons dag"


def test_nationaldagen_is_a_holiday_from_2005_when_annandag_pingst_stops_being_one():
    """SFS 2004:1332: Monday 6 June 2005 is red; Monday 16 May 2005 (annandag pingst) is not;
    in 2004 annandag pingst (Monday 31 May) was red and 6 June was not a holiday."""
    assert not CALENDAR.is_business_day(date(2005, 6, 6))
    assert CALENDAR.is_business_day(date(2005, 5, 16))
    assert not CALENDAR.is_business_day(date(2004, 5, 31))
    assert date(2004, 6, 6) not in holidays(2004)


def test_a_weekday_is_a_business_day_when_no_holiday_or_vacation_falls_on_it():
    assert CALENDAR.is_business_day(date(2026, 4, 2))  # skärtorsdag is an ordinary day
    assert not CALENDAR.is_business_day(date(2026, 4, 4))  # a Saturday
    assert not CALENDAR.is_business_day(date(2026, 6, 19))  # midsommarafton


def test_vacation_weeks_are_iso_weeks_when_the_year_starts_on_a_friday():
    """2021 starts on a Friday: ISO week 29 is 19-25 July (aligned week 29 would be 12 July)."""
    assert CALENDAR.is_business_day(date(2021, 7, 16))
    assert not CALENDAR.is_business_day(date(2021, 7, 19))
    assert CALENDAR.is_business_day(date(2021, 8, 9))  # ISO week 32


def test_iso_week_53_is_not_vacation_when_only_weeks_51_and_52_are_configured():
    """2026 has 53 ISO weeks: Monday 28 December 2026 is in week 53, a business day."""
    assert CALENDAR.is_business_day(date(2026, 12, 28))
    assert not CALENDAR.is_business_day(date(2026, 12, 21))  # ISO week 52


def test_vacation_is_ignored_when_the_caller_does_not_respect_it():
    assert CALENDAR.is_business_day(date(2026, 7, 14), respect_vacation=False)
    assert not CALENDAR.is_business_day(date(2026, 7, 14))


def test_adding_business_days_skips_easter_when_counting_from_skartorsdag():
    """Thursday 2 April 2026 + 1: långfredag, the weekend and annandag påsk are skipped."""
    assert CALENDAR.add_business_days(date(2026, 4, 2), 1) == date(2026, 4, 7)
    assert CALENDAR.add_business_days(date(2026, 4, 2), 2) == date(2026, 4, 8)
    assert CALENDAR.add_business_days(date(2026, 4, 7), -1) == date(2026, 4, 2)
    assert CALENDAR.add_business_days(date(2026, 4, 4), 0) == date(2026, 4, 4)


def test_adding_business_days_skips_the_summer_weeks_when_vacation_is_respected():
    """ISO weeks 29-31 of 2026 are 13 July - 2 August."""
    assert CALENDAR.add_business_days(date(2026, 7, 10), 1) == date(2026, 8, 3)
    assert CALENDAR.add_business_days(date(2026, 7, 10), 1, respect_vacation=False) == date(
        2026, 7, 13)
    assert NO_VACATION.add_business_days(date(2026, 7, 10), 1) == date(2026, 7, 13)


def test_counting_includes_the_start_and_excludes_the_end_when_a_range_spans_easter():
    """1-9 April 2026: Wed 1, Thu 2, Tue 7, Wed 8 (3 and 6 April are holidays)."""
    assert CALENDAR.count_business_days(date(2026, 4, 1), date(2026, 4, 9)) == 4
    assert CALENDAR.count_business_days(date(2026, 4, 9), date(2026, 4, 1)) == 0
    assert CALENDAR.count_business_days(date(2026, 7, 10), date(2026, 8, 4)) == 2
    assert CALENDAR.count_business_days(
        date(2026, 7, 10), date(2026, 8, 4), respect_vacation=False) == 17


def test_vacation_weeks_parse_when_given_as_ranges_and_single_weeks():
    assert parse_vacation_iso_weeks("29-31, 51-52") == DEFAULT_WEEKS
    assert parse_vacation_iso_weeks("7") == frozenset({7})
    assert parse_vacation_iso_weeks("") == frozenset()
    with pytest.raises(ValueError, match="ISO week"):
        parse_vacation_iso_weeks("50-54")


DEFAULT_WEEKS = frozenset({29, 30, 31, 51, 52})
