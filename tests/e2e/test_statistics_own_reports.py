"""Intygsstatistik's own reports over HTTP (DOMAIN.md §8, "egna rapporter"): a filter set shared
under a short stable id and taken by every care-giver and region report as ``?filter=<id>``,
every report exported as CSV or XLSX (read back here), the report catalogue, and who may see
what per level."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from api.http.openapi import XLSX
from domain.shared.care import Role
from tests.e2e.read_models import bearer, citizen_bearer
from tests.factories import care_unit, lisjp_content, patient, personnummer, staff_at
from tests.flows import sign

DEGREE = "sjukfall-per-sjukskrivningsgrad"
PROBLEM = "application/problem+json"


@pytest.fixture
def ledger(world):
    """One unit in län 01 with 3 cases at 50 % and 2 at 75 %, seen by the statistics view."""
    settings, clock, client, app = world
    unit = care_unit("01")
    doctor = staff_at(unit)
    for degree in ("HALFTEN", "HALFTEN", "HALFTEN", "TRE_FJARDEDEL", "TRE_FJARDEDEL"):
        _sick_leave(app, unit, doctor, degree)
    assert client.app.state.projections.wait_for("statistik", app.recorder.max_notification_id())
    return settings, clock, client, app, unit, doctor


def _sick_leave(app, unit, doctor, degree: str) -> None:
    """A signed lisjp of a new patient: 20 days from two days ago at ``degree``."""
    start = app.clock().date() - timedelta(days=2)
    period = {"from": start.isoformat(), "tom": (start + timedelta(days=19)).isoformat()}
    content = lisjp_content(app.clock().date(), sjukskrivningar=[
        {"sjukskrivningsgrad": degree, "period": period}])
    sign(app, app.create_draft(type_id="lisjp", patient=patient(), care_unit=unit,
                               author=doctor, content=content).id, doctor)


def _totals(answer) -> dict[str, object]:
    assert answer.status_code == 200, answer.text
    return {row["key"]: row["values"][2] for row in answer.json()["rows"]}


def _filters(unit) -> str:
    return f"/v1/statistik/care_giver/filters?id={unit.care_giver_hsa_id}"


def _share(client, auth, body, unit) -> str:
    answer = client.post(_filters(unit), json=body, headers=auth)
    assert answer.status_code == 201, answer.text
    return str(answer.json()["id"])


def test_report_takes_a_shared_filter_set_by_its_id_when_care_giver(ledger):
    """§8 own reports: the set's degree 50 leaves the 3 half-time cases; a degree the request
    names replaces the set's (the 2 cases at 75 %)."""
    settings, clock, client, _, unit, doctor = ledger
    auth = bearer(settings, doctor, clock)
    filter_id = _share(client, auth, {"degrees": [50]}, unit)
    path = f"/v1/statistik/care_giver/reports/{DEGREE}?id={unit.care_giver_hsa_id}"
    shared = _totals(client.get(f"{path}&filter={filter_id}", headers=auth))
    assert (shared["50"], shared["75"]) == (3, 0)
    replaced = _totals(client.get(f"{path}&filter={filter_id}&degree=75", headers=auth))
    assert (replaced["50"], replaced["75"]) == (0, 2)


def test_shared_filter_set_keeps_its_id_and_its_months_when_shared_again(ledger):
    """The same set in another order is the same id; its period (months of 2020) counts none of
    this year's cases."""
    settings, clock, client, _, unit, doctor = ledger
    auth = bearer(settings, doctor, clock)
    first = _share(client, auth, {"sex": ["M", "F"], "from": "2020-01", "to": "2020-12"}, unit)
    again = client.post(_filters(unit), headers=auth,
                        json={"to": "2020-12", "from": "2020-01", "sex": ["F", "M"]})
    assert again.json()["id"] == first and again.json()["created"] is False
    path = f"/v1/statistik/care_unit/reports/{DEGREE}?id={unit.hsa_id}&filter={first}"
    assert set(_totals(client.get(path, headers=auth)).values()) == {0}
    read = client.get(f"/v1/statistik/care_unit/filters/{first}?id={unit.hsa_id}",
                      headers=auth)
    assert read.json()["filters"]["from"] == "2020-01"


