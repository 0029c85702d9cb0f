"""Bad requests are refused with a precise problem and write nothing (ARCHITECTURE.md inv. 7)."""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

import pytest
from fastapi.testclient import TestClient

from commands.certificates import Certificates
from tests.factories import lisjp_content, personnummer
from tests.factories.http import UNIT_BODY, create


def position(app: Certificates) -> int:
    return app.recorder.max_notification_id() or 0


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert {"type", "title", "status", "detail", "instance"} <= set(body)
    assert body["status"] == status
    return body


def test_edit_is_409_when_version_is_stale(client, auth, certificates, clock):
    cert = create(client, auth, {})
    url = f"/v1/certificates/{cert['id']}/content"
    client.put(url, headers=auth, json={"version": 1, "content": {"ovrigt": "Ett"}})
    before = position(certificates)
    stale = client.put(url, headers=auth, json={"version": 1, "content": {"ovrigt": "Två"}})
    assert assert_problem(stale, 409)["type"] == "/problems/stale-version"
    assert position(certificates) == before


def test_read_is_404_when_id_is_unknown(client, auth):
    assert_problem(client.get(f"/v1/certificates/{uuid4()}", headers=auth), 404)
    assert_problem(client.post(f"/v1/certificates/{uuid4()}/sign", json={"version": 1},
                               headers=auth), 404)


@pytest.mark.parametrize("bad", ["19121212-1213", "121313-1212", "abc", "20991212-1212"])
def test_create_is_422_pointing_at_the_field_when_personnummer_is_malformed(
        client, auth, certificates, bad):
    before = position(certificates)
    body = {"type": "lisjp", "patient": {"personnummer": bad}, "careUnit": UNIT_BODY}
    problem = assert_problem(client.post("/v1/certificates", json=body, headers=auth), 422)
    assert [e["field"] for e in problem["errors"]] == ["patient.personnummer"]
    assert position(certificates) == before


def test_create_is_401_when_no_token_is_given(client, certificates):
    before = position(certificates)
    body = {"type": "lisjp", "patient": {"personnummer": personnummer()}, "careUnit": UNIT_BODY}
    response = client.post("/v1/certificates", json=body)
    assert_problem(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"
    assert position(certificates) == before


def test_create_is_401_when_token_is_forged(client, certificates):
    import jwt

    forged = jwt.encode({"sub": "SE2321000016-X1", "exp": 9999999999}, "wrong-key-" * 4,
                        algorithm="HS256")
    before = position(certificates)
    body = {"type": "lisjp", "patient": {"personnummer": personnummer()}, "careUnit": UNIT_BODY}
    response = client.post("/v1/certificates", json=body,
                           headers={"Authorization": f"Bearer {forged}"})
    assert_problem(response, 401)
    assert position(certificates) == before


def test_author_comes_from_token_when_body_names_someone_else(client, auth, doctor, certificates):
    body = {"type": "lisjp", "patient": {"personnummer": personnummer()}, "careUnit": UNIT_BODY,
            "author": {"hsaId": "SE2321000016-EVIL"}}
    assert_problem(client.post("/v1/certificates", json=body, headers=auth), 422)
    cert = create(client, auth, {})
    stored = certificates.get(UUID(cert["id"]))
    assert stored.author["hsa_id"] == doctor.hsa_id


def test_create_is_409_when_type_is_import_only(client, auth):
    body = {"type": "fk7263", "patient": {"personnummer": personnummer()}, "careUnit": UNIT_BODY}
    problem = assert_problem(client.post("/v1/certificates", json=body, headers=auth), 409)
    assert "import-only" in problem["detail"]


def test_read_is_404_when_staff_is_from_another_unit(client, auth, store_settings, clock):
    """Another unit's staff are told nothing, not even that the id exists (Hardening item 6)."""
    from tests.e2e.conftest import token_for
    from tests.factories import care_unit, staff_at

    cert = create(client, auth, lisjp_content(clock().date()))
    other = token_for(store_settings, staff_at(care_unit()), clock)
    response = client.get(f"/v1/certificates/{cert['id']}",
                          headers={"Authorization": f"Bearer {other}"})
    assert_problem(response, 404)


def test_send_is_404_and_reads_nothing_when_staff_is_from_another_unit(
        client, auth, store_settings, clock, certificates):
    from structlog.testing import capture_logs

    from tests.e2e.conftest import token_for
    from tests.factories import care_unit, staff_at

    cert = create(client, auth, lisjp_content(clock().date()))
    client.post(f"/v1/certificates/{cert['id']}/sign", json={"version": 1}, headers=auth)
    other = token_for(store_settings, staff_at(care_unit()), clock)
    before = position(certificates)
    with capture_logs() as logged:
        response = client.post(f"/v1/certificates/{cert['id']}/send",
                               json={"recipient": "FKASSA"},
                               headers={"Authorization": f"Bearer {other}"})
        after_refusal = position(certificates)
        client.get(f"/v1/certificates/{cert['id']}", headers=auth)
    assert_problem(response, 404)
    assert after_refusal == before
    reads = [e for e in logged if e["event"] == "patient_data_read"]
    assert len(reads) == 1  # the owner's GET, never the refused send


def test_content_is_422_when_shape_is_wrong(client, auth, certificates):
    cert = create(client, auth, {})
    before = position(certificates)
    response = client.put(f"/v1/certificates/{cert['id']}/content", headers=auth,
                          json={"version": 1, "content": {"sjukskrivningar": "hela mars"}})
    problem = assert_problem(response, 422)
    assert problem["errors"][0]["questionId"] == "32"
    assert position(certificates) == before


def test_health_answers_when_the_store_is_up(client: TestClient):
    body = client.get("/health").json()
    assert body["status"] == "ok"
