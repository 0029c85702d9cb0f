"""The door (Hardening item 7): a stranger's body is never read, an oversized body is refused
before it is read through, and every field of a request has a bound."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.http.app import create_app
from commands.settings import Settings
from domain.certificates.certificate import Certificate
from domain.content import registry
from domain.shared.care import Staff
from tests.e2e.read_models import bearer
from tests.factories import FakeClock, care_unit, lisjp_content, personnummer, staff_at
from tests.factories import patient as patient_of
from tests.factories.bounds import unbounded_fields
from tests.factories.http import UNIT_BODY

LIMIT = 64 * 1024
PROBLEM = "application/problem+json"


@pytest.fixture
def door(tmp_path: Path) -> Iterator[tuple[Settings, TestClient]]:
    settings = Settings(mode="embedded", data_dir=tmp_path, projections_in_serve=False,
                        max_body_bytes=LIMIT)
    with TestClient(create_app(settings)) as client:
        yield settings, client


def asgi_post(app: FastAPI, path: str, headers: dict[str, str], body: bytes,
              chunks: int = 1) -> tuple[int, int, bytes]:
    """POST straight to the ASGI app, the body in ``chunks`` messages of ``body`` each:
    (status, how many of the messages were asked for, answer)."""
    asked, sent = 0, []

    async def receive() -> dict[str, Any]:
        nonlocal asked
        asked += 1
        return {"type": "http.request", "body": body, "more_body": asked < chunks}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "POST", "scheme": "http", "path": path, "raw_path": path.encode(),
             "query_string": b"", "root_path": "", "server": ("testserver", 80),
             "client": ("127.0.0.1", 5000),
             "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()]}
    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    answer = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], asked, answer


def position(client: TestClient) -> int:
    return int(client.get("/health").json()["position"])


@pytest.mark.parametrize("authorization", [None, "Bearer not-a-jwt", "Basic dXNlcjpwdw=="])
def test_a_body_without_a_genuine_token_is_401_before_a_byte_of_it_is_read(door, authorization):
    """Hardening item 7: a 50 MB body without a genuine token is neither read nor parsed."""
    _, client = door
    headers = {"content-type": "application/json", "content-length": str(50 * 1024 * 1024)}
    if authorization:
        headers["authorization"] = authorization
    status, asked, answer = asgi_post(client.app, "/v1/certificates", headers, b"{")
    assert (status, asked) == (401, 0)
    assert b'"/problems/unauthorized"' in answer


def test_a_forged_token_is_401_before_the_body_is_read(door):
    """Hardening item 7: a token signed with another key is refused at the door."""
    settings, client = door
    forged = bearer(settings.model_copy(update={"jwt_secret": SecretStr("x" * 40)}),
                    staff_at(care_unit()), FakeClock())
    status, asked, _ = asgi_post(client.app, "/v1/certificates",
                                 {**forged, "content-length": "10"}, b"{}")
    assert (status, asked) == (401, 0)


def test_an_oversized_body_is_413_at_once_when_its_length_is_declared(door):
    """Hardening item 7: Content-Length over INTYG_MAX_BODY_BYTES: 413, nothing read."""
    settings, client = door
    auth = bearer(settings, staff_at(care_unit()), FakeClock())
    headers = {**auth, "content-type": "application/json", "content-length": str(LIMIT + 1)}
    status, asked, answer = asgi_post(client.app, "/v1/certificates", headers, b"{")
    assert (status, asked) == (413, 0)
    assert b'"/problems/content-too-large"' in answer and str(LIMIT).encode() in answer


def test_an_oversized_chunked_body_is_413_and_stores_nothing(door):
    """Hardening item 7: without a Content-Length the count is kept while the body streams."""
    settings, client = door
    auth = bearer(settings, staff_at(care_unit()), FakeClock())
    before = position(client)

    def chunks() -> Iterator[bytes]:
        yield b'{"type": "lisjp", "patient": {"personnummer": "' + personnummer().encode()
        yield b'", "name": "' + b"x" * 1024
        for _ in range(200):
            yield b"x" * 1024

    got = client.post("/v1/certificates", content=chunks(),
                      headers={**auth, "content-type": "application/json"})
    assert got.status_code == 413, got.text
    assert got.headers["content-type"] == PROBLEM
    assert position(client) == before


def test_a_streamed_body_is_read_no_further_than_the_limit(door):
    """Hardening item 7: a chunked 50 MB body is cut off once the limit is passed."""
    settings, client = door
    auth = bearer(settings, staff_at(care_unit()), FakeClock())
    headers = {**auth, "content-type": "application/json"}
    status, asked, answer = asgi_post(client.app, "/v1/certificates", headers, b" " * 1024,
                                      chunks=50 * 1024)
    assert status == 413 and b'"/problems/content-too-large"' in answer
    assert asked == LIMIT // 1024 + 1


def test_a_body_within_the_limit_passes_the_door(door):
    settings, client = door
    auth = bearer(settings, staff_at(care_unit()), FakeClock())
    body = {"type": "lisjp", "patient": {"personnummer": personnummer()}, "careUnit": UNIT_BODY}
    assert client.post("/v1/certificates", json=body, headers=auth).status_code == 201


@pytest.mark.parametrize(("field", "body_part"), [
    ("patient.name", {"patient": {"personnummer": "PNR", "name": "x" * 300}}),
    ("careUnit.postalAddress", {"careUnit": {**UNIT_BODY, "postalAddress": "x" * 300}}),
    ("type", {"type": "x" * 51}),
])
def test_an_oversized_request_field_is_422_naming_it_and_stores_nothing(door, field, body_part):
    """Hardening item 7: names, addresses and codes have bounds (255, 255, 50)."""
    settings, client = door
    auth = bearer(settings, staff_at(care_unit()), FakeClock())
    body: dict[str, Any] = {"type": "lisjp", "patient": {"personnummer": personnummer()},
                            "careUnit": UNIT_BODY}
    body.update(body_part)
    if body["patient"]["personnummer"] == "PNR":
        body["patient"]["personnummer"] = personnummer()
    before = position(client)
    got = client.post("/v1/certificates", json=body, headers=auth)
    assert got.status_code == 422, got.text
    assert [e["field"] for e in got.json()["errors"]] == [field]
    assert "at most" in got.json()["errors"][0]["message"]
    assert position(client) == before


def test_fifty_thousand_diagnoses_are_422_naming_the_limit_and_store_nothing(door):
    """Hardening item 7: DOMAIN.md §3, 1-3 diagnoses; the draft is not written."""
    settings, _ = door
    auth = bearer(settings, staff_at(care_unit()), FakeClock())
    content = lisjp_content(FakeClock()().date(), diagnoser=[{"kod": "M54"}] * 50_000)
    body = {"type": "lisjp", "patient": {"personnummer": personnummer()}, "careUnit": UNIT_BODY,
            "content": content}
    settings_with_room = settings.model_copy(update={"max_body_bytes": 4 * 1024 * 1024})
    with TestClient(create_app(settings_with_room)) as roomy:
        before = position(roomy)
        got = roomy.post("/v1/certificates", json=body, headers=auth)
        assert got.status_code == 422, got.text[:300]
        (error,) = got.json()["errors"]
        assert (error["questionId"], error["field"], error["code"]) == ("6", "diagnoser",
                                                                      "TOO_MANY")
        assert "at most 3" in error["message"]
        assert position(roomy) == before


def test_an_edit_over_a_limit_is_422_and_keeps_the_draft(door):
    """Hardening item 7: an edit is held to the same bounds; the draft keeps its version."""
    settings, client = door
    doctor: Staff = staff_at(care_unit())
    auth = bearer(settings, doctor, FakeClock())
    body = {"type": "luse", "patient": {"personnummer": personnummer()}, "careUnit": UNIT_BODY}
    draft = client.post("/v1/certificates", json=body, headers=auth).json()
    got = client.put(f"/v1/certificates/{draft['id']}/content", headers=auth,
                     json={"version": 1, "content": {"ovrigt": "x" * 2851}})
    assert got.status_code == 422, got.text
    assert got.json()["errors"][0]["field"] == "ovrigt"
    assert client.get(f"/v1/certificates/{draft['id']}", headers=auth).json()["version"] == 1


def test_every_request_body_field_in_the_openapi_document_has_a_bound(door):
    """Hardening item 7: a new request field cannot forget its bound. ``content`` is bounded by
    its key count here and answer by answer by the type's model (tests/unit/content)."""
    _, client = door
    document = client.get("/openapi.json").json()
    schemas = document["components"]["schemas"]
    found = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            body = operation.get("requestBody", {}).get("content", {})
            for media in body.values():
                wrapped = {**media["schema"], "$defs": schemas}
                found += [f"{method.upper()} {path}: {f}" for f in unbounded_fields(wrapped)]
    assert found == []


