"""An Idempotency-Key on every creating command (hardening item 13): a retry by the same caller
gets the first answer (same status, same body) and writes nothing; the same key with another
request is 422; keys are the caller's own. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from tests.e2e.conftest import token_for
from tests.factories import FakeClock, personnummer, staff_at
from tests.factories.http import UNIT_BODY, issue, recipient_auth
from tests.factories.questions import message, post, signed
from tests.type_examples import TODAY

Call = tuple[str, dict[str, Any], dict[str, str]]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(TODAY)  # the type examples' day


def _head(client: Any) -> int:
    head: int = client.app.state.certificates.recorder.max_notification_id() or 0
    return head


def _with_key(headers: dict[str, str], key: str) -> dict[str, str]:
    return {**headers, "Idempotency-Key": key}


def _draft_body() -> dict[str, Any]:
    return {"type": "lisjp", "patient": {"personnummer": personnummer()},
            "careUnit": UNIT_BODY}


def _retried(client: Any, call: Call) -> tuple[Any, Any, int, int]:
    """The first answer and a retry's, with the log head after each."""
    path, body, headers = call
    keyed = _with_key(headers, str(uuid.uuid4()))
    first = client.post(path, json=body, headers=keyed)
    after_first = _head(client)
    again = client.post(path, json=body, headers=keyed)
    return first, again, after_first, _head(client)


def test_retry_returns_the_first_answer_and_writes_nothing_when_the_key_is_the_same(
        client, auth):
    """Hardening item 13: a client that lost the answer to a new draft retries safely."""
    first, again, after_first, after_retry = _retried(
        client, ("/v1/certificates", _draft_body(), auth))
    assert first.status_code == 201, first.text
    assert (again.status_code, again.json()) == (201, first.json())
    assert after_retry == after_first


def test_key_with_another_body_is_422_and_writes_nothing_when_reused(client, auth):
    """Hardening item 13: a key names one request; another body under it is refused."""
    keyed = _with_key(auth, "reused-" + uuid.uuid4().hex)
    assert client.post("/v1/certificates", json=_draft_body(), headers=keyed).status_code == 201
    head = _head(client)
    refused = client.post("/v1/certificates", json=_draft_body(), headers=keyed)
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    assert "Idempotency-Key" in refused.json()["detail"]
    assert _head(client) == head


def test_key_is_the_callers_own_when_a_colleague_sends_the_same_one(
        client, auth, store_settings, unit, clock):
    """Hardening item 13: keys are scoped to the caller; a colleague's key is another key."""
    colleague = {"Authorization": f"Bearer {token_for(store_settings, staff_at(unit), clock)}"}
    key, body = "shared-" + uuid.uuid4().hex, _draft_body()
    mine = client.post("/v1/certificates", json=body, headers=_with_key(auth, key))
    theirs = client.post("/v1/certificates", json=body, headers=_with_key(colleague, key))
    assert (mine.status_code, theirs.status_code) == (201, 201)
    assert mine.json()["id"] != theirs.json()["id"]


def test_malformed_key_is_422_when_it_is_not_visible_ascii(client, auth):
    """Hardening item 13: a key is 1-255 visible ASCII characters."""
    for bad in ("has space", "x" * 256):
        refused = client.post("/v1/certificates", json=_draft_body(),
                              headers=_with_key(auth, bad))
        assert refused.status_code == 422, bad


def _on_signed(suffix: str, body: dict[str, Any]) -> Callable[..., Call]:
    def make(client: Any, auth: dict[str, str], fk: dict[str, str], clock: FakeClock) -> Call:
        cert_id, _ = signed(client, auth)
        return f"/v1/certificates/{cert_id}/{suffix}", body, auth
    return make


def _recipient_message(client: Any, auth: dict[str, str], fk: dict[str, str],
                       clock: FakeClock) -> Call:
    cert_id, pnr = signed(client, auth)
    return "/v1/recipient/messages", message(cert_id, pnr, "OVRIGT"), fk


def _answer(client: Any, auth: dict[str, str], fk: dict[str, str], clock: FakeClock) -> Call:
    cert_id, pnr = signed(client, auth)
    asked = message(cert_id, pnr, "OVRIGT")
    assert post(client, fk, asked).status_code == 201
    path = f"/v1/certificates/{cert_id}/questions/{asked['messageId']}/answer"
    return path, {"text": "Svar"}, auth


def _cannot_complement(client: Any, auth: dict[str, str], fk: dict[str, str],
                       clock: FakeClock) -> Call:
    cert_id, pnr = signed(client, auth)
    assert post(client, fk, message(cert_id, pnr, "KOMPLT")).status_code == 201
    return (f"/v1/certificates/{cert_id}/questions/cannot-complement",
            {"text": "Kan inte kompletteras"}, auth)


def _doi(client: Any, auth: dict[str, str], fk: dict[str, str], clock: FakeClock) -> Call:
    return f"/v1/certificates/{issue(client, auth, 'db')}/doi", {}, auth