@pytest.mark.parametrize("filter_id", ["aaaaaaaaaaaaaaaa", "no-such-set"])
def test_unknown_filter_id_is_a_404_problem_when_a_report_names_it(ledger, filter_id):
    settings, clock, client, _, unit, doctor = ledger
    auth = bearer(settings, doctor, clock)
    path = f"/v1/statistik/care_giver/reports/{DEGREE}?id={unit.care_giver_hsa_id}"
    answer = client.get(f"{path}&filter={filter_id}", headers=auth)
    assert answer.status_code == 404
    assert answer.headers["content-type"] == PROBLEM
    read = f"/v1/statistik/care_giver/filters/{filter_id}?id={unit.care_giver_hsa_id}"
    assert client.get(read, headers=auth).status_code == 404


def test_filter_sets_are_shared_only_by_those_who_see_the_scope(ledger):
    """Authorisation per level: the scope's own staff (care giver, unit) or a token listing the
    län (region) may store a set; no token, a citizen's, another care giver's, a region not
    listed are refused; a set outside the catalogue is a 422 problem."""
    settings, clock, client, _, unit, doctor = ledger
    body = {"degrees": [50]}
    assert client.post(_filters(unit), json=body).status_code == 401
    citizen = citizen_bearer(settings, personnummer(), clock)
    assert client.post(_filters(unit), json=body, headers=citizen).status_code == 401
    stranger = bearer(settings, staff_at(care_unit()), clock)
    assert client.post(_filters(unit), json=body, headers=stranger).status_code == 403
    region = "/v1/statistik/region/filters?id=01"
    own = bearer(settings, doctor, clock)
    assert client.post(region, json=body, headers=own).status_code == 403
    assert client.post(region, json=body,
                       headers=_region_token(settings, doctor, ["01"])).status_code == 201
    refused = client.post(_filters(unit), json={"degrees": [33]}, headers=own)
    assert refused.status_code == 422 and refused.headers["content-type"] == PROBLEM


def test_shared_filter_opens_no_scope_when_the_token_is_of_another_care_giver(ledger):
    """Authorisation per level (allowed and denied): the id narrows a report, never widens who
    sees it. Care giver and unit: own staff only; region: a token listing the län only."""
    settings, clock, client, _, unit, doctor = ledger
    own = bearer(settings, doctor, clock)
    stranger_unit = care_unit()
    stranger = bearer(settings, staff_at(stranger_unit), clock)
    filter_id = _share(client, stranger, {"degrees": [50]}, stranger_unit)
    giver = f"/v1/statistik/care_giver/reports/{DEGREE}?id={unit.care_giver_hsa_id}" \
            f"&filter={filter_id}"
    assert client.get(giver, headers=own).status_code == 200
    assert client.get(giver, headers=stranger).status_code == 403
    assert client.get(giver).status_code == 401
    unit_path = f"/v1/statistik/care_unit/reports/{DEGREE}?id={unit.hsa_id}&filter={filter_id}"
    assert _totals(client.get(unit_path, headers=own))["50"] == 3
    assert client.get(unit_path, headers=stranger).status_code == 403
    region = f"/v1/statistik/region/reports/{DEGREE}?id=01&filter={filter_id}"
    assert client.get(region, headers=own).status_code == 403
    lead = _region_token(settings, doctor, ["01"])
    assert _totals(client.get(region, headers=lead))["50"] == 0  # 3 < 5: suppressed


def _region_token(settings, staff, regions):
    import jwt

    from tests.factories import token_times

    claims = {"sub": staff.hsa_id, "name": staff.name, "role": staff.role.value,
              "care_unit": staff.care_unit_hsa_id, "care_giver": staff.care_giver_hsa_id,
              "iss": settings.jwt_issuer, "statistics_regions": regions, **token_times()}
    return {"Authorization": "Bearer " + jwt.encode(
        claims, settings.jwt_secret.get_secret_value(), algorithm="HS256")}


