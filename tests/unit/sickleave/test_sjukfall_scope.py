"""DOMAIN.md §7 access: a doctor sees only cases from certificates they signed (read as: the
unit's cases whose active certificate they signed, as Rehabstöd's "issued by me"); a rehab
coordinator sees the whole unit; protected-identity patients only the issuing doctor."""

from __future__ import annotations

from domain.sickleave.engine import sick_leave_cases
from domain.sickleave.scope import for_doctor, for_rehab_coordinator, visible_to
from tests.factories.sickleave import (
    COLLEAGUE,
    DEFAULT,
    DOCTOR,
    OTHER_PATIENT,
    case,
    cert,
    d,
)

MINE = case(certificate_ids=("a",), doctor_id=DOCTOR)
THEIRS = case(certificate_ids=("b",), doctor_id=COLLEAGUE)
MINE_PROTECTED = case(certificate_ids=("c",), doctor_id=DOCTOR, protected_identity=True)
THEIRS_PROTECTED = case(certificate_ids=("d",), doctor_id=COLLEAGUE, protected_identity=True)
UNIT = [MINE, THEIRS, MINE_PROTECTED, THEIRS_PROTECTED]


def test_doctor_sees_the_cases_of_their_active_certificates_when_colleagues_have_others() -> None:
    assert for_doctor(UNIT, DOCTOR) == [MINE, MINE_PROTECTED]


def test_doctor_sees_the_whole_chain_when_a_colleague_signed_an_earlier_certificate() -> None:
    """The case is computed on the unit first: 1-10 March by a colleague, 11-20 March by the
    doctor (active on 15 March) give one 20-day case of two certificates."""
    certs = [cert("03-01", "03-10", doctor_id=COLLEAGUE), cert("03-11", "03-20")]
    mine = for_doctor(sick_leave_cases(certs, d(3, 15), DEFAULT), DOCTOR)
    assert [(c.days, c.certificate_count) for c in mine] == [(20, 2)]


def test_doctor_does_not_see_the_case_when_only_an_earlier_certificate_is_theirs() -> None:
    certs = [cert("03-01", "03-10"), cert("03-11", "03-20", doctor_id=COLLEAGUE)]
    assert for_doctor(sick_leave_cases(certs, d(3, 15), DEFAULT), DOCTOR) == []


def test_protected_patient_is_shown_only_to_the_issuing_doctor_when_listed() -> None:
    assert MINE_PROTECTED in for_doctor(UNIT, DOCTOR)
    assert MINE_PROTECTED not in for_doctor(UNIT, COLLEAGUE)
    assert MINE_PROTECTED not in for_rehab_coordinator(UNIT)


def test_rehab_coordinator_sees_the_whole_unit_when_no_patient_is_protected() -> None:
    certs = [cert(), cert(doctor_id=COLLEAGUE, personnummer=OTHER_PATIENT, sex="F")]
    cases = sick_leave_cases(certs, d(3, 5), DEFAULT)
    assert for_rehab_coordinator(cases) == cases and len(cases) == 2


def test_rehab_coordinator_does_not_see_protected_patients_when_listed() -> None:
    assert for_rehab_coordinator(UNIT) == [MINE, THEIRS]


def test_visible_to_picks_the_role_when_given_a_doctor_or_none() -> None:
    assert visible_to(UNIT, DOCTOR) == [MINE, MINE_PROTECTED]
    assert visible_to(UNIT, None) == [MINE, THEIRS]
