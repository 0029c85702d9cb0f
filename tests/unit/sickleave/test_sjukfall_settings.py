"""DOMAIN.md §7 settings: maxGap 0-90 (default 5), maxDaysSinceEnded 0-14 (default 0); a value
out of range is a clear error naming the field. Also the input values refuse wrong shapes."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from domain.shared.errors import InvalidInputError, InvalidSjukfallSettingsError
from domain.shared.validation import IssueCode
from domain.sickleave.engine import SickLeavePeriod, SjukfallSettings
from tests.factories.sickleave import cert, iso


def test_settings_default_to_five_and_zero_when_not_given() -> None:
    settings = SjukfallSettings()
    assert (settings.max_gap, settings.max_days_since_ended) == (5, 0)


@pytest.mark.parametrize(("gap", "ended"), [(0, 0), (90, 14), (0, 14), (90, 0)])
def test_settings_are_accepted_when_on_the_edges(gap: int, ended: int) -> None:
    settings = SjukfallSettings(max_gap=gap, max_days_since_ended=ended)
    assert (settings.max_gap, settings.max_days_since_ended) == (gap, ended)


@pytest.mark.parametrize(("gap", "ended", "field"), [
    (-1, 0, "maxGap"), (91, 0, "maxGap"), (5, -1, "maxDaysSinceEnded"),
    (5, 15, "maxDaysSinceEnded"),
])
def test_settings_are_refused_when_out_of_range(gap: int, ended: int, field: str) -> None:
    with pytest.raises(InvalidSjukfallSettingsError) as refused:
        SjukfallSettings(max_gap=gap, max_days_since_ended=ended)
    assert [(i.field, i.code) for i in refused.value.issues] == [(field, IssueCode.INVALID_RANGE)]
    assert field in str(refused.value)
    assert isinstance(refused.value, InvalidInputError)  # the API answers 422


def test_settings_name_both_fields_when_both_are_out_of_range() -> None:
    with pytest.raises(InvalidSjukfallSettingsError) as refused:
        SjukfallSettings(max_gap=-5, max_days_since_ended=-1)
    assert [i.field for i in refused.value.issues] == ["maxGap", "maxDaysSinceEnded"]


def test_period_is_refused_when_it_ends_before_it_starts() -> None:
    with pytest.raises(ValidationError):
        SickLeavePeriod(degree=100, start=iso("03-10"), end=iso("03-09"))


def test_period_is_refused_when_the_degree_is_not_a_quarter() -> None:
    with pytest.raises(ValidationError):
        SickLeavePeriod.model_validate({"degree": 60, "start": iso("03-01"), "end": iso("03-02")})


def test_certificate_is_refused_when_it_has_three_secondary_diagnoses() -> None:
    with pytest.raises(ValidationError):
        cert(secondary_codes=("J06", "M54", "F32"))


def test_certificate_is_refused_when_the_personnummer_is_not_normalised() -> None:
    with pytest.raises(ValidationError):
        cert(personnummer="19121212-1212")


def test_diagnosis_codes_are_normalised_when_written_with_a_dot() -> None:
    made = cert(diagnosis_code=" m54.4", secondary_codes=("f32.1", " "))
    assert (made.diagnosis_code, made.secondary_codes) == ("M544", ("F321",))
