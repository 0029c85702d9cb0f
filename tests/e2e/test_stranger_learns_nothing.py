"""Hardening item 6: the caller's right to a certificate is decided before its version, state,
type or content are looked at. Staff who do not act for the issuing unit and care giver get
the very answer an unknown id gets, on every route of one certificate and its questions."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from structlog.testing import capture_logs

from api.http.policy import Audience, policy_of
from domain.shared.care import Role, Staff
from tests.e2e.conftest import token_for
from tests.factories import care_unit, hsa, staff_at
from tests.factories.routes import Call, Scene, operations, prepare


def strangers(scene: Scene) -> dict[str, Staff]:
    """Doctors (every privilege) who do not act for the scene's unit and care giver."""
    same_giver = care_unit(care_giver_hsa_id=scene.unit.care_giver_hsa_id)
    own_unit_other_giver = Staff(hsa_id=hsa("P"), name="Ajla Doktor", role=Role.DOCTOR,
                                 care_unit_hsa_id=scene.unit.hsa_id,
                                 care_giver_hsa_id=hsa("G"))
    return {"another unit and care giver": staff_at(care_unit()),
            "another unit of the same care giver": staff_at(same_giver),
            "the unit's id under another care giver": own_unit_other_giver}


def answer(client: Any, call: Call, headers: dict[str, str]) -> tuple[Any, ...]:
    response = client.request(call.method, call.url, json=call.json, headers=headers)
    text = response.text.replace(call.certificate_id or "", "ID")
    return response.status_code, response.headers["content-type"], text


def certificate_routes(client: Any) -> list[tuple[str, str]]:
    return [(method, path) for method, path in operations(client)
            if "{certificate_id}" in path and (policy := policy_of(method, path)) is not None
            and policy.audience is Audience.STAFF]


@pytest.mark.timeout(120)
def test_stranger_gets_the_unknown_id_answer_when_certificate_is_another_units(world):
    """Hardening item 6: same status, same problem body (the id aside), nothing written and no
    patient data read, whichever route, certificate state or body version."""
    settings, clock, client, app = world
    scene = Scene()
    routes = certificate_routes(client)
    assert len(routes) >= 20
    for who, stranger in strangers(scene).items():
        headers = {"Authorization": f"Bearer {token_for(settings, stranger, clock)}"}
        for method, path in routes:
            real, fake = prepare(app, scene, method, path), str(uuid.uuid4())
            unknown = Call(method, real.url.replace(real.certificate_id or "", fake), real.json,
                           fake)
            before = app.recorder.max_notification_id()
            with capture_logs() as logged:
                seen = answer(client, real, headers)
            assert seen == answer(client, unknown, headers), f"{who}: {method} {path}"
            assert seen[0] == 404, f"{who}: {method} {path}: {seen}"
            assert app.recorder.max_notification_id() == before
            assert not [e for e in logged if e["event"] == "patient_data_read"]


def test_owner_still_gets_the_version_conflict_when_the_version_is_stale(world):
    """The order changed, not the rules: the unit's own doctor is told of a stale version."""
    settings, clock, client, app = world
    scene = Scene()
    call = prepare(app, scene, "POST", "/v1/certificates/{certificate_id}/sign")
    headers = {"Authorization": f"Bearer {token_for(settings, scene.doctor, clock)}"}
    stale = client.post(call.url, json={"version": 99}, headers=headers)
    assert stale.status_code == 409 and stale.json()["type"] == "/problems/stale-version"