def test_report_reads_back_the_same_from_csv_and_xlsx_when_exported(ledger):
    """Export: the file holds the JSON table's labels and numbers, under Swedish headers."""
    settings, clock, client, _, unit, doctor = ledger
    auth = bearer(settings, doctor, clock)
    path = f"/v1/statistik/care_unit/reports/{DEGREE}?id={unit.hsa_id}"
    rows = client.get(path, headers=auth).json()["rows"]
    expected = [[row["label"], *row["values"]] for row in rows]
    as_csv = client.get(f"{path}&format=csv", headers=auth)
    assert as_csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert f'filename="{DEGREE}.csv"' in as_csv.headers["content-disposition"]
    header, *lines = csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig")))
    assert header == ["Grupp", "Kvinnor", "Män", "Totalt"]
    assert [[line[0], *map(int, line[1:])] for line in lines] == expected
    as_xlsx = client.get(path, headers={**auth, "Accept": XLSX})
    assert as_xlsx.headers["content-type"] == XLSX
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    cells = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert cells[0][0] == "Antal sjukfall per sjukskrivningsgrad"
    assert cells[1] == ["Grupp", "Kvinnor", "Män", "Totalt"]
    assert cells[2:] == expected


def test_national_report_is_exported_as_xlsx_when_asked_by_format(ledger):
    *_, client, _, _, _ = ledger
    answer = client.get("/v1/statistik/national/reports/intyg-per-typ?format=xlsx")
    assert answer.status_code == 200 and answer.headers["content-type"] == XLSX
    sheet = load_workbook(io.BytesIO(answer.content)).active
    assert sheet["A1"].value == "Antal intyg per intygstyp"


def test_catalogue_lists_every_report_with_title_levels_and_filters(world):
    _, _, client, _ = world
    catalogue = {entry["id"]: entry for entry in client.get("/v1/statistik/reports").json()}
    assert catalogue["sjukfall-per-lakare"]["levels"] == ["care_giver", "care_unit"]
    assert catalogue["sjukfall-per-lakare"]["title"] == "Antal sjukfall per läkare"
    assert catalogue["intyg-per-typ"]["filters"] == ["period"]
    assert "diagnoses" in catalogue["sjukfall-per-manad"]["filters"]
    assert catalogue["sjukfall-per-enhet-per-1000-listade"]["levels"] == ["region"]


def test_doctor_report_is_unknown_when_asked_nationally(world):
    _, _, client, _ = world
    answer = client.get("/v1/statistik/national/reports/sjukfall-per-lakare")
    assert answer.status_code == 404 and answer.headers["content-type"] == PROBLEM


def test_region_counts_per_1000_listed_from_the_uploaded_unit_list(ledger):
    """§8 region level: 5 cases (women and men as the personnummer fall) on a unit of 2,000
    listed patients: 2.50 per 1000 in total."""
    settings, clock, client, _, unit, _ = ledger
    lead = staff_at(unit, Role.STATISTICS_LEAD)
    upload = client.post("/v1/statistik/unit-list", content=f"hsaId,listedPatients\n"
                         f"{unit.hsa_id},2000\n".encode(),
                         headers={**bearer(settings, lead, clock), "Content-Type": "text/csv"})
    assert upload.status_code == 201, upload.text
    path = "/v1/statistik/region/reports/sjukfall-per-enhet-per-1000-listade?id=01"
    found = client.get(path, headers=_region_token(settings, lead, ["01"]))
    assert found.status_code == 200, found.text
    row = found.json()["rows"][0]
    assert row["key"] == unit.hsa_id
    women, men, _ = row["values"]
    assert row["values"][2] == pytest.approx(round(women + men, 2))
    assert client.get(path, headers=bearer(settings, lead, clock)).status_code == 403
