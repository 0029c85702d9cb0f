"""DOMAIN.md §7: the Rehabstöd sick-leave case engine on hand-computed cases (year 2026)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from domain.sickleave.engine import SickLeaveCase, SjukfallSettings, sick_leave_cases
from tests.factories.sickleave import (
    DEFAULT,
    OTHER_PATIENT,
    OTHER_UNIT,
    cert,
    d,
    iso,
    period,
)


def only_case(certs: list, today: date, settings: SjukfallSettings = DEFAULT) -> SickLeaveCase:
    cases = sick_leave_cases(certs, today, settings)
    assert len(cases) == 1, cases
    return cases[0]


@dataclass(frozen=True)
class Row:
    certs: tuple[tuple[str, str] | tuple[str, str, int], ...]  # start, end[, signing hour]
    today: str
    expected: tuple[str, str, int, int] | None  # start, end, days, certificates; None: no case
    max_gap: int = 5
    ended: int = 0


TABLE = {
    # next joins if start <= end + maxGap + 1; 11 March is not counted: 10 + 9 days
    "one_day_gap_joins": Row((("03-01", "03-10"), ("03-12", "03-20")), "03-15",
                             ("03-01", "03-20", 19, 2)),
    # 1-10 and 5-15 March share 6 days: 15 distinct days
    "overlap_counted_once": Row((("03-01", "03-10"), ("03-05", "03-15")), "03-06",
                                ("03-01", "03-15", 15, 2)),
    # active on D if a period contains D: 12 March is in neither certificate
    "today_in_gap_no_case": Row((("03-01", "03-10"), ("03-14", "03-20")), "03-12", None),
    # D between the two periods of one certificate: not active and not ended
    "today_between_own_periods_no_case": Row((), "03-07", None),
    # maxGap 5: end 10 March reaches a start on 16 March (5 free days): 10 + 5 days
    "gap_of_five_joins": Row((("03-01", "03-10"), ("03-16", "03-20")), "03-18",
                             ("03-01", "03-20", 15, 2)),
    # ... but not 17 March (6 free days): the chain breaks, only the active one is left
    "gap_of_six_breaks": Row((("03-01", "03-10"), ("03-17", "03-20")), "03-18",
                             ("03-17", "03-20", 4, 1)),
    # walk right from the first: 14 <= 10 + 6, 25 <= 20 + 6; 10 + 7 + 7 days
    "walk_right": Row((("03-01", "03-10"), ("03-14", "03-20"), ("03-25", "03-31")), "03-05",
                      ("03-01", "03-31", 24, 3)),
    # walk left from the last: 20 >= 25 - 6, 10 >= 14 - 6
    "walk_left": Row((("03-01", "03-10"), ("03-14", "03-20"), ("03-25", "03-31")), "03-28",
                     ("03-01", "03-31", 24, 3)),
    # walking right stops at the first break: 20 > 10 + 6, the third joins only the second
    "walk_right_stops_at_break": Row((("03-01", "03-10"), ("03-20", "03-25"), ("03-27", "03-30")),
                                     "03-05", ("03-01", "03-10", 10, 1)),
    # walking left stops at the first break: 10 < 20 - 6; 6 + 4 days
    "walk_left_stops_at_break": Row((("03-01", "03-10"), ("03-20", "03-25"), ("03-27", "03-30")),
                                    "03-28", ("03-20", "03-30", 10, 2)),
    # both ways from 1-10 March: left to 1 Feb, right to 5 April; 20 April is 15 days after
    "walk_both_ways": Row((("02-01", "02-10"), ("02-14", "02-28"), ("03-01", "03-10"),
                           ("03-13", "03-31"), ("04-03", "04-05"), ("04-20", "04-30")), "03-05",
                          ("02-01", "04-05", 10 + 15 + 10 + 19 + 3, 5)),
    # a short certificate inside a long one keeps the long one's end: 4 April <= 31 March + 6
    "nested_certificate_keeps_reach": Row((("03-01", "03-31", 0), ("03-05", "03-10", 9),
                                           ("04-04", "04-10", 1)), "03-07",
                                          ("03-01", "04-10", 31 + 7, 3)),
    # maxGap 0: end 10 March joins a start on 11 March only
    "gap_zero_joins_next_day": Row((("03-01", "03-10"), ("03-11", "03-12")), "03-11",
                                   ("03-01", "03-12", 12, 2), max_gap=0),
    "gap_zero_breaks_on_one_free_day": Row((("03-01", "03-10"), ("03-12", "03-13")), "03-12",
                                           ("03-12", "03-13", 2, 1), max_gap=0),
    # maxGap 90: 1 January + 91 days is 2 April; 1 + 4 days
    "gap_ninety_joins": Row((("01-01", "01-01"), ("04-02", "04-05")), "04-03",
                            ("01-01", "04-05", 5, 2), max_gap=90),
    "gap_ninety_breaks_at_ninety_one": Row((("01-01", "01-01"), ("04-03", "04-05")), "04-04",
                                           ("04-03", "04-05", 3, 1), max_gap=90),
    # ended recently if end < D and end + maxDaysSinceEnded + 1 > D
    "ended_yesterday_gone_with_zero": Row((("03-01", "03-10"),), "03-11", None),
    "active_on_its_last_day": Row((("03-01", "03-10"),), "03-10", ("03-01", "03-10", 10, 1)),
    "ended_yesterday_kept_with_one": Row((("03-01", "03-10"),), "03-11",
                                         ("03-01", "03-10", 10, 1), ended=1),
    "ended_two_days_ago_gone_with_one": Row((("03-01", "03-10"),), "03-12", None, ended=1),
    "ended_14_days_ago_kept_with_14": Row((("03-01", "03-10"),), "03-24",
                                          ("03-01", "03-10", 10, 1), ended=14),
    "ended_15_days_ago_gone_with_14": Row((("03-01", "03-10"),), "03-25", None, ended=14),
}


@pytest.mark.parametrize("row", TABLE.values(), ids=TABLE.keys())
def test_case_spans_hand_computed_days_when_certificates_chain(row: Row) -> None:
    """§7: active if a period contains D; ended recently if end < D < end + maxDaysSinceEnded +
    1; walk right (start <= end + maxGap + 1) and left (end >= start - (maxGap + 1)); start = min
    start, end = max end, days = distinct days of the union of periods."""
    certs = [cert(c[0], c[1], signed=c[2] if len(c) == 3 else n)
             for n, c in enumerate(row.certs)]
    if not row.certs:  # one certificate with two periods: 1-5 and 10-15 March
        certs = [cert(periods=(period("03-01", "03-05"), period("03-10", "03-15", 50)))]
    settings = SjukfallSettings(max_gap=row.max_gap, max_days_since_ended=row.ended)
    cases = sick_leave_cases(certs, iso(row.today), settings)
    if row.expected is None:
        assert cases == []
        return
    start, end, days, count = row.expected
    assert len(cases) == 1
    assert (cases[0].start, cases[0].end, cases[0].days, cases[0].certificate_count) == (
        iso(start), iso(end), days, count)
    assert cases[0].days_until_end == (iso(end) - iso(row.today)).days


def test_active_certificate_is_the_latest_signed_when_two_are_active() -> None:
    """§7: "the" active certificate is the active one with the latest signing time; diagnosis
    (and up to 2 secondary), degrees, doctor and occupation come from it."""
    older = cert("03-01", "03-20", 100, signed=5)
    newer = cert("03-05", "03-25", 50, signed=6, diagnosis_code="M54.4",
                 secondary_codes=("F32.1", "J06"), doctor_id="SE2321000016-L002",
                 doctor_name="Bo Annan", occupations=("STUDIER",))
    case = only_case([older, newer], d(3, 10))
    assert case.active_certificate_id == newer.certificate_id
    assert (case.diagnosis.code, case.diagnosis.chapter) == ("M544", "XIII")
    assert [(s.code, s.chapter) for s in case.secondary_diagnoses] == [("F321", "V"), ("J06", "X")]
    assert (case.doctor_id, case.doctor_name) == ("SE2321000016-L002", "Bo Annan")
    assert (case.degrees, case.degree_today, case.occupations) == ((50,), 50, ("STUDIER",))
    assert (case.start, case.end, case.days, case.days_until_end) == (d(3, 1), d(3, 25), 25, 15)


def test_active_certificate_is_the_latest_signed_when_it_starts_earlier() -> None:
    """§7: the signing time decides, not the start."""
    later_start = cert("03-05", "03-25", signed=1)
    signed_last = cert("03-01", "03-20", signed=2)
    assert only_case([later_start, signed_last], d(3, 10)).active_certificate_id == (
        signed_last.certificate_id)


def test_active_certificate_is_the_one_ending_last_when_the_case_ended_recently() -> None:
    """§7 with maxDaysSinceEnded 14 and nothing active on 12 March: the certificate that ended
    last (8 March) describes the case, though the other (ended 5 March) was signed later."""
    signed_later = cert("02-01", "03-05", signed=3, doctor_name="Senare")
    ended_last = cert("03-01", "03-08", 50, signed=1, doctor_name="Sist")
    fourteen = SjukfallSettings(max_days_since_ended=14)
    case = only_case([signed_later, ended_last], d(3, 12), fourteen)
    assert (case.doctor_name, case.active, case.degree_today) == ("Sist", False, None)
    assert (case.start, case.end, case.days, case.days_until_end) == (d(2, 1), d(3, 8), 36, -4)


@pytest.mark.parametrize(("today", "degree"), [("03-10", 100), ("03-11", 50), ("03-20", 50)])
def test_degrees_are_in_period_order_when_periods_come_unordered(today: str, degree: int) -> None:
    """§7: degrees of the active certificate (period order) and the degree of the period
    containing D."""
    two = cert(periods=(period("03-11", "03-20", 50), period("03-01", "03-10", 100)))
    case = only_case([two], iso(today))
    assert (case.degrees, case.degree_today, case.days) == ((100, 50), degree, 20)


def test_patient_fields_come_from_the_personnummer_when_age_is_taken_on_today() -> None:
    """§7 case: patient with age on D; born 10 March 1980."""
    assert only_case([cert()], d(3, 9)).age == 45
    case = only_case([cert()], d(3, 10))
    assert (case.patient_name, case.sex, case.age) == ("Tolvan Tolvansson", "M", 46)


def test_open_questions_are_summed_over_the_case_when_several_certificates_join() -> None:
    """§7 case: open KOMPLT / other questions of the case's certificates; a certificate of an
    earlier, broken-off case does not count."""
    certs = [cert("01-01", "01-10", open_komplt=5, open_other=5),
             cert("03-01", "03-10", open_komplt=1, open_other=2),
             cert("03-12", "03-20", open_other=1)]
    case = only_case(certs, d(3, 15))
    assert (case.open_komplt, case.open_other, case.open_questions) == (1, 3, 4)


EXCLUDED = {
    "revoked": {"revoked": True},
    "test_patient": {"test": True},
    "smittskydd": {"smittskydd": True},
    "without_diagnosis": {"diagnosis_code": None},
    "blank_diagnosis": {"diagnosis_code": "  "},
    "unsigned": {"signed_at": None},
    "other_type": {"certificate_type": "ag7804"},
    "without_periods": {"periods": ()},
}


@pytest.mark.parametrize("fields", EXCLUDED.values(), ids=EXCLUDED.keys())
def test_certificate_is_left_out_when_it_does_not_feed_sjukfall(fields: dict) -> None:
    """§7 input: signed, not revoked lisjp and fk7263 with a diagnosis, without smittskydd, not
    a test certificate. A left-out certificate does not bridge a chain either: 1-10 and 21-31
    March are 10 days apart without the revoked one between them."""
    assert sick_leave_cases([cert(**fields)], d(3, 5), DEFAULT) == []
    bridged = [cert("03-01", "03-10"), cert("03-11", "03-20", **fields), cert("03-21", "03-31")]
    assert only_case(bridged, d(3, 25)).days == 11


def test_fk7263_counts_when_it_is_signed_with_a_diagnosis() -> None:
    """§7 input: lisjp and fk7263."""
    assert only_case([cert(certificate_type="fk7263")], d(3, 5)).days == 10


def test_cases_are_per_patient_and_unit_when_certificates_touch() -> None:
    """§7: per patient on a unit; 1-10 March on one unit and 11-20 March on another stay
    apart, as does another patient's certificate."""
    certs = [cert("03-01", "03-10"), cert("03-05", "03-20", care_unit_id=OTHER_UNIT),
             cert("03-08", "03-12", personnummer=OTHER_PATIENT, sex="F")]
    cases = sick_leave_cases(certs, d(3, 9), DEFAULT)
    assert [(c.care_unit_id, c.personnummer, c.days) for c in cases] == [
        (certs[0].care_unit_id, certs[0].personnummer, 10),
        (OTHER_UNIT, certs[0].personnummer, 16),
        (certs[0].care_unit_id, OTHER_PATIENT, 5),
    ]


def test_case_is_protected_when_any_of_its_certificates_is() -> None:
    """§7 protected identity: one flagged certificate in the chain protects the case."""
    case = only_case([cert("03-01", "03-10", protected_identity=True), cert("03-11", "03-20")],
                     d(3, 15))
    assert case.protected_identity
