"""DOMAIN.md §7: the sick-leave case engine of Rehabstöd, on hand-computed cases."""

from __future__ import annotations

from datetime import UTC, date, datetime
from itertools import count

import pytest

from domain.errors import InvalidInputError
from domain.sjukfall import Period, SickLeaveCertificate, SjukfallSettings, sick_leave_cases

PNR = "191212121212"
ids = count(1)
DEFAULT = SjukfallSettings()


def cert(start: str, end: str, degree: int = 100, signed: int = 1, **extra: object
         ) -> SickLeaveCertificate:
    fields: dict[str, object] = {
        "id": f"c{next(ids)}", "type_id": "lisjp", "personnummer": PNR, "care_unit": "U1",
        "doctor": "D1", "signed_at": datetime(2026, 1, signed, tzinfo=UTC),
        "diagnoses": ("F32", "Z73", "M54", "J06"),
        "periods": (Period(degree=degree, start=date.fromisoformat(start),
                           end=date.fromisoformat(end)),),
    }
    fields.update(extra)
    return SickLeaveCertificate(**fields)  # type: ignore[arg-type]


def only_case(certs, day: str, settings: SjukfallSettings = DEFAULT):  # type: ignore[no-untyped-def]
    cases = sick_leave_cases(certs, date.fromisoformat(day), settings)
    assert len(cases) == 1, cases
    return cases[0]


def test_one_day_gap_joins_two_certificates_without_counting_the_gap_day():
    """§7: the next joins if start <= end + maxGap + 1; days = union of periods (gap not counted).
    1-10 March and 12-20 March: 10 + 9 = 19 days, start 1 March, end 20 March."""
    case = only_case([cert("2026-03-01", "2026-03-10"), cert("2026-03-12", "2026-03-20")],
                     "2026-03-15")
    assert (case.start, case.end, case.days) == (date(2026, 3, 1), date(2026, 3, 20), 19)
    assert len(case.certificates) == 2


def test_overlapping_certificates_count_each_day_once():
    """§7: 1-10 and 5-15 March overlap on 6 days: 15 distinct days."""
    case = only_case([cert("2026-03-01", "2026-03-10"), cert("2026-03-05", "2026-03-15")],
                     "2026-03-06")
    assert case.days == 15


def test_no_case_when_the_day_falls_inside_a_gap():
    """§7: a patient is kept only with an active or recently ended certificate."""
    certs = [cert("2026-03-01", "2026-03-10"), cert("2026-03-14", "2026-03-20")]
    assert sick_leave_cases(certs, date(2026, 3, 12), DEFAULT) == []


def test_chain_breaks_when_the_gap_is_longer_than_max_gap():
    """§7 maxGap 5: end 10 March reaches a start on 16 March (10 + 5 + 1), not on 17 March."""
    joined = only_case([cert("2026-03-01", "2026-03-10"), cert("2026-03-16", "2026-03-20")],
                       "2026-03-18")
    broken = only_case([cert("2026-03-01", "2026-03-10"), cert("2026-03-17", "2026-03-20")],
                       "2026-03-18")
    assert len(joined.certificates) == 2 and joined.days == 15
    assert len(broken.certificates) == 1 and broken.days == 4


def test_walking_left_and_right_collects_the_whole_chain():
    """§7: from the active certificate, walk right and left, continuing from each new end."""
    certs = [cert("2026-02-01", "2026-02-10"), cert("2026-02-14", "2026-02-28"),
             cert("2026-03-01", "2026-03-10", signed=5), cert("2026-03-13", "2026-03-31"),
             cert("2026-04-03", "2026-04-05"), cert("2026-04-20", "2026-04-30")]
    case = only_case(certs, "2026-03-05")
    assert (case.start, case.end) == (date(2026, 2, 1), date(2026, 4, 5))
    assert case.days == 10 + 15 + 10 + 19 + 3
    assert len(case.certificates) == 5


def test_max_gap_zero_needs_the_next_day_exactly():
    """§7 maxGap 0: end 10 March joins only a start on 11 March."""
    zero = SjukfallSettings.checked(max_gap=0)
    assert len(only_case([cert("2026-03-01", "2026-03-10"), cert("2026-03-11", "2026-03-12")],
                         "2026-03-11", zero).certificates) == 2
    assert len(only_case([cert("2026-03-01", "2026-03-10"), cert("2026-03-12", "2026-03-13")],
                         "2026-03-12", zero).certificates) == 1


def test_max_gap_90_bridges_a_90_day_gap():
    """§7 maxGap 90: end 1 January reaches a start on 2 April (1 Jan + 91 days), not 3 April."""
    ninety = SjukfallSettings.checked(max_gap=90)
    assert len(only_case([cert("2026-01-01", "2026-01-01"), cert("2026-04-02", "2026-04-05")],
                         "2026-04-03", ninety).certificates) == 2
    assert len(only_case([cert("2026-01-01", "2026-01-01"), cert("2026-04-03", "2026-04-05")],
                         "2026-04-04", ninety).certificates) == 1


def test_recently_ended_case_stays_for_max_days_since_ended():
    """§7: ended recently if end < D and end + maxDaysSinceEnded + 1 > D."""
    certs = [cert("2026-03-01", "2026-03-10")]
    assert sick_leave_cases(certs, date(2026, 3, 11), DEFAULT) == []
    fourteen = SjukfallSettings.checked(max_days_since_ended=14)
    assert len(sick_leave_cases(certs, date(2026, 3, 24), fourteen)) == 1
    assert sick_leave_cases(certs, date(2026, 3, 25), fourteen) == []


@pytest.mark.parametrize(("gap", "ended"), [(-1, 0), (91, 0), (5, -1), (5, 15)])
def test_settings_are_refused_when_out_of_range(gap, ended):
    """§7: maxGap 0-90, maxDaysSinceEnded 0-14; a negative value is a clear error."""
    with pytest.raises(InvalidInputError) as refused:
        SjukfallSettings.checked(max_gap=gap, max_days_since_ended=ended)
    assert refused.value.issues[0].field in {"maxGap", "maxDaysSinceEnded"}


def test_active_certificate_is_the_latest_signed_and_gives_diagnosis_and_degrees():
    """§7: "the" active certificate is the active one with the latest signing time."""
    older = cert("2026-03-01", "2026-03-20", degree=100, signed=1)
    newer = cert("2026-03-05", "2026-03-25", degree=50, signed=3,
                 diagnoses=("M54", "F32"), doctor="D2")
    case = only_case([older, newer], "2026-03-10")
    assert case.active_certificate == newer.id and case.doctor == "D2"
    assert (case.diagnosis, case.secondary_diagnoses) == ("M54", ("F32",))
    assert case.degrees == (50,) and case.degree_today == 50 and case.days_until_end == 15


def test_certificates_are_left_out_when_revoked_test_smittskydd_or_without_diagnosis():
    """§7 input: signed, not revoked lisjp/fk7263 with a diagnosis, without smittskydd."""
    day = "2026-03-05"
    for excluded in (dict(revoked=True), dict(test=True), dict(smittskydd=True),
                     dict(diagnoses=()), dict(type_id="ag7804")):
        assert sick_leave_cases([cert("2026-03-01", "2026-03-10", **excluded)],
                                date.fromisoformat(day), DEFAULT) == []
    assert len(sick_leave_cases([cert("2026-03-01", "2026-03-10", type_id="fk7263")],
                                date.fromisoformat(day), DEFAULT)) == 1