@pytest.mark.parametrize("number", ["1e400", "NaN", "9" * 4000])
def test_a_number_beyond_any_form_is_422_and_stores_nothing(door, number):
    """Hardening item 7: 1e400 was stored as null and 4000 digits as they came."""
    settings, client = door
    auth = bearer(settings, staff_at(care_unit()), FakeClock())
    programme = '{"arbetsmarknadspolitisktProgram": {"omfattningDeltid": NUMBER}}'
    raw = ('{"type": "af00251", "patient": {"personnummer": "PNR"}, "content": PROGRAMME}'
           .replace("PROGRAMME", programme).replace("NUMBER", number)
           .replace("PNR", personnummer()))
    before = position(client)
    got = client.post("/v1/certificates", content=raw,
                      headers={**auth, "content-type": "application/json"})
    assert got.status_code == 422, got.text
    assert got.headers["content-type"] == PROBLEM
    assert position(client) == before


def test_a_certificate_stored_before_the_bounds_reads_signs_and_renews(client, certificates,
                                                                       auth, unit, doctor, clock):
    """Hardening item 7: the bounds hold new input only. A LISJP stored with a 5000-character
    övrigt (over the default bound; LISJP has no national limit on 25) is read, signed and
    renewed, its text copied on as it was."""
    text = "Lång anteckning. " * 300
    stored = registry.parse_and_dump("lisjp", lisjp_content(clock().date(), ovrigt=text),
                                     from_client=False)
    draft = Certificate.create_draft(
        id=uuid4(), type_id="lisjp", content_version=1, patient=patient_of(), care_unit=unit,
        author=doctor, now=clock(), content=stored, complete=True)
    certificates.save(draft)
    cert_id = str(draft.id)
    assert client.get(f"/v1/certificates/{cert_id}/validation", headers=auth).json() == {
        "complete": True, "errors": []}
    signed = client.post(f"/v1/certificates/{cert_id}/sign", json={"version": 1}, headers=auth)
    assert signed.status_code == 200, signed.text
    renewal = client.post(f"/v1/certificates/{cert_id}/renew", headers=auth)
    assert renewal.status_code == 201, renewal.text
    read = client.get(f"/v1/certificates/{renewal.json()['id']}", headers=auth).json()
    assert read["content"]["ovrigt"] == text