def _copy(client: Any, auth: dict[str, str], fk: dict[str, str], clock: FakeClock) -> Call:
    created = client.post("/v1/certificates", json=_draft_body(), headers=auth).json()
    clock.advance(days=15)
    client.app.state.certificates.lock_due_drafts()
    return f"/v1/certificates/{created['id']}/copy", {}, auth


CREATING: dict[str, Callable[..., Call]] = {
    "renew": _on_signed("renew", {}),
    "replace": _on_signed("replace", {}),
    "complement": _on_signed("complement", {}),
    "ag7804": _on_signed("ag7804", {"includeDiagnosis": False}),
    "ask": _on_signed("questions", {"subject": "KONTKT", "text": "Ring mig"}),
    "answer": _answer,
    "cannot-complement": _cannot_complement,
    "recipient-message": _recipient_message,
    "doi": _doi,
    "copy": _copy,
}


@pytest.mark.parametrize("route", CREATING)
def test_every_creating_route_answers_a_retry_from_its_first_answer_when_keyed(
        client, auth, store_settings, clock, route):
    """Hardening item 13: every route that creates a certificate or a message."""
    call = CREATING[route](client, auth, recipient_auth(store_settings, clock), clock)
    first, again, after_first, after_retry = _retried(client, call)
    assert first.status_code in (200, 201), first.text
    assert (again.status_code, again.json()) == (first.status_code, first.json())
    assert first.json()["changed"] is True
    assert after_retry == after_first


def test_openapi_documents_the_key_when_a_route_creates(client):
    """Hardening item 13: generated clients see the header on every creating route."""
    paths = client.get("/openapi.json").json()["paths"]
    creating = ["/v1/certificates", "/v1/recipient/messages",
                *(f"/v1/certificates/{{certificate_id}}/{s}" for s in
                  ("renew", "replace", "complement", "copy", "ag7804", "doi", "questions",
                   "questions/cannot-complement", "questions/{question_id}/answer"))]
    for path in creating:
        headers = {p["name"] for p in paths[path]["post"].get("parameters", [])
                   if p["in"] == "header"}
        assert "Idempotency-Key" in headers, path


class _CrashError(Exception):
    """The process stopping between the command's commit and its answer's."""


def test_retry_gets_the_first_result_and_runs_nothing_when_the_first_answer_was_lost_in_a_crash(
        client, auth, doctor, unit, monkeypatch):
    """Hardening item 13: the command and its key's claim (with the result) commit together,
    so a crash before the answer's position is recorded never lets a retry run the command
    again; the retry gets the result with a position at or after the command's events."""
    from api.http.idempotency import caller_of, request_fingerprint
    from commands.idempotency import run_once
    from domain.shared.idempotency import RequestClaim
    from tests.factories import patient

    def crash(self: RequestClaim, position: int | None) -> None:
        raise _CrashError

    app, key, body = client.app.state.certificates, "crash-" + uuid.uuid4().hex, _draft_body()
    fingerprint = request_fingerprint("POST", "/v1/certificates", json.dumps(body).encode())
    before = _head(client)
    monkeypatch.setattr(RequestClaim, "answer_given", crash)
    with pytest.raises(_CrashError):  # the first request, as the endpoint runs it
        run_once(app, caller=caller_of(doctor), key=key, fingerprint=fingerprint,
                 command=lambda: app.create_draft(type_id="lisjp", patient=patient(),
                                                  care_unit=unit, author=doctor))
    monkeypatch.undo()
    [made] = [n for n in app.recorder.select_notifications(before + 1, 10)
              if n.topic.endswith("DraftCreated")]
    head = _head(client)
    again = client.post("/v1/certificates", json=body, headers=_with_key(auth, key))
    assert again.status_code == 201, again.text
    assert again.json()["id"] == str(made.originator_id)
    assert again.json()["version"] == 1 and again.json()["position"] >= made.id
    written = app.recorder.select_notifications(head + 1, 10)
    assert [n.topic.rsplit(".", 1)[-1] for n in written] == ["RequestAnswered"]
    assert client.post("/v1/certificates", json=body,
                       headers=_with_key(auth, key)).json() == again.json()


def test_retried_answer_reads_its_own_write_when_the_views_run(world):
    """Hardening item 13: the position in a replayed answer is the command's, and the views
    (which pass over the key's claim) reach it."""
    from tests.e2e.read_models import bearer
    from tests.factories import care_unit

    settings, clock, client, _ = world
    unit = care_unit()
    auth = _with_key(bearer(settings, staff_at(unit), clock), uuid.uuid4().hex)
    body = _draft_body()
    first = client.post("/v1/certificates", json=body, headers=auth).json()
    again = client.post("/v1/certificates", json=body, headers=auth).json()
    assert again == first
    listed = client.get(f"/v1/units/{unit.hsa_id}/drafts?after={again['position']}",
                        headers=auth)
    assert listed.status_code == 200, listed.text
    assert [d["id"] for d in listed.json()] == [first["id"]]
