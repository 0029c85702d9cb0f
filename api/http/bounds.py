"""Bounds on what a query may ask for, so edge values are a 422 and never reach the arithmetic.

Dates stay inside a calendar every period computation can step around (a year before, a month
after); integers stay inside what SQLite and PostgreSQL store as a 64-bit integer.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import AfterValidator

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


BoundedDate = Annotated[date, AfterValidator(_in_calendar)]
"""A date from 1900-01-01 to 2199-12-31."""
