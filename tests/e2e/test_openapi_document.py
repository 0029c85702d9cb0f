"""The OpenAPI document tells generated clients and fuzzers the truth (Hardening item 14): the
problem responses each route gives, the CSV and PDF media types, and who needs a token.

What an operation must document is derived here from the operation's own shape in the document
(its security, parameters, body and method), independently of api/http/openapi.py."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
import schemathesis

from api.http.openapi import XLSX
from domain.shared.care import Role
from tests.e2e.read_models import bearer
from tests.factories import care_unit, lisjp_content, personnummer, staff_at
from tests.factories.http import UNIT_BODY

PROBLEM = "application/problem+json"
OPEN = {"/health", "/v1/certificate-types", "/v1/recipients", "/v1/statistik/reports",
        "/.well-known/intyg-digest-key"}  # the ledger's public key: anyone may verify
NATIONAL = "/v1/statistik/national/"


@pytest.fixture
def document(world) -> dict[str, Any]:
    _, _, client, _ = world
    got = client.get("/openapi.json")
    assert got.status_code == 200
    found: dict[str, Any] = got.json()
    return found


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(method.upper(), path, operation) for path, item in document["paths"].items()
            for method, operation in item.items()]


def expected_problems(method: str, path: str, operation: dict[str, Any]) -> set[int]:
    parameters = operation.get("parameters", [])
    expected: set[int] = set()
    if operation.get("security"):
        expected |= {401} if path.startswith("/v1/recipient/") else {401, 403}
    if parameters or "requestBody" in operation:
        expected.add(422)
    if "requestBody" in operation:
        expected.add(413)
    if any(p["in"] == "path" for p in parameters):
        expected.add(404)
    if method != "GET":
        expected.add(409)
    if any(p["name"] == "after" for p in parameters):
        expected.add(503)
    return expected


def test_document_is_valid_openapi_when_checked_by_the_fuzzer_s_loader(document):
    """Hardening item 14: generated clients and fuzzers can load it."""
    assert document["openapi"].startswith("3.1")
    schemathesis.openapi.from_dict(document).validate()


def test_every_operation_documents_the_problems_its_kind_of_route_gives(document):
    """Hardening item 14: a token -> 401/403, input -> 422, a body -> 413, a path id -> 404, a
    command -> 409, a read-your-writes query -> 503."""
    missing = {f"{method} {path}": sorted(want - {int(s) for s in operation["responses"]})
               for method, path, operation in operations(document)
               if (want := expected_problems(method, path, operation))
               - {int(s) for s in operation["responses"]}}
    assert missing == {}


def test_every_problem_response_is_problem_json_of_the_problem_schema(document):
    """Hardening item 14: never FastAPI's JSON HTTPValidationError, which the API never sends."""
    wrong = [f"{method} {path} {status}"
             for method, path, operation in operations(document)
             for status, response in operation["responses"].items() if int(status) >= 400
             if response.get("content") != {PROBLEM: {"schema": {
                 "$ref": "#/components/schemas/Problem"}}}]
    assert wrong == []
    assert "HTTPValidationError" not in str(document)
    assert all(operation["responses"]["401"]["headers"]["WWW-Authenticate"]["required"]
               for _, _, operation in operations(document) if "401" in operation["responses"])


def test_problem_schema_describes_the_problems_the_api_really_sends(world, document):
    """Hardening item 14: real 401, 403, 404, 409 and 422 answers validate against it."""
    settings, clock, client, _ = world
    unit = care_unit()
    auth = bearer(settings, staff_at(unit), clock)
    nurse = bearer(settings, staff_at(unit, Role.NURSE), clock)  # may not sign (403)
    body = {"type": "lisjp", "patient": {"personnummer": personnummer()}, "careUnit": UNIT_BODY,
            "content": lisjp_content(clock().date())}
    cert_id = client.post("/v1/certificates", json=body, headers=auth).json()["id"]
    answers = [
        client.get(f"/v1/certificates/{cert_id}"),
        client.post(f"/v1/certificates/{cert_id}/sign", json={"version": 1}, headers=nurse),
        client.get("/v1/certificates/00000000-0000-4000-8000-000000000000", headers=auth),
        client.post(f"/v1/certificates/{cert_id}/sign", json={"version": 7}, headers=auth),
        client.post("/v1/certificates", json={"type": "lisjp"}, headers=auth),
    ]
    assert [a.status_code for a in answers] == [401, 403, 404, 409, 422]
    assert answers[0].headers["www-authenticate"] == "Bearer"
    schema = {"$ref": "#/components/schemas/Problem", "components": document["components"]}
    for answer in answers:
        assert answer.headers["content-type"] == PROBLEM
        jsonschema.validate(answer.json(), schema)


def test_statistics_reports_document_csv_beside_json_and_answer_it(world, document):
    """Hardening item 14: ``format=csv`` is text/csv in the document and on the wire (and
    ``format=xlsx`` the XLSX media type: tests/e2e/test_statistics_own_reports.py)."""
    _, _, client, _ = world
    reports = [operation for _, path, operation in operations(document)
               if path.endswith("/reports/{name}")]
    assert len(reports) == 2
    for operation in reports:
        assert set(operation["responses"]["200"]["content"]) == {"application/json", "text/csv",
                                                                 XLSX}
    got = client.get(f"{NATIONAL}reports/intyg-per-typ?format=csv")
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")


def test_every_pdf_route_documents_application_pdf_only(document):
    """Hardening item 14."""
    pdfs = {path: operation["responses"]["200"]["content"]
            for _, path, operation in operations(document) if path.endswith(".pdf")}
    assert pdfs, "the employer version has a PDF"
    assert {path: list(content) for path, content in pdfs.items()} == {
        path: ["application/pdf"] for path in pdfs}


def test_national_statistics_need_no_token_and_every_other_v1_route_the_bearer_scheme(
        world, document):
    """Hardening item 14: no security requirement on national statistics (DOMAIN.md §8: open
    to all); the bearer scheme, a JWT, on everything below /v1 but the catalogue."""
    _, _, client, _ = world
    assert document["components"]["securitySchemes"] == {"bearer": {
        "type": "http", "scheme": "bearer", "bearerFormat": "JWT",
        "description": document["components"]["securitySchemes"]["bearer"]["description"]}}
    open_operations = {path for _, path, operation in operations(document)
                       if not operation.get("security")}
    assert {path for path in open_operations if not path.startswith(NATIONAL)} == OPEN
    assert any(path.startswith(NATIONAL) for path in open_operations)
    assert all(operation.get("security") == [{"bearer": []}]
               for _, path, operation in operations(document) if path not in open_operations)
    assert client.get(f"{NATIONAL}reports/intyg-per-typ").status_code == 200


def test_unreadable_body_is_422_naming_the_body_when_it_is_not_utf8(world):
    """Hardening item 14, found by the fuzzing tier: FastAPI answered a body it could not
    decode with a bare, undocumented 400."""
    settings, clock, client, _ = world
    auth = bearer(settings, staff_at(care_unit()), clock)
    got = client.post("/v1/certificates", content=b'{"type": "\xff"}',
                      headers={**auth, "content-type": "application/json"})
    assert got.status_code == 422, got.text
    assert got.headers["content-type"] == PROBLEM
    assert got.json()["errors"][0]["field"] == "body"
