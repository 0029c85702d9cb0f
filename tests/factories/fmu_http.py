"""FMU over HTTP: the routes' prefixes and an investigation brought to a step through the API
(Försäkringskassan's request, the internal request accepted, the unit assigned), with the
dates of ``tests.factories.fmu`` (the clock starts Monday 2 November 2026)."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.factories import fmu, personnummer

FK = "/v1/fmu/authority"
SA = "/v1/fmu/coordinator/investigations"
VA = "/v1/fmu/unit/investigations"
PERFORMER = {"type": "ENHET", "name": "Utredningsenheten", "address": "Storgatan 1",
             "postnummer": "11122", "postort": "Stockholm", "startsOn": "2026-11-02"}


def ok(response: Any, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


def requested(client: TestClient, fk: dict[str, str], region: str = fmu.REGION) -> str:
    body = {"certificateType": "AFU", "coordinatingCountyCouncilId": region,
            "lastResponseDate": "2026-11-04"}
    return str(ok(client.post(f"{FK}/assessments", json=body, headers=fk), 201)["id"])


def assigned(client: TestClient, settings: Any, fk: dict[str, str], *,
             region: str = fmu.REGION, unit: str = fmu.REGION_UNIT,
             starts_on: str = "2026-11-02") -> str:
    inv = requested(client, fk, region)
    sa, va = fmu.coordinator_auth(settings, region), fmu.unit_auth(settings, unit, region)
    ok(client.post(f"{SA}/{inv}/units-asked", json={"units": [unit]}, headers=sa))
    performer = {**PERFORMER, "startsOn": starts_on}
    ok(client.post(f"{VA}/{inv}/answer", json={"answer": "ACCEPTERA", "performer": performer},
                   headers=va))
    ok(client.post(f"{SA}/{inv}/assignment", json={"unit": unit}, headers=sa))
    return inv


def order(inv: str | None, **changes: Any) -> dict[str, Any]:
    return {"assessmentId": inv, "certificateType": "AFU", "careUnitId": fmu.REGION_UNIT,
            "lastDateForCertificateReceival": "2026-12-11",
            "citizen": {"personnummer": personnummer()}, "documentsByPost": True, **changes}


VISIT = {"visitId": "v1", "start": "2026-11-16T09:00:00+00:00",
         "end": "2026-11-16T10:00:00+00:00", "profession": "LK", "summonsChannel": "TELEFON",
         "summonedOn": "2026-11-05"}
