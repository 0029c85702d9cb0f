"""The world the fuzzer runs in: an embedded ledger with its read models, certificates in every
state at one care unit for one patient, a token per role, and the real ids the fuzzer puts into
paths, queries and bodies so that its requests reach state instead of 404."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from api.http.app import create_app
from api.http.routers.statistik import REPORTS
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from domain.shared.care import Role
from tests.e2e.read_models import bearer, citizen_bearer
from tests.factories import (
    FakeClock,
    care_unit,
    fmu,
    fmu_http,
    lisjp_content,
    personnummer,
    staff_at,
)
from tests.factories.http import REVOKE, UNIT_BODY, issue, recipient_auth
from tests.factories.orders import order_body
from tests.factories.questions import message
from tests.factories.samverkan_http import seeded_space
from tests.type_examples import MINIMAL, TODAY

ROLES = (*(role.value for role in Role), "stranger", "citizen", "recipient", "none",
         "fmu_coordinator", "fmu_unit")
"""Every staff role at the seeded unit, a doctor of another unit and care giver, a citizen (the
seeded patient), a recipient system (FKASSA), no token at all, and the region's FMU coordinator
and the unit's FMU vårdadmin (an investigation assigned to the unit, a visit booked)."""


@dataclass
class FuzzWorld:
    client: TestClient
    tokens: dict[str, dict[str, str]]
    known_path: dict[str, list[str]] = field(default_factory=dict)
    known_query: dict[str, list[str]] = field(default_factory=dict)
    known_body: dict[str, list[str]] = field(default_factory=dict)


def settings_in(data_dir: Path) -> Settings:
    """Embedded, read models running; a read that has to wait answers 503 at once."""
    return Settings(mode="embedded", data_dir=data_dir, projections_in_serve=True,
                    read_wait_seconds=0)


@contextmanager
def fuzz_world(data_dir: Path) -> Iterator[FuzzWorld]:
    settings, clock = settings_in(data_dir), FakeClock(TODAY)
    app = Certificates(eventsourcing_env(settings), clock=clock)
    try:
        with TestClient(create_app(settings, certificates_app=app),
                        raise_server_exceptions=False) as client:
            yield _seeded(client, settings, clock)
    finally:
        app.close()


def _seeded(client: TestClient, settings: Settings, clock: FakeClock) -> FuzzWorld:
    unit = care_unit()
    staff = {role.value: staff_at(unit, role) for role in Role}
    tokens = {name: bearer(settings, person, clock) for name, person in staff.items()}
    pnr = personnummer()
    tokens |= {"stranger": bearer(settings, staff_at(care_unit()), clock),
               "citizen": citizen_bearer(settings, pnr, clock),
               "recipient": recipient_auth(settings, clock), "none": {}}
    doctor = tokens["doctor"]
    ids, question_ids = _certificates(client, doctor, tokens["recipient"], pnr)
    ordered = client.post("/v1/recipient/orders", json=order_body(unit),
                          headers=recipient_auth(settings, clock, "AF"))
    assert ordered.status_code == 201, ordered.text
    region, investigation = unit.care_giver_hsa_id, _investigation(client, settings, unit)
    tokens |= {"fmu_coordinator": fmu.coordinator_auth(settings, region),
               "fmu_unit": fmu.unit_auth(settings, unit.hsa_id, region)}
    space = seeded_space(client, tokens["citizen"], staff["doctor"].hsa_id, doctor, ids[2])
    return FuzzWorld(
        client=client, tokens=tokens,
        known_path={"certificate_id": ids, "question_id": question_ids,
                    "unit_id": [unit.hsa_id], "personnummer": [pnr], "name": list(REPORTS),
                    "order_id": [ordered.json()["id"]],
                    "investigation_id": [investigation], "assessment_id": [investigation],
                    "visit_id": ["v1"], **space},
        known_query={"id": [unit.hsa_id, unit.care_giver_hsa_id, "01"],
                     "careUnit": [unit.hsa_id], "doctor": [staff["doctor"].hsa_id]},
        known_body={"certificateId": ids, "personnummer": [pnr], "unit": [unit.hsa_id],
                    "careUnitId": [unit.hsa_id], "assessmentId": [investigation],
                    "careContactId": ["v1"], "coordinatingCountyCouncilId": [region]},
    )


def _investigation(client: TestClient, settings: Settings, unit: Any) -> str:
    """An FMU investigation assigned to the unit, ordered, documents in, visit v1 booked."""
    fk = recipient_auth(settings, None)
    inv = fmu_http.assigned(client, settings, fk, region=unit.care_giver_hsa_id,
                            unit=unit.hsa_id, starts_on=TODAY.date().isoformat())
    order = fmu_http.order(inv, careUnitId=unit.hsa_id, documentsByPost=False)
    fmu_http.ok(client.post(f"{fmu_http.FK}/orders", json=order, headers=fk), 201)
    visit = {**fmu_http.VISIT, "start": "2026-12-10T09:00:00+00:00",
             "end": "2026-12-10T10:00:00+00:00", "summonedOn": "2026-11-30"}
    va = fmu.unit_auth(settings, unit.hsa_id, unit.care_giver_hsa_id)
    fmu_http.ok(client.post(f"{fmu_http.VA}/{inv}/visits", json=visit, headers=va))
    return inv


def _certificates(client: TestClient, doctor: dict[str, str], fk: dict[str, str],
                  pnr: str) -> tuple[list[str], list[str]]:
    """Drafts (incomplete, complete), signed, sent with questions both ways, revoked, and a
    signed death certificate (another patient: the register allows one)."""
    def draft(content: dict[str, Any]) -> str:
        body = {"type": "lisjp", "patient": {"personnummer": pnr}, "careUnit": UNIT_BODY,
                "content": content}
        created = client.post("/v1/certificates", json=body, headers=doctor)
        assert created.status_code == 201, created.text
        return str(created.json()["id"])

    incomplete, complete = draft({}), draft(lisjp_content(TODAY.date()))
    signed, sent, revoked = (issue(client, doctor, "lisjp", pnr=pnr) for _ in range(3))
    for cert_id in (sent, revoked):
        assert client.post(f"/v1/certificates/{cert_id}/send", headers=doctor,
                           json={"recipient": "FKASSA"}).status_code == 200
    asked = client.post("/v1/recipient/messages", headers=fk, json=message(sent, pnr))
    ours = client.post(f"/v1/certificates/{sent}/questions", headers=doctor,
                       json={"subject": "KONTKT", "text": "Ring oss"})
    assert (asked.status_code, ours.status_code) == (201, 201), (asked.text, ours.text)
    assert client.post(f"/v1/certificates/{revoked}/revoke", headers=doctor,
                       json=REVOKE).status_code == 200
    death = issue(client, doctor, "db", MINIMAL["db"]())
    questions = client.get(f"/v1/certificates/{sent}/questions", headers=doctor).json()
    return ([incomplete, complete, signed, sent, revoked, death],
            [question["id"] for question in questions])
