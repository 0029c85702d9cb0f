"""Uncertain dates (osäkra datum) of the death certificates, DB and DOI (TYPES.md §0, §10).

When the date of death is not certain (dödsdatum ej säkert) the doctor gives what is known:
``YYYY-MM-00`` (year and month), ``YYYY-00-00`` (year only) or ``0000-00-00`` (nothing known).
A day may only be given with a known month, and a month only with a known year. An exact date
(``YYYY-MM-DD``) is read as an uncertain date that happens to be fully known.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_FORM = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_KNOWN_YEAR = re.compile(r"^[12]\d{3}$")
UNKNOWN = 0


@dataclass(frozen=True)
class UncertainDate:
    """A date of which year, month and day may each be unknown (0)."""

    year: int
    month: int
    day: int

    @property
    def is_certain(self) -> bool:
        return self.day != UNKNOWN

    def earliest(self) -> date | None:
        """The first day the date can mean; None when the year is unknown."""
        if self.year == UNKNOWN:
            return None
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date | None:
        """The last day the date can mean; None when the year is unknown."""
        if self.year == UNKNOWN:
            return None
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])


def parse_uncertain_date(raw: str | None) -> UncertainDate | None:
    """The uncertain date of ``YYYY-MM-DD`` where trailing parts may be ``00``, or None when the
    text is not one (wrong form, a known part after an unknown one, no such day)."""
    match = _FORM.match(raw.strip()) if raw is not None else None
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    if year != UNKNOWN and not _KNOWN_YEAR.match(match[1]):
        return None
    if (year == UNKNOWN and month != UNKNOWN) or (month == UNKNOWN and day != UNKNOWN):
        return None
    if month > 12:
        return None
    if day != UNKNOWN and day > calendar.monthrange(year, month)[1]:
        return None
    return UncertainDate(year, month, day)


def is_future(value: UncertainDate, today: date) -> bool:
    """Whether every day the date can mean is after today (a future year, or month this year)."""
    earliest = value.earliest()
    return earliest is not None and earliest > today


def is_before(value: UncertainDate, day: date) -> bool:
    """Whether every day the date can mean is before ``day`` (e.g. before the birth date)."""
    latest = value.latest()
    return latest is not None and latest < day
