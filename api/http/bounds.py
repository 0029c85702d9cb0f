"""Bounds on what a query may ask for, so edge values are a 422 and never reach the arithmetic.

Dates stay inside a calendar every period computation can step around (a year before, a month
after); integers stay inside what SQLite and PostgreSQL store as a 64-bit integer.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator

EARLIEST = date(1900, 1, 1)
LATEST = date(2199, 12, 31)
FIRST_YEAR, LAST_YEAR = EARLIEST.year, LATEST.year
MAX_POSITION = 2**63 - 1  # the largest 64-bit signed integer: a log position never exceeds it
MAX_CASE_DAYS = 36_525  # a hundred years of sick leave
MAX_AGE = 150


def _in_calendar(day: date) -> date:
    if not EARLIEST <= day <= LATEST:
        raise ValueError(f"Dates must be from {EARLIEST.isoformat()} to {LATEST.isoformat()}.")
    return day


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _written_as_a_day(value: Any) -> Any:
    """Only a calendar day written YYYY-MM-DD: pydantic would otherwise read a number (even
    ``-2.2e-313``) as seconds since 1970 and answer for a day nobody asked about."""
    if isinstance(value, date) or (isinstance(value, str) and _ISO_DAY.fullmatch(value)):
        return value
    raise ValueError("Dates are written YYYY-MM-DD.")


BoundedDate = Annotated[date, BeforeValidator(_written_as_a_day), AfterValidator(_in_calendar)]
"""A date written YYYY-MM-DD, from 1900-01-01 to 2199-12-31."""
