"""INTYG_ORDERS_VACATION_ISO_WEEKS: the orders' vacation weeks come from the settings, read as
ISO weeks; an unreadable value stops the process at start, naming the variable."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from commands.settings import Settings


def test_the_business_calendar_uses_the_configured_iso_weeks_when_set():
    calendar = Settings(orders_vacation_iso_weeks="28-30").business_calendar
    assert calendar.vacation_iso_weeks == frozenset({28, 29, 30})
    assert not calendar.is_business_day(date(2026, 7, 6))  # ISO week 28 of 2026
    assert calendar.is_business_day(date(2026, 7, 27))  # ISO week 31, no longer vacation


def test_the_default_vacation_is_the_national_services_when_nothing_is_set():
    assert Settings().business_calendar.vacation_iso_weeks == frozenset({29, 30, 31, 51, 52})


@pytest.mark.parametrize("value", ["x", "54", "31-29"])
def test_an_unreadable_vacation_setting_is_refused_when_settings_are_built(value):
    with pytest.raises(ValidationError, match="INTYG_ORDERS_VACATION_ISO_WEEKS"):
        Settings(orders_vacation_iso_weeks=value)
