"""DOMAIN.md §7 patient view: all cases of one patient, past, current and future, newest first,
chained by the same gap rule."""

from __future__ import annotations

from domain.sickleave.engine import SjukfallSettings, patient_cases
from tests.factories.sickleave import (
    DEFAULT,
    OTHER_PATIENT,
    OTHER_UNIT,
    PATIENT,
    cert,
    d,
    iso,
)

CERTS = [
    cert("01-01", "01-10", signed=1), cert("01-14", "01-20", signed=2),  # 4 free days: joined
    cert("03-01", "03-10", signed=3, care_unit_id=OTHER_UNIT),
    cert("06-01", "06-30", 50, signed=4),
    cert("03-01", "03-10", personnummer=OTHER_PATIENT, sex="F"),
    cert("02-01", "02-10", revoked=True),
]


def test_patient_cases_are_newest_first_when_the_patient_has_three_cases() -> None:
    """Gap 5: 20 January to 1 March and 10 March to 1 June break; 10 + 7 days in January. The
    revoked February certificate and the other patient's are left out."""
    cases = patient_cases(CERTS, PATIENT, d(3, 5), DEFAULT)
    assert [(c.start, c.end, c.days, c.certificate_count) for c in cases] == [
        (iso("06-01"), iso("06-30"), 30, 1),
        (iso("03-01"), iso("03-10"), 10, 1),
        (iso("01-01"), iso("01-20"), 17, 2),
    ]
    assert [(c.active, c.degree_today, c.days_until_end) for c in cases] == [
        (False, None, 117), (True, 100, 5), (False, None, -44)]


def test_patient_cases_chain_across_units_when_the_gap_allows() -> None:
    """Gap 90: 20 January to 1 March (39 free days) and 10 March to 1 June (82) join; the
    unit does not split a patient's own view. 10 + 7 + 10 + 30 days."""
    cases = patient_cases(CERTS, PATIENT, d(3, 5), SjukfallSettings(max_gap=90))
    assert [(c.start, c.end, c.days, c.certificate_count) for c in cases] == [
        (iso("01-01"), iso("06-30"), 57, 4)]
    assert cases[0].active_certificate_id == CERTS[2].certificate_id


def test_patient_cases_describe_past_cases_by_the_last_ending_certificate_when_none_is_active(
) -> None:
    """No certificate active on D: the one that ended last before D describes the case."""
    cases = patient_cases(CERTS, PATIENT, d(2, 1), DEFAULT)
    assert cases[-1].active_certificate_id == CERTS[1].certificate_id


def test_patient_cases_are_empty_when_the_patient_has_no_certificates() -> None:
    assert patient_cases(CERTS[4:5], PATIENT, d(3, 5), DEFAULT) == []
