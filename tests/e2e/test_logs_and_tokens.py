"""Logs carry ids only (ARCHITECTURE.md inv. 8); tokens decide who acts (HS256 and RS256)."""

from __future__ import annotations

import json
import uuid

import jwt
import pytest
import structlog
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi.testclient import TestClient

from api.http.app import create_app
from api.http.dev_tokens import mint_staff_token
from api.logging import configure_logging
from commands.settings import Settings
from tests.factories import lisjp_content, personnummer, token_times
from tests.factories.http import UNIT_BODY


@pytest.fixture
def json_logs():
    configure_logging("json")
    yield
    structlog.reset_defaults()


def test_logs_hold_ids_but_no_patient_data_when_a_certificate_is_issued(
        client, auth, clock, capsys, json_logs):
    pnr = personnummer()
    content = lisjp_content(clock().date(), ovrigt="Patienten berättar om sin skilsmässa")
    body = {"type": "lisjp", "patient": {"personnummer": pnr, "name": "Greta Gräslök"},
            "careUnit": UNIT_BODY, "content": content}
    cert_id = client.post("/v1/certificates", json=body, headers=auth).json()["id"]
    client.post(f"/v1/certificates/{cert_id}/sign", json={"version": 1}, headers=auth)
    client.get(f"/v1/certificates/{cert_id}", headers=auth)
    output = capsys.readouterr()
    logged = output.err + output.out
    lines = [json.loads(line) for line in logged.splitlines() if line.startswith("{")]
    events = {line["event"] for line in lines}
    assert {"request_handled", "command_succeeded", "patient_data_read"} <= events
    assert all("request_id" in line for line in lines)
    assert any(line.get("certificate_id") == cert_id for line in lines)
    for secret in (pnr, pnr[2:], "Greta", "Gräslök", "skilsmässa", "M544", "Lumbago"):
        assert secret not in logged


def test_each_request_has_one_line_naming_its_route_status_and_actor_and_its_id_sent_back(
        client, auth, capsys, json_logs):
    """The caller's x-request-id is kept and echoed; a request without one gets a new one; a
    request that reached no route is logged as unmatched."""
    asked = client.get(f"/v1/certificates/{uuid.uuid4()}", headers={**auth, "x-request-id": "r-17"})
    fresh = client.get("/no/such/route")
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()
             if line.startswith("{")]
    handled = [line for line in lines if line["event"] == "request_handled"]
    assert asked.headers["x-request-id"] == "r-17"
    assert len(fresh.headers["x-request-id"]) == 32
    assert [(h["request_id"], h["route"], h["status"], h["method"]) for h in handled] == [
        ("r-17", "/v1/certificates/{certificate_id}", 404, "GET"),
        (fresh.headers["x-request-id"], "unmatched", 404, "GET")]
    assert handled[0]["actor"] and handled[1]["actor"] is None
    assert all(isinstance(h["ms"], float) for h in handled)


def _rsa_pair() -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    return private, public


def test_rs256_token_is_accepted_when_signed_by_the_configured_key(tmp_path, doctor, clock):
    private, public = _rsa_pair()
    settings = Settings(data_dir=tmp_path, jwt_algorithm="RS256", jwt_public_key=public)
    claims = {"sub": doctor.hsa_id, "name": doctor.name, "role": "doctor",
              "care_unit": doctor.care_unit_hsa_id, "care_giver": doctor.care_giver_hsa_id,
              "iss": "intyg", **token_times()}
    good = jwt.encode(claims, private, algorithm="RS256")
    other_private, _ = _rsa_pair()
    bad = jwt.encode(claims, other_private, algorithm="RS256")
    hs = jwt.encode(claims, "x" * 40, algorithm="HS256")
    body = {"type": "lisjp", "patient": {"personnummer": personnummer()}, "careUnit": UNIT_BODY}
    with TestClient(create_app(settings)) as client:
        assert client.post("/v1/certificates", json=body,
                           headers={"Authorization": f"Bearer {good}"}).status_code == 201
        for token in (bad, hs):
            response = client.post("/v1/certificates", json=body,
                                   headers={"Authorization": f"Bearer {token}"})
            assert response.status_code == 401


def test_expired_token_is_401_when_used(client, store_settings, doctor, clock):
    claims = {"sub": doctor.hsa_id, "name": doctor.name, "role": "doctor",
              "care_unit": doctor.care_unit_hsa_id, "care_giver": doctor.care_giver_hsa_id,
              "iss": "intyg", "exp": 1_000_000}
    token = jwt.encode(claims, store_settings.jwt_secret.get_secret_value(), algorithm="HS256")
    response = client.get("/health", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    response = client.post("/v1/certificates", json={},
                           headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


def test_token_minting_is_refused_when_in_production_mode(doctor):
    settings = Settings(mode="production", cipher_key="a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5",
                        jwt_secret="a-real-secret-for-this-test-0123456789")
    with pytest.raises(RuntimeError, match="production"):
        mint_staff_token(settings, doctor)
