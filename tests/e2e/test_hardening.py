"""Faults a hostile tester found, each fixed as a class: what a request can never cause."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
import structlog
from fastapi.testclient import TestClient

from api.http.bounds import MAX_POSITION
from api.logging import configure_logging
from commands.certificates import Certificates
from tests.e2e.read_models import bearer, citizen_bearer
from tests.factories import care_unit, lisjp_content, personnummer, staff_at
from tests.factories.http import UNIT_BODY
from tests.flows import signed

BAD_SUBS = ["19121212-1212", "1212121212", "not-a-pnr"]
NAME, FREE_TEXT = "Greta Gräslök", "Patienten berättar om sin skilsmässa"
PROBLEM = "application/problem+json"


@pytest.fixture
def json_logs() -> Iterator[None]:
    configure_logging("json")
    yield
    structlog.reset_defaults()


def _raw_post(client: TestClient, path: str, body: dict[str, Any],
              headers: dict[str, str]) -> Any:
    """Posts ``body`` as written by json.dumps: a lone surrogate stays the escape ``\\ud800``."""
    return client.post(path, content=json.dumps(body),
                       headers={**headers, "content-type": "application/json"})


@pytest.mark.parametrize("sub", BAD_SUBS)
def test_citizen_token_is_401_problem_when_sub_is_not_12_digits(world, sub):
    settings, clock, client, _ = world
    got = client.get("/v1/citizen/certificates", headers=citizen_bearer(settings, sub, clock))
    assert got.status_code == 401, got.text
    assert got.headers["content-type"] == PROBLEM
    assert sub not in got.text


def test_nothing_personal_is_logged_when_requests_fail(world, json_logs, capfd, monkeypatch):
    settings, clock, client, _ = world
    pnr = personnummer()
    doctor = staff_at(care_unit())
    auth = bearer(settings, doctor, clock)
    for sub in [*BAD_SUBS, pnr[2:]]:
        client.get("/v1/citizen/certificates", headers=citizen_bearer(settings, sub, clock))
    bad_bodies: list[dict[str, Any]] = [
        {"type": "lisjp", "patient": {"personnummer": pnr[:-1] + "x", "name": NAME}},
        {"type": "lisjp", "patient": {"personnummer": pnr, "name": NAME + "\ud800"},
         "careUnit": UNIT_BODY},
        {"type": "nope", "patient": {"personnummer": pnr, "name": NAME}, "careUnit": UNIT_BODY,
         "content": lisjp_content(clock().date(), ovrigt=FREE_TEXT)},
        {"type": "lisjp", "patient": {"personnummer": [pnr], "name": {"x": FREE_TEXT}}},
    ]
    for body in bad_bodies:
        assert _raw_post(client, "/v1/certificates", body, auth).status_code == 422
    for raw in (f'{{"patient": "{pnr} {NAME}"', f"{pnr}={FREE_TEXT}"):
        client.post("/v1/certificates", content=raw,
                    headers={**auth, "content-type": "application/json"})

    def explode(*_: Any, **__: Any) -> None:
        raise RuntimeError(f"store refused {pnr} {NAME}: {FREE_TEXT}")

    monkeypatch.setattr(Certificates, "create_draft", explode)
    good = {"type": "lisjp", "patient": {"personnummer": pnr, "name": NAME},
            "careUnit": UNIT_BODY}
    quiet = TestClient(client.app, raise_server_exceptions=False)
    assert quiet.post("/v1/certificates", json=good, headers=auth).status_code == 500
    with pytest.raises(RuntimeError) as raised:  # as uvicorn sees it: re-raised after the 500
        client.post("/v1/certificates", json=good, headers=auth)
    logging.getLogger("uvicorn.error").error("Exception in ASGI application\n",
                                             exc_info=raised.value)
    logging.getLogger("kafka.conn").warning("connection failed: %s", raised.value)
    captured = capfd.readouterr()
    logged = captured.out + captured.err
    assert "unexpected_error" in logged and "Exception in ASGI application" in logged
    assert "RuntimeError" in logged
    for secret in (pnr, pnr[2:], pnr[:8], *BAD_SUBS[:2], "Greta", "Gräslök", "skilsmässa",
                   "input_value='"):
        assert secret not in logged, secret


@pytest.mark.parametrize("where", ["patient name", "content free text", "question text"])
def test_lone_surrogate_is_422_naming_the_field_when_in_any_text(world, where):
    settings, clock, client, app = world
    unit = care_unit()
    doctor = staff_at(unit)
    auth = bearer(settings, doctor, clock)
    bad = "Greta \ud800"
    if where == "question text":
        cert_id = signed(app, unit, doctor)
        path, field = f"/v1/certificates/{cert_id}/questions", "text"
        body: dict[str, Any] = {"subject": "OVRIGT", "text": bad}
    else:
        path = "/v1/certificates"
        body = {"type": "lisjp", "patient": {"personnummer": personnummer(), "name": "Greta"},
                "careUnit": UNIT_BODY, "content": lisjp_content(clock().date())}
        if where == "patient name":
            body["patient"]["name"], field = bad, "patient.name"
        else:
            body["content"]["ovrigt"], field = bad, "content.ovrigt"
    assert "\\ud800" in json.dumps(body)
    got = _raw_post(client, path, body, auth)
    assert got.status_code == 422, got.text
    assert got.headers["content-type"] == PROBLEM
    assert [e["field"] for e in got.json()["errors"]] == [field]


@pytest.mark.parametrize("query", ["to=9999-12-31", "to=0001-01-31", "from=0001-01-01",
                                   "from=9999-12-31", "from=1899-12-31&to=2000-01-01",
                                   "to=2200-01-01"])
@pytest.mark.parametrize("report", ["sjukfall-per-manad", "intyg-per-typ"])
def test_statistics_dates_are_422_with_the_range_when_at_the_calendar_edges(
        world, query, report):
    _, _, client, _ = world
    got = client.get(f"/v1/statistik/national/reports/{report}?{query}")
    assert got.status_code == 422, got.text
    assert got.headers["content-type"] == PROBLEM
    assert "1900-01-01" in got.text and "2199-12-31" in got.text


def test_statistics_dates_are_accepted_when_at_the_edges_of_the_allowed_range(world):
    _, _, client, _ = world
    for query in ("from=1900-01-01&to=1900-01-31", "to=2199-12-31", "to=1900-01-01"):
        got = client.get(f"/v1/statistik/national/reports/sjukfall-per-manad?{query}")
        assert got.status_code == 200, (query, got.text)


def _integer_parameters(openapi: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for path, operations in openapi["paths"].items():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                schema = parameter["schema"]
                for option in [schema, *schema.get("anyOf", [])]:
                    if option.get("type") == "integer":
                        yield f"{path} {parameter['in']} {parameter['name']}", option


def test_every_integer_parameter_has_a_minimum_and_maximum_when_documented(world):
    _, _, client, _ = world
    found = list(_integer_parameters(client.app.openapi()))
    assert any(name.endswith("year") for name, _ in found)
    unbounded = [name for name, schema in found
                 if "minimum" not in schema or "maximum" not in schema]
    assert unbounded == []


HUGE = "1180591620717411303424"


@pytest.mark.parametrize("query", [f"year={HUGE}", f"after={HUGE}", f"after={MAX_POSITION + 1}",
                                   "year=-1", "year=10000"])
def test_huge_integer_query_is_422_when_listing_own_certificates(world, query):
    settings, clock, client, _ = world
    got = client.get(f"/v1/citizen/certificates?{query}",
                     headers=citizen_bearer(settings, personnummer(), clock))
    assert got.status_code == 422, got.text
    assert got.headers["content-type"] == PROBLEM


@pytest.mark.parametrize("query", [f"maxGap={HUGE}", f"minDays={HUGE}", f"maxAge={HUGE}",
                                   f"after={HUGE}", "today=9999-12-31", "endsTo=0001-01-01"])
def test_huge_values_are_422_when_given_to_rehabstod(world, query):
    settings, clock, client, _ = world
    unit = care_unit()
    got = client.get(f"/v1/rehabstod/units/{unit.hsa_id}/sjukfall?{query}",
                     headers=bearer(settings, staff_at(unit), clock))
    assert got.status_code == 422, got.text


@pytest.mark.parametrize("query", ["endsTo=-2.2250738585e-313", "endsTo=0", "today=1700000000",
                                   "endsFrom=2026-1-5", "endsTo=2026-01-05T00:00"])
def test_a_date_not_written_yyyy_mm_dd_is_422_when_given_to_a_query(world, query):
    """Hardening item 3 (found by the fuzz tier): a number is not read as seconds since 1970."""
    settings, clock, client, _ = world
    unit = care_unit()
    got = client.get(f"/v1/rehabstod/units/{unit.hsa_id}/sjukfall?{query}",
                     headers=bearer(settings, staff_at(unit), clock))
    assert got.status_code == 422, got.text
    assert "YYYY-MM-DD" in got.text
    stats = client.get(f"/v1/statistik/national/reports/intyg-per-typ?to={query.split('=')[1]}")
    assert stats.status_code == 422, stats.text
