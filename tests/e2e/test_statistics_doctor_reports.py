"""DOMAIN.md §8 care giver level: cases per the signing doctor's sex, age group and title, from
the HSA attributes of the signer, through the statistics view to the API. A certificate signed
by a doctor without them counts as unknown; the reports are not given nationally."""

from __future__ import annotations

from datetime import timedelta

from domain.shared.staff_attributes import StaffAttributes
from tests.e2e.read_models import bearer
from tests.factories import care_unit, lisjp_content, patient, staff_at
from tests.flows import sign


def _sick_leave(app, unit, doctor) -> None:
    """A signed lisjp of a new patient: 20 days from two days ago."""
    start = app.clock().date() - timedelta(days=2)
    period = {"from": start.isoformat(), "tom": (start + timedelta(days=19)).isoformat()}
    content = lisjp_content(app.clock().date(), sjukskrivningar=[
        {"sjukskrivningsgrad": "HALFTEN", "period": period}])
    sign(app, app.create_draft(type_id="lisjp", patient=patient(), care_unit=unit,
                               author=doctor, content=content).id, doctor)


def _totals(answer) -> dict[str, object]:
    assert answer.status_code == 200, answer.text
    return {row["key"]: row["values"][2] for row in answer.json()["rows"]}


def test_cases_count_by_the_signers_hsa_sex_age_and_title_when_care_giver(world):
    """Two cases by a woman specialist of 45, one by a man AT doctor of 27, one by a doctor
    whose token had no HSA attributes (unknown in each report)."""
    settings, clock, client, app = world
    unit = care_unit("01")
    year = app.clock().date().year
    senior = staff_at(unit, attributes=StaffAttributes(sex="F", birth_year=year - 45,
                                                       title="specialistlakare"))
    junior = staff_at(unit, attributes=StaffAttributes(sex="M", birth_year=year - 27,
                                                       title="at-lakare"))
    for doctor in (senior, senior, junior, staff_at(unit)):
        _sick_leave(app, unit, doctor)
    assert client.app.state.projections.wait_for("statistik", app.recorder.max_notification_id())
    auth = bearer(settings, senior, clock)
    path = "/v1/statistik/care_giver/reports/{}?id=" + unit.care_giver_hsa_id
    assert _totals(client.get(path.format("sjukfall-per-lakarens-kon"), headers=auth)) == {
        "F": 2, "M": 1, "unknown": 1}
    ages = _totals(client.get(path.format("sjukfall-per-lakarens-alder"), headers=auth))
    assert ages == {"<30": 1, "30-39": 0, "40-49": 2, "50-59": 0, ">59": 0, "unknown": 1}
    titles = _totals(client.get(path.format("sjukfall-per-lakarbefattning"), headers=auth))
    assert titles == {"overlakare": 0, "specialistlakare": 2, "st-lakare": 0,
                      "legitimerad-lakare": 0, "at-lakare": 1, "lakare": 0, "unknown": 1}
    national = client.get("/v1/statistik/national/reports/sjukfall-per-lakarbefattning")
    assert national.status_code == 404
