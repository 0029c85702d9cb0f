"""Builders for the HTTP tests: the care unit of a request body, certificates made and read over
the API, and a recipient system's token."""

from __future__ import annotations

from typing import Any

import jwt
from fastapi.testclient import TestClient

from tests.factories import personnummer, token_times
from tests.type_examples import DOCTOR_SENDS, MINIMAL, SIGN_SENDS

UNIT_BODY = {"name": "Vårdcentralen Väst", "postalAddress": "Storgatan 1",
             "postalCode": "111 22", "postalTown": "Stockholm", "phone": "08-123 45 67",
             "lan": "01"}
REVOKE = {"reason": "ANNAT_ALLVARLIGT_FEL", "text": "Fel uppgift"}


def create(client: TestClient, auth: dict[str, str], content: dict[str, Any]) -> dict[str, Any]:
    body = {"type": "lisjp", "patient": {"personnummer": personnummer()},
            "careUnit": UNIT_BODY, "content": content}
    response = client.post("/v1/certificates", json=body, headers=auth)
    assert response.status_code == 201, response.text
    return response.json()


def recipient_of(type_id: str) -> str | None:
    return SIGN_SENDS.get(type_id) or DOCTOR_SENDS.get(type_id)


def issue(client: Any, auth: dict[str, str], type_id: str, content: dict[str, Any] | None = None,
          pnr: str | None = None) -> str:
    """A signed certificate of the type (sent already when the type is sign = send)."""
    body = {"type": type_id, "patient": {"personnummer": pnr or personnummer()},
            "careUnit": UNIT_BODY, "content": content or MINIMAL[type_id]()}
    created = client.post("/v1/certificates", json=body, headers=auth)
    assert created.status_code == 201, created.text
    assert created.json()["state"] == "DRAFT_COMPLETE", client.get(
        f"/v1/certificates/{created.json()['id']}/validation", headers=auth).json()
    cert_id: str = created.json()["id"]
    signed = client.post(f"/v1/certificates/{cert_id}/sign", json={"version": 1}, headers=auth)
    assert signed.status_code == 200, signed.text
    return cert_id


def read(client: Any, auth: dict[str, str], cert_id: str) -> dict[str, Any]:
    found = client.get(f"/v1/certificates/{cert_id}", headers=auth)
    assert found.status_code == 200, found.text
    body: dict[str, Any] = found.json()
    return body


def kinds(client: Any, auth: dict[str, str], cert_id: str) -> set[tuple[str, str]]:
    return {(s["recipient"], s["kind"]) for s in read(client, auth, cert_id)["statuses"]}


def recipient_auth(settings: Any, clock: Any, recipient: str = "FKASSA") -> dict[str, str]:
    claims = {"sub": recipient, "role": "recipient", "iss": settings.jwt_issuer,
              **token_times()}
    token = jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm="HS256")
    return {"Authorization": f"Bearer {token}"}
