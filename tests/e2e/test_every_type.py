"""Every draftable certificate type end to end over HTTP: draft -> sign -> send (or sent on
signing) -> revoke, replace and renew, as the lifecycle matrix says (issue "Every certificate
type", TYPES.md §0.1). Each type's own rules are in test_every_type_rules.py."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import FakeClock
from tests.factories.http import REVOKE, issue, kinds, read, recipient_of
from tests.type_examples import (
    DOCTOR_SENDS,
    MINIMAL,
    NOT_RENEWABLE,
    PRINTED,
    RENEWABLE,
    REVOKED_WITHOUT_REASON,
    SIGN_SENDS,
    TODAY,
)

NEEDS_REASON = sorted(set(MINIMAL) - set(REVOKED_WITHOUT_REASON))
AUTHORITIES = ("FKASSA", "TRANSP", "SKV", "SOS", "AF")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(TODAY)


def events(client: Any, auth: dict[str, str], cert_id: str) -> list[str]:
    return [e["event"] for e in client.get(f"/v1/certificates/{cert_id}/history",
                                           headers=auth).json()]


@pytest.mark.parametrize("type_id", sorted(MINIMAL))
def test_every_type_goes_draft_sign_send_revoke(client, auth, type_id):
    cert_id = issue(client, auth, type_id)
    recipient = recipient_of(type_id)
    if type_id in DOCTOR_SENDS:
        assert (recipient, "SENT") not in kinds(client, auth, cert_id)
        sent = client.post(f"/v1/certificates/{cert_id}/send", headers=auth,
                           json={"recipient": recipient})
        assert sent.status_code == 200 and sent.json()["changed"], sent.text
    sent_to = {r for r, kind in kinds(client, auth, cert_id) if kind == "SENT"}
    assert sent_to == ({recipient} if recipient else set())

    body = {} if type_id in REVOKED_WITHOUT_REASON else REVOKE
    revoked = client.post(f"/v1/certificates/{cert_id}/revoke", headers=auth, json=body)
    assert revoked.status_code == 200, revoked.text
    cancelled = {r for r, kind in kinds(client, auth, cert_id) if kind == "CANCELLED"}
    assert cancelled == {"HSVARD", *sent_to}
    assert read(client, auth, cert_id)["revoked"] is True
    assert events(client, auth, cert_id) == [
        "DraftCreated", "CertificateSigned", *(["CertificateSent"] if recipient else []),
        "CertificateRevoked"]


@pytest.mark.parametrize("type_id", sorted(SIGN_SENDS))
def test_sending_a_sign_send_type_again_changes_nothing(client, auth, type_id):
    cert_id = issue(client, auth, type_id)
    again = client.post(f"/v1/certificates/{cert_id}/send", headers=auth,
                        json={"recipient": SIGN_SENDS[type_id]})
    assert again.status_code == 200 and again.json()["changed"] is False


@pytest.mark.parametrize("type_id", sorted(MINIMAL))
def test_a_type_is_sent_to_no_authority_but_its_own(client, auth, type_id):
    """Printed types (AG1-14, AG7804) go to no authority; the others only to theirs."""
    cert_id = issue(client, auth, type_id)
    for authority in set(AUTHORITIES) - {recipient_of(type_id)}:
        refused = client.post(f"/v1/certificates/{cert_id}/send", headers=auth,
                              json={"recipient": authority})
        assert refused.status_code == 409, (authority, refused.text)
    if type_id in PRINTED:
        assert "send" not in read(client, auth, cert_id)["allowedActions"]


@pytest.mark.parametrize("type_id", NEEDS_REASON)
def test_revocation_without_reason_is_refused_for_all_but_db_and_doi(client, auth, type_id):
    cert_id = issue(client, auth, type_id)
    refused = client.post(f"/v1/certificates/{cert_id}/revoke", headers=auth, json={})
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    assert {e["field"] for e in refused.json()["errors"]} == {"reason", "text"}
    only_text = client.post(f"/v1/certificates/{cert_id}/revoke", headers=auth,
                            json={"text": "Fel patient"})
    assert only_text.status_code == 422
    assert [e["field"] for e in only_text.json()["errors"]] == ["reason"]
    assert ("HSVARD", "CANCELLED") not in kinds(client, auth, cert_id)


@pytest.mark.parametrize("type_id", REVOKED_WITHOUT_REASON)
def test_db_and_doi_are_revoked_without_a_reason(client, auth, type_id):
    cert_id = issue(client, auth, type_id)
    revoked = client.post(f"/v1/certificates/{cert_id}/revoke", headers=auth, json={})
    assert revoked.status_code == 200, revoked.text
    assert (SIGN_SENDS[type_id], "CANCELLED") in kinds(client, auth, cert_id)
    last = client.get(f"/v1/certificates/{cert_id}/history", headers=auth).json()[-1]
    assert last["event"] == "CertificateRevoked"
    assert (last["data"]["reason"], last["data"]["text"]) == ("", "")


@pytest.mark.parametrize("type_id", NOT_RENEWABLE)
def test_renewal_is_refused_for_types_that_are_not_renewable(client, auth, type_id):
    cert_id = issue(client, auth, type_id)
    refused = client.post(f"/v1/certificates/{cert_id}/renew", headers=auth)
    assert refused.status_code == 409, refused.text
    assert refused.json()["type"] == "/problems/rule-violation"
    parent = read(client, auth, cert_id)
    assert parent["children"] == [] and "renew" not in parent["allowedActions"]


@pytest.mark.parametrize("type_id", RENEWABLE)
def test_renewal_is_a_new_frlang_draft_for_renewable_types(client, auth, type_id):
    cert_id = issue(client, auth, type_id)
    renewed = client.post(f"/v1/certificates/{cert_id}/renew", headers=auth)
    assert renewed.status_code == 201, renewed.text
    child = read(client, auth, renewed.json()["id"])
    assert child["type"] == type_id and child["relation"]["kind"] == "FRLANG"
    assert child["relation"]["parent_id"] == cert_id and child["signedAt"] is None


@pytest.mark.parametrize("type_id", sorted(MINIMAL))
def test_every_type_can_be_replaced_and_the_replacement_signed(client, auth, clock, type_id):
    cert_id = issue(client, auth, type_id)
    clock.advance(minutes=1)  # DOI: "the latest created wins" compares creation times
    replaced = client.post(f"/v1/certificates/{cert_id}/replace", headers=auth)
    assert replaced.status_code == 201, replaced.text
    child_id = replaced.json()["id"]
    assert replaced.json()["state"] == "DRAFT_COMPLETE"
    signed = client.post(f"/v1/certificates/{child_id}/sign", headers=auth, json={"version": 1})
    assert signed.status_code == 200, signed.text
    child = read(client, auth, child_id)
    assert child["relation"]["kind"] == "ERSATT" and child["content"] == read(
        client, auth, cert_id)["content"]
    if type_id in SIGN_SENDS:
        assert (SIGN_SENDS[type_id], "SENT") in kinds(client, auth, child_id)
    parent = read(client, auth, cert_id)
    assert parent["children"] == [{"id": child_id, "kind": "ERSATT", "state": "SIGNED"}]
    if type_id in DOCTOR_SENDS:
        refused = client.post(f"/v1/certificates/{cert_id}/send", headers=auth,
                              json={"recipient": DOCTOR_SENDS[type_id]})
        assert refused.status_code == 409  # replaced by a signed certificate
