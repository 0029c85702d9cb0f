"""DOMAIN.md §8 Intygsstatistik: cases by the signing doctor's sex, age group and title
(befattning) at care giver level, from the HSA attributes the signer carried, with
hand-computed tables. A case takes its doctor from its latest certificate; a certificate signed
without the attributes counts as unknown (okänt)."""

from __future__ import annotations

from datetime import date

import pytest

from domain.shared.staff_attributes import StaffAttributes
from domain.statistics.facts import Scope, ScopeLevel
from projections.statistik.reports import NoSuchReportError
from projections.statistik.view import fact
from tests.factories.statistics import (
    GIVER,
    NATIONAL,
    OTHER_UNIT,
    REGION_01,
    UNIT_SCOPE,
    YEAR_2024,
    certificate,
    period,
    report_of,
    table,
)

CARE_GIVER = Scope(level=ScopeLevel.CARE_GIVER, id=GIVER)
MARCH = period(date(2024, 3, 1), date(2024, 3, 20))
SIGNED = date(2024, 3, 1)


def cases(count: int, sex: str, **fields: object):
    return [certificate(MARCH, sex=sex, **fields) for _ in range(count)]


def test_cases_per_doctor_sex_count_unknown_for_certificates_signed_without_hsa_sex():
    """§8 care giver level, split by the patient's sex, not suppressed: 3 cases by women
    doctors (2 women, 1 man), 4 by men doctors (men patients), 1 without the attribute."""
    facts = (cases(2, "F", doctor_sex="F") + cases(1, "M", doctor_sex="F")
             + cases(4, "M", doctor_sex="M") + cases(1, "F"))
    found = report_of(facts, "sjukfall-per-lakarens-kon", CARE_GIVER, YEAR_2024)
    assert table(found) == {"F": (2, 1, 3), "M": (0, 4, 4), "unknown": (1, 0, 1)}
    assert [row.label for row in found.rows] == ["Kvinnlig läkare", "Manlig läkare",
                                                 "Okänt kön"]


def test_cases_per_doctor_age_fall_in_the_five_groups_on_their_edges():
    """§8 doctor age <30, 30-39, 40-49, 50-59, >59: ages 29, 30, 49, 59, 60 and 61, and one
    certificate signed without a year of birth (okänt)."""
    facts = [certificate(MARCH, sex="F", doctor_age=age) for age in (29, 30, 49, 59, 60)]
    facts += [certificate(MARCH, sex="M", doctor_age=61), certificate(MARCH, doctor_age=None)]
    found = report_of(facts, "sjukfall-per-lakarens-alder", CARE_GIVER, YEAR_2024)
    assert table(found) == {"<30": (1, 0, 1), "30-39": (1, 0, 1), "40-49": (1, 0, 1),
                            "50-59": (1, 0, 1), ">59": (1, 1, 2), "unknown": (1, 0, 1)}


def test_cases_per_doctor_title_list_every_title_in_order_and_unknown_last():
    facts = (cases(2, "F", doctor_title="specialistlakare")
             + cases(1, "M", doctor_title="at-lakare")
             + cases(3, "M", doctor_title="st-lakare") + cases(1, "M"))
    found = report_of(facts, "sjukfall-per-lakarbefattning", CARE_GIVER, YEAR_2024)
    assert table(found) == {
        "overlakare": (0, 0, 0), "specialistlakare": (2, 0, 2), "st-lakare": (0, 3, 3),
        "legitimerad-lakare": (0, 0, 0), "at-lakare": (0, 1, 1), "lakare": (0, 0, 0),
        "unknown": (0, 1, 1)}
    assert found.rows[-1].label == "Okänd befattning"


