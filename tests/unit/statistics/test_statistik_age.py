"""DOMAIN.md §8 correction: a patient's age on a certificate is the age on the last day of its
sick leave (the end of its latest period), not on the signing day."""

from __future__ import annotations

from datetime import date

from projections.statistik import fact
from tests.factories.statistics import UNIT, UNIT_SCOPE, YEAR_2024, report_of, table


def _redacted(born: date, signed: date, *periods: tuple[date, date]) -> dict[str, object]:
    """A signed lisjp's document as the statistik view keeps it."""
    return {
        "id": "cert-1", "type": "lisjp", "revoked": False, "children": [],
        "signed_at": f"{signed.isoformat()}T09:00:00+00:00", "signer": {"hsa_id": "D1"},
        "patient": {"pseudonym": "p1", "sex": "F", "birth_date": born.isoformat(),
                    "test_indicated": False},
        "care_unit": {"hsa_id": UNIT, "care_giver_hsa_id": "G1", "lan": "01"},
        "content": {"facts": {"diagnosis": "F32", "periods": [
            {"degree": 100, "start": start.isoformat(), "end": end.isoformat()}
            for start, end in periods]}},
    }


def test_age_is_taken_on_the_last_day_of_the_sick_leave_when_a_birthday_falls_inside_it():
    """§8: born 10 April 1983, signed 1 March 2024 (aged 40), sick leave to 30 April 2024 (aged
    41). Hand-computed: age 41, so the case counts in 41-45 and not in 36-40."""
    doc = _redacted(date(1983, 4, 10), date(2024, 3, 1),
                    (date(2024, 3, 1), date(2024, 3, 31)), (date(2024, 4, 1), date(2024, 4, 30)))
    found = fact(doc)
    assert found.age == 41
    ages = table(report_of([found], "sjukfall-per-aldersgrupp", UNIT_SCOPE, YEAR_2024))
    assert (ages["36-40"], ages["41-45"]) == ((0, 0, 0), (1, 0, 1))


def test_age_is_taken_on_the_signing_day_when_the_certificate_has_no_period():
    """§8: a certificate without a sick-leave period (another type) is aged on its signing day:
    born 10 April 1983, signed 1 March 2024 -> 40."""
    doc = _redacted(date(1983, 4, 10), date(2024, 3, 1)) | {"type": "ag7804"}
    assert fact(doc).age == 40


def test_the_published_age_is_counted_as_it_is_when_a_version_3_message_carries_one():
    """A version 3 message publishes the age on the last day of the sick leave (DOMAIN.md
    section 8, computed by the relay): the view counts that number and does not count again,
    so a rebuild after ``intyg forget`` is the same by construction."""
    doc = _redacted(date(1983, 4, 10), date(2024, 3, 1), (date(2024, 3, 1), date(2024, 4, 30)))
    patient = {key: value for key, value in dict(doc["patient"]).items()
               if key != "birth_date"}
    assert fact(doc | {"patient": patient | {"age": 41}}).age == 41
    assert fact(doc | {"patient": patient | {"age": 39}}).age == 39
