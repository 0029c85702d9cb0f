"""The business-day calendar for orders (DOMAIN.md §10): Swedish public holidays of any year,
configurable vacation weeks, and adding and counting business days. Pure: no clock.

A business day (arbetsdag) is a weekday that is neither a holiday nor, where vacation is
respected, in a vacation week. Holidays are the red days of lagen (1989:253) om allmänna
helgdagar with the rules in force since 1953 (midsommardagen and alla helgons dag on a Saturday),
plus the days the national FMU service also treats as holidays: midsommarafton, julafton and
nyårsafton. Two changes over time are kept as the law made them: annandag pingst is a holiday
up to 2004, nationaldagen (6 June) from 2005 (SFS 2004:1332). The national FMU service started
nationaldagen only in 2006; this calendar follows the law, so 6 June 2005 is not a business day.

Vacation weeks are ISO 8601 week numbers (Monday to Sunday, week 1 holds the year's first
Thursday), the same numbers in every year. The national service read its "29-31,51-52" as
aligned weeks of the current year only, a week early in some years; here ISO week 29 is ISO
week 29 in every year (in 2021 it starts Monday 19 July).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

ONE_DAY = timedelta(days=1)
DEFAULT_VACATION_ISO_WEEKS = frozenset({29, 30, 31, 51, 52})
"""The national service's default: ISO weeks 29-31 (summer) and 51-52 (Christmas)."""


def easter_sunday(year: int) -> date:
    """Påskdagen in the Gregorian calendar (the anonymous Gregorian computus)."""
    golden = year % 19
    century, year_in_century = divmod(year, 100)
    leap_centuries, century_rest = divmod(century, 4)
    moon_correction = (century + 8) // 25
    solar_correction = (century - moon_correction + 1) // 3
    epact = (19 * golden + century - leap_centuries - solar_correction + 15) % 30
    leap_years, year_rest = divmod(year_in_century, 4)
    weekday_shift = (32 + 2 * century_rest + 2 * leap_years - epact - year_rest) % 7
    late_correction = (golden + 11 * epact + 22 * weekday_shift) // 451
    month, day = divmod(epact + weekday_shift - 7 * late_correction + 114, 31)
    return date(year, month, day + 1)


def _first_weekday_from(start: date, weekday: int) -> date:
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def holidays(year: int) -> dict[date, str]:
    """Every holiday of ``year`` (red days and the three eves) by date, with its Swedish name."""
    easter = easter_sunday(year)
    days = {
        date(year, 1, 1): "nyårsdagen",
        date(year, 1, 6): "trettondedag jul",
        easter - timedelta(days=2): "långfredagen",
        easter: "påskdagen",
        easter + ONE_DAY: "annandag påsk",
        date(year, 5, 1): "första maj",
        easter + timedelta(days=39): "Kristi himmelsfärds dag",
        easter + timedelta(days=49): "pingstdagen",
        _first_weekday_from(date(year, 6, 19), 4): "midsommarafton",
        _first_weekday_from(date(year, 6, 20), 5): "midsommardagen",
        _first_weekday_from(date(year, 10, 31), 5): "alla helgons dag",
        date(year, 12, 24): "julafton",
        date(year, 12, 25): "juldagen",
        date(year, 12, 26): "annandag jul",
        date(year, 12, 31): "nyårsafton",
    }
    if year <= 2004:
        days[easter + timedelta(days=50)] = "annandag pingst"
    else:
        days[date(year, 6, 6)] = "nationaldagen"
    return days


def parse_vacation_iso_weeks(text: str) -> frozenset[int]:
    """ISO week numbers from a list like ``"29-31,51-52"`` (ranges inclusive); empty = none."""
    weeks: set[int] = set()
    for part in (p.strip() for p in text.split(",") if p.strip()):
        first, _, last = part.partition("-")
        low, high = int(first), int(last or first)
        if not 1 <= low <= high <= 53:
            raise ValueError(f"not an ISO week range: {part!r}")
        weeks.update(range(low, high + 1))
    return frozenset(weeks)


@dataclass(frozen=True)
class BusinessCalendar:
    """Business days with ``vacation_iso_weeks`` as vacation in every year."""

    vacation_iso_weeks: frozenset[int] = DEFAULT_VACATION_ISO_WEEKS

    def is_holiday(self, day: date) -> bool:
        return day in holidays(day.year)

    def is_vacation(self, day: date) -> bool:
        return day.isocalendar().week in self.vacation_iso_weeks

    def is_business_day(self, day: date, *, respect_vacation: bool = True) -> bool:
        """A weekday, not a holiday, and (when ``respect_vacation``) not in a vacation week."""
        if day.weekday() >= 5 or self.is_holiday(day):
            return False
        return not (respect_vacation and self.is_vacation(day))

    def add_business_days(self, day: date, count: int, *, respect_vacation: bool = True) -> date:
        """The ``count``-th business day after ``day`` (before it when negative), stepping one
        day at a time; ``count`` 0 is ``day`` itself, business day or not."""
        step = ONE_DAY if count >= 0 else -ONE_DAY
        left = abs(count)
        while left:
            day += step
            if self.is_business_day(day, respect_vacation=respect_vacation):
                left -= 1
        return day

    def count_business_days(self, start: date, end: date, *,
                            respect_vacation: bool = True) -> int:
        """Business days from ``start`` (included) to ``end`` (excluded); 0 if ``end`` is not
        after ``start``."""
        count, day = 0, start
        while day < end:
            count += self.is_business_day(day, respect_vacation=respect_vacation)
            day += ONE_DAY
        return count


SWEDISH_TIME = ZoneInfo("Europe/Stockholm")


def swedish_date(moment: datetime) -> date:
    """The date in Sweden at ``moment`` (a naive time is taken as Swedish already): deadlines
    are Swedish calendar days."""
    return (moment.astimezone(SWEDISH_TIME) if moment.tzinfo else moment).date()
