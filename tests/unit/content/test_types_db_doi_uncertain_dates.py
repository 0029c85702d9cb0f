"""Uncertain dates (YYYY-MM-00, YYYY-00-00, 0000-00-00) of DB and DOI: TYPES.md §0, §10."""

from __future__ import annotations

from datetime import date

import pytest

from domain.content.death.uncertain_dates import (
    UncertainDate,
    is_before,
    is_future,
    parse_uncertain_date,
)

TODAY = date(2026, 11, 28)


@pytest.mark.parametrize(("raw", "expected"), [
    ("2026-11-00", UncertainDate(2026, 11, 0)),
    ("2025-00-00", UncertainDate(2025, 0, 0)),
    ("0000-00-00", UncertainDate(0, 0, 0)),
    ("2024-02-29", UncertainDate(2024, 2, 29)),
    (" 2026-01-00 ", UncertainDate(2026, 1, 0)),
])
def test_uncertain_date_parsed_when_form_known(raw: str, expected: UncertainDate) -> None:
    """TYPES.md §0: YYYY-MM-00, YYYY-00-00, 0000-00-00 (and a full date) are uncertain dates."""
    assert parse_uncertain_date(raw) == expected


@pytest.mark.parametrize("raw", [
    None, "", "2026-11", "26-11-00", "0000-05-00", "2026-00-15", "2026-13-00", "2025-02-29",
    "3026-01-00", "0999-01-00", "2026/11/00",
])
def test_uncertain_date_refused_when_not_a_known_form(raw: str | None) -> None:
    """TYPES.md §0: a month needs a year, a day needs a month, the parts must exist."""
    assert parse_uncertain_date(raw) is None


def test_uncertain_date_spans_month_when_day_unknown() -> None:
    """TYPES.md §0: YYYY-MM-00 means some day of that month."""
    value = UncertainDate(2024, 2, 0)
    assert (value.earliest(), value.latest()) == (date(2024, 2, 1), date(2024, 2, 29))
    assert not value.is_certain


def test_uncertain_date_spans_year_when_month_unknown() -> None:
    """TYPES.md §0: YYYY-00-00 means some day of that year."""
    value = UncertainDate(2025, 0, 0)
    assert (value.earliest(), value.latest()) == (date(2025, 1, 1), date(2025, 12, 31))


def test_uncertain_date_unbounded_when_nothing_known() -> None:
    """TYPES.md §0: 0000-00-00 can be any day, so it is neither future nor before a date."""
    value = UncertainDate(0, 0, 0)
    assert value.earliest() is None and value.latest() is None
    assert not is_future(value, TODAY) and not is_before(value, TODAY)


@pytest.mark.parametrize(("raw", "future"), [
    ("2026-11-00", False), ("2026-12-00", True), ("2026-00-00", False), ("2027-00-00", True)])
def test_uncertain_date_future_when_year_or_month_after_today(raw: str, future: bool) -> None:
    """TYPES.md §10: an uncertain date of death is not in a future year or month."""
    value = parse_uncertain_date(raw)
    assert value is not None and is_future(value, TODAY) is future


@pytest.mark.parametrize(("raw", "before"), [
    ("1980-05-00", True), ("1980-06-00", False), ("1979-00-00", True), ("1980-00-00", False)])
def test_uncertain_date_before_birth_when_whole_span_before(raw: str, before: bool) -> None:
    """TYPES.md §10: an uncertain date is before birth only if every day it can mean is."""
    value = parse_uncertain_date(raw)
    assert value is not None and is_before(value, date(1980, 6, 15)) is before
