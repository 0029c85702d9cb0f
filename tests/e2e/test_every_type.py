"""Every draftable certificate type end to end over HTTP: draft -> sign -> send (or sent on
signing) -> revoke, with each type's own rules (issue "Every certificate type", TYPES.md §0.1)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import token_for
from tests.e2e.test_lisjp_story import UNIT_BODY
from tests.factories import FakeClock, care_unit, personnummer, staff_at
from tests.type_examples import DOCTOR_SENDS, MAXIMAL, MINIMAL, PRINTED, SIGN_SENDS, TODAY

REVOKE = {"reason": "ANNAT_ALLVARLIGT_FEL", "text": "Fel uppgift"}
NOT_RENEWABLE = ["ag114", "ts-bas", "ts-diabetes", "tstrk1009", "tstrk1062", "db", "doi",
                 "af00213"]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(TODAY)


def issue(client: Any, auth: dict[str, str], type_id: str, content: dict[str, Any] | None = None,
          pnr: str | None = None) -> str:
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


def kinds(client: Any, auth: dict[str, str], cert_id: str) -> set[tuple[str, str]]:
    cert = client.get(f"/v1/certificates/{cert_id}", headers=auth).json()
    return {(s["recipient"], s["kind"]) for s in cert["statuses"]}


@pytest.mark.parametrize("type_id", sorted(MINIMAL))
def test_every_type_goes_draft_sign_send_revoke(client, auth, type_id):
    cert_id = issue(client, auth, type_id)
    recipient = SIGN_SENDS.get(type_id) or DOCTOR_SENDS.get(type_id)
    if type_id in DOCTOR_SENDS:
        sent = client.post(f"/v1/certificates/{cert_id}/send", headers=auth,
                           json={"recipient": recipient})
        assert sent.status_code == 200, sent.text
    if type_id in PRINTED:
        refused = client.post(f"/v1/certificates/{cert_id}/send", headers=auth,
                              json={"recipient": "FKASSA"})
        assert refused.status_code == 409
    else:
        assert (recipient, "SENT") in kinds(client, auth, cert_id)
    body = {} if type_id in ("db", "doi") else REVOKE
    revoked = client.post(f"/v1/certificates/{cert_id}/revoke", headers=auth, json=body)
    assert revoked.status_code == 200, revoked.text
    after = kinds(client, auth, cert_id)
    assert ("HSVARD", "CANCELLED") in after
    if recipient and type_id not in PRINTED:
        assert (recipient, "CANCELLED") in after
    events = [e["event"] for e in client.get(f"/v1/certificates/{cert_id}/history",
                                             headers=auth).json()]
    assert events[0] == "DraftCreated" and events[-1] == "CertificateRevoked"


@pytest.mark.parametrize("type_id", ["lisjp", "luse", "ag114", "ts-bas", "af00213"])
def test_revocation_without_reason_is_refused_for_all_but_db_and_doi(client, auth, type_id):
    cert_id = issue(client, auth, type_id)
    refused = client.post(f"/v1/certificates/{cert_id}/revoke", headers=auth, json={})
    assert refused.status_code == 422
    assert {e["field"] for e in refused.json()["errors"]} == {"reason", "text"}
    assert ("HSVARD", "CANCELLED") not in kinds(client, auth, cert_id)


@pytest.mark.parametrize("type_id", ["db", "doi"])
def test_db_and_doi_are_revoked_without_a_reason(client, auth, type_id):
    cert_id = issue(client, auth, type_id)
    assert client.post(f"/v1/certificates/{cert_id}/revoke", headers=auth,
                       json={}).status_code == 200


def test_a_second_db_for_the_patient_at_another_care_giver_is_refused(client, auth, clock,
                                                                     store_settings):
    """TYPES.md §10, UNIKT_INTYG: one signed DB per patient, across care givers."""
    pnr = personnummer()
    issue(client, auth, "db", pnr=pnr)
    elsewhere = staff_at(care_unit())
    other = {"Authorization": f"Bearer {token_for(store_settings, elsewhere, clock)}"}
    body = {"type": "db", "patient": {"personnummer": pnr}, "careUnit": UNIT_BODY,
            "content": MINIMAL["db"]()}
    refused = client.post("/v1/certificates", json=body, headers=other)
    assert refused.status_code == 409, refused.text


def test_a_renewed_luse_copies_everything_but_the_signature(client, auth):
    """TYPES.md §0.1: FK renewal of LUSE/LUAE copies all content; only signing resets."""
    parent = issue(client, auth, "luse", MAXIMAL["luse"]())
    renewed = client.post(f"/v1/certificates/{parent}/renew", headers=auth)
    assert renewed.status_code == 201, renewed.text
    child = client.get(f"/v1/certificates/{renewed.json()['id']}", headers=auth).json()
    source = client.get(f"/v1/certificates/{parent}", headers=auth).json()
    assert child["content"] == source["content"]
    assert child["state"] == "DRAFT_COMPLETE"
    assert child["relation"]["kind"] == "FRLANG"
    assert child.get("signedAt") is None and source["signedAt"] is not None


def test_a_renewed_af00251_clears_absence_rows_and_question_1(client, auth):
    """TYPES.md §13: renewal clears sjukfrånvaro and all of q1."""
    parent = issue(client, auth, "af00251", MAXIMAL["af00251"]())
    renewed = client.post(f"/v1/certificates/{parent}/renew", headers=auth)
    assert renewed.status_code == 201, renewed.text
    content = client.get(f"/v1/certificates/{renewed.json()['id']}", headers=auth).json()[
        "content"]
    for cleared in ("undersokningsDatum", "annatDatum", "annatBeskrivning", "sjukfranvaro"):
        assert cleared not in content, cleared
    assert content["funktionsnedsattning"] == MAXIMAL["af00251"]()["funktionsnedsattning"]


@pytest.mark.parametrize("type_id", NOT_RENEWABLE)
def test_renewal_is_refused_for_types_that_are_not_renewable(client, auth, type_id):
    cert_id = issue(client, auth, type_id)
    assert client.post(f"/v1/certificates/{cert_id}/renew", headers=auth).status_code == 409


@pytest.mark.parametrize("type_id", ["luse", "ag114", "af00213", "tstrk1062"])
def test_every_type_can_be_replaced(client, auth, type_id):
    cert_id = issue(client, auth, type_id)
    replaced = client.post(f"/v1/certificates/{cert_id}/replace", headers=auth)
    assert replaced.status_code == 201, replaced.text
