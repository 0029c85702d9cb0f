"""FMB decision support (DOMAIN.md §11): the recommendation per diagnosis and the warning at its
boundary, with the draft added to the patient's current case (gap 5)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from domain.sickleave.fmb import (
    fmb_warning,
    largest_recommendation,
    recommendation_for,
    recommendations,
)
from domain.sickleave.model import SickLeaveCertificate, SickLeavePeriod

DAY = date(2026, 11, 2)


def cert(cert_id: str, start: date, days: int) -> SickLeaveCertificate:
    return SickLeaveCertificate(
        certificate_id=cert_id, certificate_type="lisjp", personnummer="191212121212",
        patient_name="", sex="M", care_unit_id="SE2321000016-E1", care_giver_id="SE2321000016-G1",
        doctor_id="SE2321000016-P1", doctor_name="", signed_at=datetime(2026, 11, 1, tzinfo=UTC),
        diagnosis_code="M54", periods=(SickLeavePeriod(degree=100, start=start,
                                                       end=start + timedelta(days=days - 1)),))


def test_the_data_file_loads_with_day_week_and_month_units():
    table = recommendations()
    assert len(table) >= 30
    assert {r.unit for r in table.values()} == {"DAG", "VECKA", "MANAD"}


@pytest.mark.parametrize(("code", "days"), [("M54.4", 56), ("M544", 56), ("M549", 42),
                                            ("F438", 93), ("J06", 7)])
def test_recommendation_in_days_week_is_7_and_month_is_31(code, days):
    found = recommendation_for(code)
    assert found is not None
    assert found.days == days


def test_a_code_without_recommendation_gives_none():
    assert recommendation_for("Z999") is None
    assert largest_recommendation(["Z999"]) is None


def test_the_largest_recommendation_among_the_codes_counts():
    found = largest_recommendation(["J06", "M54", "Z999"])
    assert found is not None
    assert found.code == "M54"


@pytest.mark.parametrize(("days", "warned"), [(42, False), (43, True)])
def test_warning_exactly_when_the_draft_alone_exceeds(days, warned):
    warning = fmb_warning(cert("draft", DAY, days), [], ["M54"])
    assert (warning is not None) is warned


@pytest.mark.parametrize(("draft_days", "warned"), [(12, False), (13, True)])
def test_warning_counts_the_current_case_before_the_draft(draft_days, warned):
    """30 signed days, a gap of 5 days (joined, not counted), then the draft: 30 + 12 = 42."""
    signed = cert("signed", DAY - timedelta(days=35), 30)
    warning = fmb_warning(cert("draft", DAY, draft_days), [signed], ["M54"])
    assert (warning is not None) is warned
    if warning:
        assert warning.case_days == 43
        assert "42 days" in warning.message


def test_a_certificate_beyond_the_gap_is_another_case():
    signed = cert("signed", DAY - timedelta(days=36), 30)  # 6 days' gap: not joined
    assert fmb_warning(cert("draft", DAY, 40), [signed], ["M54"]) is None
