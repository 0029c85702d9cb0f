"""DOMAIN.md §8 Intygsstatistik: certificates joined into sjukfall per patient."""

from __future__ import annotations

from datetime import date

from domain.statistics.cases import build_cases, covered_days, joins
from tests.factories.statistics import certificate, period

PATIENT = "pseudonym-of-one-patient"


def d(month: int, day: int) -> date:
    return date(2024, month, day)


def test_next_certificate_joins_when_it_starts_six_days_after_the_end():
    """§8 gap 5: joins unless end + 5 + 1 < next start; end 10 Jan, start 16 Jan: 16 < 16."""
    assert joins(d(1, 10), d(1, 16))
    cases = build_cases([
        certificate(period(d(1, 1), d(1, 10)), patient=PATIENT),
        certificate(period(d(1, 16), d(1, 20)), patient=PATIENT),
    ])
    assert len(cases) == 1
    assert (cases[0].start, cases[0].end, cases[0].days, cases[0].certificate_count) == (
        d(1, 1), d(1, 20), 15, 2)


def test_next_certificate_starts_a_new_case_when_it_starts_seven_days_after_the_end():
    """§8 gap 5: end 10 Jan, start 17 Jan: 16 < 17, so a new case."""
    assert not joins(d(1, 10), d(1, 17))
    cases = build_cases([
        certificate(period(d(1, 1), d(1, 10)), patient=PATIENT),
        certificate(period(d(1, 17), d(1, 20)), patient=PATIENT),
    ])
    assert [(c.start, c.end, c.days) for c in cases] == [(d(1, 1), d(1, 10), 10),
                                                         (d(1, 17), d(1, 20), 4)]


def test_certificates_of_different_patients_stay_apart_when_their_periods_touch():
    """§8: per patient."""
    cases = build_cases([certificate(period(d(1, 1), d(1, 10))),
                         certificate(period(d(1, 11), d(1, 20)))])
    assert len(cases) == 2


def test_length_counts_distinct_days_when_periods_overlap_or_leave_a_gap():
    """§8: length = union of periods without gaps; 1-14 Jan (14 days) + 18-20 Jan (3 days)."""
    cases = build_cases([
        certificate(period(d(1, 1), d(1, 10)), patient=PATIENT),
        certificate(period(d(1, 5), d(1, 14), 50), patient=PATIENT),
        certificate(period(d(1, 18), d(1, 20)), patient=PATIENT),
    ])
    assert len(cases) == 1
    assert (cases[0].start, cases[0].end, cases[0].days) == (d(1, 1), d(1, 20), 17)


def test_covered_days_counts_an_enclosed_period_once_when_one_period_holds_another():
    assert covered_days([period(d(1, 1), d(1, 31)), period(d(1, 5), d(1, 6)),
                         period(d(2, 1), d(2, 1))]) == 32


def test_case_takes_diagnosis_degree_lan_and_doctor_from_the_latest_certificate_when_joined():
    """§8: diagnosis, degree, län and doctor from the latest certificate; age is the highest."""
    first = certificate(period(d(1, 1), d(1, 14)), patient=PATIENT, signed=d(1, 1), age=41,
                        diagnosis="M54", lan="03", doctor="SE2321000016-D1", doctor_age=45,
                        care_unit="SE2321000016-U9")
    latest = certificate(period(d(1, 15), d(1, 21), 100), period(d(1, 22), d(1, 31), 50),
                         patient=PATIENT, signed=d(1, 14), age=40, diagnosis="F32", lan="01",
                         doctor="SE2321000016-D2", doctor_age=61)
    [case] = build_cases([latest, first])
    assert (case.diagnosis, case.degree, case.lan, case.doctor, case.doctor_age, case.age) == (
        "F32", 50, "01", "SE2321000016-D2", 61, 41)
    assert case.certificate_ids == (first.certificate_id, latest.certificate_id)
    assert case.care_unit == latest.care_unit


def test_revoked_certificate_is_left_out_when_it_would_have_bridged_two_certificates():
    """§8: revoked certificates are removed from the facts, so 10 Jan to 21 Jan is a new case."""
    cases = build_cases([
        certificate(period(d(1, 1), d(1, 10)), patient=PATIENT),
        certificate(period(d(1, 11), d(1, 20)), patient=PATIENT, revoked=True),
        certificate(period(d(1, 21), d(1, 25)), patient=PATIENT),
    ])
    assert [(c.start, c.end) for c in cases] == [(d(1, 1), d(1, 10)), (d(1, 21), d(1, 25))]


def test_test_certificate_never_makes_a_case_when_it_is_a_sick_leave_certificate():
    """§4/§8: test patients' certificates never enter the statistics."""
    assert build_cases([certificate(period(d(1, 1), d(1, 10)), test=True)]) == []


def test_other_types_make_no_case_when_they_carry_periods():
    """§8: only lisjp and fk7263 feed sick-leave facts (ag7804 copies a lisjp's periods)."""
    cases = build_cases([
        certificate(period(d(1, 1), d(1, 10)), type_id="ag7804"),
        certificate(type_id="luse"),
        certificate(period(d(1, 1), d(1, 10)), type_id="fk7263"),
    ])
    assert len(cases) == 1
