"""The doctor's story over HTTP (issue "Ledger core", acceptance)."""

from __future__ import annotations

from tests.factories import lisjp_content
from tests.factories.http import create


def test_doctor_story_when_issuing_renewing_and_revoking_a_lisjp(client, auth, clock):
    today = clock().date()
    draft = create(client, auth, {"diagnoser": [{"kod": "F32.1", "beskrivning": "Depression"}]})
    assert draft["state"] == "DRAFT_INCOMPLETE"
    cert = f"/v1/certificates/{draft['id']}"

    refused = client.post(f"{cert}/sign", json={"version": 1}, headers=auth)
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    failing = {e["questionId"] for e in refused.json()["errors"]}
    assert {"1", "28", "35", "17", "32", "39", "40"} <= failing
    assert "6" not in failing

    missing = client.get(f"{cert}/validation", headers=auth).json()
    assert not missing["complete"] and missing["errors"]

    edited = client.put(f"{cert}/content", headers=auth,
                        json={"version": 1, "content": lisjp_content(today)})
    assert edited.json()["state"] == "DRAFT_COMPLETE"
    signed = client.post(f"{cert}/sign", json={"version": 2}, headers=auth)
    assert signed.status_code == 200 and signed.json()["state"] == "SIGNED"

    sent = client.post(f"{cert}/send", json={"recipient": "FKASSA"}, headers=auth).json()
    again = client.post(f"{cert}/send", json={"recipient": "FKASSA"}, headers=auth)
    assert again.status_code == 200
    assert again.json()["changed"] is False and again.json()["version"] == sent["version"]

    renewal = client.post(f"{cert}/renew", headers=auth)
    assert renewal.status_code == 201
    renewed = client.get(f"/v1/certificates/{renewal.json()['id']}", headers=auth).json()
    assert renewed["relation"]["kind"] == "FRLANG"
    assert "sjukskrivningar" not in renewed["content"] and "prognos" not in renewed["content"]

    revoked = client.post(f"{cert}/revoke", headers=auth,
                          json={"reason": "FEL_PATIENT", "text": "Intyget skrevs på fel patient"})
    assert revoked.status_code == 200
    replace = client.post(f"{cert}/replace", headers=auth)
    assert replace.status_code == 409
    assert replace.json()["type"] == "/problems/rule-violation"

    history = client.get(f"{cert}/history", headers=auth).json()
    assert [e["event"] for e in history] == [
        "DraftCreated", "DraftEdited", "CertificateSigned", "CertificateSent",
        "ChildCertificateCreated", "CertificateRevoked",
    ]
    assert [e["version"] for e in history] == list(range(1, 7))
    assert client.get(cert, headers=auth).json()["revoked"] is True
