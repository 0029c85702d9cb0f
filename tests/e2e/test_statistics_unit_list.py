"""Intygsstatistik's region level (DOMAIN.md §8, "per 1000 listed patients"): the region's
statistics lead uploads the unit list as CSV, each upload a new version; a faulty file is a 422
naming each fault's row and column and stores nothing; only the lead's role may upload or read,
and only the list of the care giver in the token."""

from __future__ import annotations

from typing import Any

import pytest

from domain.shared.care import CareUnit, Role, Staff
from tests.e2e.conftest import token_for
from tests.factories import care_unit, staff_at

URL = "/v1/statistik/unit-list"
CSV_HEADERS = {"Content-Type": "text/csv; charset=utf-8"}


@pytest.fixture
def lead(unit: CareUnit) -> Staff:
    return staff_at(unit, Role.STATISTICS_LEAD)


@pytest.fixture
def lead_auth(store_settings, lead: Staff, clock) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_for(store_settings, lead, clock)}", **CSV_HEADERS}


def _file(unit: CareUnit, *rows: tuple[str, int], header: str = "hsaId,listedPatients") -> bytes:
    return "\n".join([header, *(f"{hsa_id},{count}" for hsa_id, count in rows)]).encode()


def _own(unit: CareUnit, suffix: str) -> str:
    """An HSA id of another unit of the same care giver (same issuing organisation)."""
    return f"{unit.care_giver_hsa_id.partition('-')[0]}-{suffix}"


def test_lead_uploads_the_unit_list_when_the_file_is_valid(client, unit, lead, lead_auth):
    """§8 region level: per unit per 1000 listed patients, from the lead's unit list."""
    body = _file(unit, (unit.hsa_id, 12400), (_own(unit, "E777"), 0))
    response = client.post(URL, content=body, headers=lead_auth)
    assert response.status_code == 201, response.text
    found = response.json()
    assert found["version"] == 1 and found["careGiver"] == unit.care_giver_hsa_id
    assert found["uploadedBy"] == lead.hsa_id and found["position"] > 0
    assert found["units"] == [{"hsaId": unit.hsa_id, "listedPatients": 12400},
                              {"hsaId": _own(unit, "E777"), "listedPatients": 0}]


def test_every_upload_is_a_new_version_when_uploaded_again(client, unit, lead_auth):
    client.post(URL, content=_file(unit, (unit.hsa_id, 100)), headers=lead_auth)
    second = client.post(URL, content=_file(unit, (unit.hsa_id, 250), header="HSA-id;Antal")
                         .replace(b",", b";").replace(b"Antal", b"Antal listade patienter"),
                         headers=lead_auth)
    assert second.status_code == 201, second.text
    current = client.get(URL, headers=lead_auth).json()
    assert current["version"] == 2
    assert current["units"] == [{"hsaId": unit.hsa_id, "listedPatients": 250}]


def test_each_fault_is_named_by_row_and_column_when_the_file_is_faulty(client, unit, lead_auth):
    body = _file(unit, (unit.hsa_id, 5), (unit.hsa_id, 7), ("SE9990000000-E1", 3)) + \
        b"\nnot-an-id,many\n"
    response = client.post(URL, content=body, headers=lead_auth)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    errors = [(e["field"], e["code"]) for e in response.json()["errors"]]
    assert errors == [("row[3].hsaId", "DUPLICATE"), ("row[4].hsaId", "INVALID_VALUE"),
                      ("row[5].hsaId", "INVALID_FORMAT"),
                      ("row[5].listedPatients", "INVALID_VALUE")]
    assert "Row 4, column 1" in response.json()["errors"][1]["message"]


def test_nothing_is_stored_when_the_file_is_faulty(client, unit, lead_auth):
    client.post(URL, content=_file(unit, (unit.hsa_id, 100)), headers=lead_auth)
    refused = client.post(URL, content=_file(unit, (unit.hsa_id, -1)), headers=lead_auth)
    assert refused.status_code == 422
    assert client.get(URL, headers=lead_auth).json()["version"] == 1


@pytest.mark.parametrize("body", [b"", b"\xff\xfe\x00", b"hsaId,listedPatients\n",
                                  b'{"hsaId": "x"}', b"a,b,c\n1,2,3\n"])
def test_unreadable_file_is_refused_with_its_row_when_uploaded(client, lead_auth, body):
    response = client.post(URL, content=body, headers=lead_auth)
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"].startswith("row[")


def test_value_is_never_echoed_when_a_cell_is_refused(client, unit, lead_auth):
    """A personnummer pasted into the file by mistake is not repeated in the answer."""
    response = client.post(URL, content=_file(unit, ("19121212-1212", 3)), headers=lead_auth)
    assert response.status_code == 422
    assert "1212" not in response.text


def test_no_list_is_not_found_when_the_region_has_uploaded_none(client, lead_auth):
    assert client.get(URL, headers=lead_auth).status_code == 404


@pytest.mark.parametrize("role", [Role.DOCTOR, Role.NURSE, Role.CARE_ADMIN, Role.DENTIST,
                                  Role.REHAB_COORDINATOR, Role.AUDIT_OFFICER])
def test_other_roles_are_refused_when_they_upload_or_read(client, store_settings, clock, unit,
                                                          role):
    staff = staff_at(unit, role)
    headers = {"Authorization": f"Bearer {token_for(store_settings, staff, clock)}",
               **CSV_HEADERS}
    upload = client.post(URL, content=_file(unit, (unit.hsa_id, 1)), headers=headers)
    assert upload.status_code == 403 and "HANTERA_LISTNINGAR" in upload.json()["detail"]
    assert client.get(URL, headers=headers).status_code == 403


def test_no_token_is_refused_when_uploading_or_reading(client, unit):
    assert client.post(URL, content=_file(unit, (unit.hsa_id, 1)),
                       headers=CSV_HEADERS).status_code == 401
    assert client.get(URL).status_code == 401


def test_lead_of_another_region_sees_only_its_own_when_reading(client, store_settings, clock,
                                                               unit, lead_auth):
    client.post(URL, content=_file(unit, (unit.hsa_id, 100)), headers=lead_auth)
    elsewhere = care_unit(hsa_id="SE2321000099-E100001", care_giver_hsa_id="SE2321000099-G1")
    token = token_for(store_settings, staff_at(elsewhere, Role.STATISTICS_LEAD), clock)
    headers: dict[str, Any] = {"Authorization": f"Bearer {token}", **CSV_HEADERS}
    assert client.get(URL, headers=headers).status_code == 404
    refused = client.post(URL, content=_file(unit, (unit.hsa_id, 100)), headers=headers)
    assert refused.status_code == 422  # the first region's unit is not the other's own
    assert refused.json()["errors"][0]["field"] == "row[2].hsaId"