def test_a_case_takes_the_doctor_of_its_latest_certificate():
    """§8: the doctor of a case comes from its latest certificate. One patient: a March
    certificate by a woman ST doctor of 31, renewed from the day after by a man, överläkare,
    of 62: one case, counted for the renewal's doctor only."""
    first = certificate(MARCH, doctor_sex="F", doctor_title="st-lakare", doctor_age=31)
    joined = period(date(2024, 3, 21), date(2024, 4, 10))
    renewal = certificate(joined, patient=first.patient, signed=date(2024, 3, 20),
                          doctor_sex="M", doctor_title="overlakare", doctor_age=62)
    facts = [first, renewal]
    assert table(report_of(facts, "sjukfall-per-lakarens-kon", CARE_GIVER, YEAR_2024)) == {
        "F": (0, 0, 0), "M": (1, 0, 1), "unknown": (0, 0, 0)}
    titles = table(report_of(facts, "sjukfall-per-lakarbefattning", CARE_GIVER, YEAR_2024))
    assert (titles["overlakare"], titles["st-lakare"]) == ((1, 0, 1), (0, 0, 0))
    ages = table(report_of(facts, "sjukfall-per-lakarens-alder", CARE_GIVER, YEAR_2024))
    assert (ages[">59"], ages["30-39"]) == ((1, 0, 1), (0, 0, 0))


def test_doctor_sex_and_title_reports_count_per_unit_at_unit_level():
    facts = cases(2, "F", doctor_sex="F") + cases(3, "F", doctor_sex="F", care_unit=OTHER_UNIT)
    found = report_of(facts, "sjukfall-per-lakarens-kon", UNIT_SCOPE, YEAR_2024)
    assert table(found)["F"] == (2, 0, 2)


def test_doctor_sex_and_title_reports_are_unknown_when_national_or_region():
    """Reports on the care giver's own doctors are not given at the open levels."""
    for name in ("sjukfall-per-lakarens-kon", "sjukfall-per-lakarbefattning"):
        for scope in (NATIONAL, REGION_01):
            with pytest.raises(NoSuchReportError):
                report_of(cases(5, "F", doctor_sex="F"), name, scope, YEAR_2024)


def _signed_doc(signer: dict[str, object]) -> dict[str, object]:
    """A redacted statistik document of a lisjp signed on SIGNED by this signer."""
    return {"id": "c1", "type": "lisjp", "signed_at": f"{SIGNED.isoformat()}T10:00:00+00:00",
            "patient": {"pseudonym": "p1", "sex": "F", "age": 40, "test_indicated": False},
            "care_unit": {"hsa_id": "SE2321000016-U1", "care_giver_hsa_id": GIVER, "lan": "01"},
            "content": {"facts": {"diagnosis": "F32", "periods": []}},
            "children": [], "revoked": False, "signer": signer}


def test_the_fact_takes_the_signers_hsa_attributes_with_the_age_in_the_signing_year():
    """The doctor's age is the signing year less the year of birth (the year is all HSA's
    attributes carry here)."""
    found = fact(_signed_doc({"hsa_id": "SE2321000016-D1", "attributes": {
        "sex": "M", "birth_year": 1994, "title": "legitimerad-lakare"}}))
    assert (found.doctor, found.doctor_sex, found.doctor_age, found.doctor_title) == (
        "SE2321000016-D1", "M", 30, "legitimerad-lakare")


@pytest.mark.parametrize("attributes", [None, {}, {"title": "tandläkare"},
                                        {"birth_year": 2010}, {"sex": "X"}])
def test_a_signer_without_valid_hsa_attributes_leaves_the_doctor_unknown(attributes):
    """Certificates signed before the attributes existed, or with a value outside the code
    lists or no plausible doctor's age (14 years), count as unknown, never fail the view."""
    signer: dict[str, object] = {"hsa_id": "SE2321000016-D1"}
    if attributes is not None:
        signer["attributes"] = attributes
    found = fact(_signed_doc(signer))
    assert (found.doctor, found.doctor_sex, found.doctor_age, found.doctor_title) == (
        "SE2321000016-D1", None, None, None)


def test_the_doctor_age_is_unknown_outside_the_ages_a_doctor_is_counted_at():
    assert StaffAttributes(birth_year=2007).age_on(SIGNED) is None  # 17
    assert StaffAttributes(birth_year=2006).age_on(SIGNED) == 18
    assert StaffAttributes(birth_year=1923).age_on(SIGNED) is None  # 101
