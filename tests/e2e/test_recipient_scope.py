"""A recipient system acts only on certificates sent to it (DOMAIN.md §5 visibility, §6 incoming
messages), and learns nothing about any other: the answer is the 404 of a certificate that does
not exist, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.factories import FakeClock
from tests.factories.http import recipient_auth
from tests.factories.questions import message, post, signed
from tests.type_examples import TODAY


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(TODAY)


def _conversation(client: Any, auth: dict[str, str], cert_id: str) -> list[Any]:
    got = client.get(f"/v1/certificates/{cert_id}/questions", headers=auth)
    assert got.status_code == 200, got.text
    found: list[Any] = got.json()
    return found


def _as_missing(client: Any, token: dict[str, str], body: dict[str, Any],
                cert_id: str) -> dict[str, Any]:
    """The answer to ``body`` with its certificate id swapped for one that does not exist, the
    id written back so the two answers compare whole."""
    missing = str(uuid.uuid4())
    answer = post(client, token, body | {"certificateId": missing})
    assert answer.status_code == 404, answer.text
    found: dict[str, Any] = answer.json()
    return {k: str(v).replace(missing, cert_id) for k, v in found.items()}


def _whole(answer: Any) -> dict[str, Any]:
    return {k: str(v) for k, v in answer.json().items()}


def test_question_is_answered_as_for_a_missing_certificate_when_never_sent_to_the_recipient(
        client, auth, store_settings, clock):
    """Hardening item 5: §6, a recipient acts only on certificates sent to it."""
    cert_id, pnr = signed(client, auth, send_to=None)
    fk = recipient_auth(store_settings, clock, "FKASSA")
    body = message(cert_id, pnr)
    refused = post(client, fk, body)
    assert refused.status_code == 404
    assert _whole(refused) == _as_missing(client, fk, body, cert_id)
    assert _conversation(client, auth, cert_id) == []


def test_question_is_refused_when_the_certificate_went_to_another_recipient(
        client, auth, store_settings, clock):
    """Hardening item 5: a certificate sent to FKASSA is not the business of AF or TRANSP
    (known recipients of other types)."""
    cert_id, pnr = signed(client, auth, send_to="FKASSA")
    body = message(cert_id, pnr)
    for sender in ("AF", "TRANSP"):
        other = recipient_auth(store_settings, clock, sender)
        refused = post(client, other, body)
        assert refused.status_code == 404, sender
        assert _whole(refused) == _as_missing(client, other, body, cert_id)
    assert _conversation(client, auth, cert_id) == []


def test_replayed_message_id_tells_a_foreign_recipient_nothing_when_it_is_taken(
        client, auth, store_settings, clock):
    """Hardening item 5: a taken message id replayed by another recipient answers 404, never
    the certificate's state and version."""
    cert_id, pnr = signed(client, auth, send_to="FKASSA")
    body = message(cert_id, pnr)
    assert post(client, recipient_auth(store_settings, clock), body).status_code == 201
    stranger = recipient_auth(store_settings, clock, "AF")
    replayed = post(client, stranger, body)
    assert replayed.status_code == 404
    assert _whole(replayed) == _as_missing(client, stranger, body, cert_id)
    assert not {"state", "version", "id"} & set(replayed.json())


def test_unknown_sender_is_not_told_the_certificate_type_when_refused(
        client, auth, store_settings, clock):
    """Hardening item 5 (and 11): a sender that is no recipient system of the catalogue
    (unknown, or the care and citizen pseudo-recipients) is refused at the token, before any
    certificate is looked at; the refusal names no type, state or patient."""
    cert_id, pnr = signed(client, auth, send_to="FKASSA")
    for sender in ("NOPE", "HSVARD", "INVANA"):
        refused = post(client, recipient_auth(store_settings, clock, sender),
                       message(cert_id, pnr))
        assert refused.status_code == 401, sender
        assert "lisjp" not in refused.text.lower() and pnr not in refused.text
        assert sender not in refused.text


def test_the_certificates_own_recipient_is_still_told_why_when_it_is_revoked(
        client, auth, store_settings, clock):
    """Hardening item 5, the other side: the recipient it was sent to knows it (the revocation
    was forwarded to it), so it gets the reason (§6: no messages on a revoked certificate)."""
    cert_id, pnr = signed(client, auth, send_to="FKASSA")
    revoked = client.post(f"/v1/certificates/{cert_id}/revoke", headers=auth,
                          json={"reason": "FEL_PATIENT", "text": "Fel patient"})
    assert revoked.status_code == 200, revoked.text
    refused = post(client, recipient_auth(store_settings, clock), message(cert_id, pnr))
    assert refused.status_code == 409
    assert "revoked" in refused.json()["detail"]
