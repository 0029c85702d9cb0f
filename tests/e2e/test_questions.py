"""Every rule of DOMAIN.md §6 (questions and answers) over HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.e2e.conftest import token_for
from tests.factories import FakeClock, care_unit, personnummer, staff_at
from tests.factories.http import UNIT_BODY, recipient_auth
from tests.factories.questions import message, post, signed
from tests.type_examples import TODAY


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(TODAY)  # the type examples' day


@pytest.fixture
def fk(store_settings, clock) -> dict[str, str]:
    return recipient_auth(store_settings, clock)


def conversation(client: Any, auth: dict[str, str], cert_id: str) -> list[dict[str, Any]]:
    got = client.get(f"/v1/certificates/{cert_id}/questions", headers=auth)
    assert got.status_code == 200, got.text
    result: list[dict[str, Any]] = got.json()
    return result


def test_received_question_is_pending_internal_action(client, auth, fk):
    cert_id, pnr = signed(client, auth)
    assert post(client, fk, message(cert_id, pnr, lastAnswerDate="2026-12-01")).status_code == 201
    [question] = conversation(client, auth, cert_id)
    assert question["state"] == "PENDING_INTERNAL_ACTION"
    assert question["complementItems"][0]["questionId"] == "32"
    assert question["lastAnswerDate"] == "2026-12-01"


def test_duplicate_message_id_writes_nothing(client, auth, fk):
    cert_id, pnr = signed(client, auth)
    body = message(cert_id, pnr, messageId="fk-dup-" + uuid.uuid4().hex)
    first = post(client, fk, body)
    again = post(client, fk, body | {"text": "Annan text"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["changed"] is False and again.json()["position"] is None
    assert [q["text"] for q in conversation(client, auth, cert_id)] == ["Vänligen komplettera"]


def test_message_for_the_wrong_patient_is_refused_and_writes_nothing(client, auth, fk):
    cert_id, _ = signed(client, auth)
    refused = post(client, fk, message(cert_id, personnummer()))
    assert refused.status_code == 422
    assert "patient" in refused.json()["detail"]
    assert conversation(client, auth, cert_id) == []


def test_unknown_recipient_is_refused_and_writes_nothing(client, auth, store_settings, clock):
    cert_id, pnr = signed(client, auth)
    for sender, status in (("NOPE", 401), ("TRANSP", 404)):  # unknown; not a lisjp recipient
        refused = post(client, recipient_auth(store_settings, clock, sender),
                       message(cert_id, pnr))
        assert refused.status_code == status, sender  # TRANSP: never sent to it, as if missing
    assert conversation(client, auth, cert_id) == []


def test_a_staff_token_cannot_post_recipient_messages(client, auth):
    cert_id, pnr = signed(client, auth)
    assert post(client, auth, message(cert_id, pnr)).status_code == 401


def test_complement_items_only_with_komplt(client, auth, fk):
    cert_id, pnr = signed(client, auth)
    refused = post(client, fk, message(cert_id, pnr, "OVRIGT",
                                       complementItems=[{"questionId": "1", "text": "x"}]))
    assert refused.status_code == 422


@pytest.mark.parametrize(("type_id", "recipient"), [("ts-bas", "TRANSP"), ("af00213", "AF")])
def test_only_lisjp_luse_luae_have_questions(client, auth, store_settings, clock, type_id,
                                             recipient):
    cert_id, pnr = signed(client, auth, type_id, send_to=recipient)
    own = recipient_auth(store_settings, clock, recipient)
    assert post(client, own, message(cert_id, pnr, "OVRIGT")).status_code == 409


def test_a_certificate_without_a_recipient_is_not_found_by_any_recipient(client, auth, fk):
    cert_id, pnr = signed(client, auth, "ag7804", send_to=None)  # the employer's, on paper
    assert post(client, fk, message(cert_id, pnr, "OVRIGT")).status_code == 404


def test_nothing_on_an_unsigned_certificate(client, auth, fk):
    pnr = personnummer()
    draft = client.post("/v1/certificates", headers=auth, json={
        "type": "lisjp", "patient": {"personnummer": pnr}, "careUnit": UNIT_BODY,
        "content": {}}).json()
    refused = post(client, fk, message(draft["id"], pnr, "OVRIGT"))
    assert refused.status_code == 404  # a draft was never sent: no recipient knows of it


def test_nothing_on_a_revoked_certificate(client, auth, fk):
    cert_id, pnr = signed(client, auth)
    client.post(f"/v1/certificates/{cert_id}/revoke", headers=auth,
                json={"reason": "FEL_PATIENT", "text": "Fel"})
    refused = post(client, fk, message(cert_id, pnr, "OVRIGT"))
    assert refused.status_code == 409 and "revoked" in refused.json()["detail"]


def test_reminder_must_reference_an_existing_question(client, auth, fk):
    cert_id, pnr = signed(client, auth)
    assert post(client, fk, message(cert_id, pnr, "PAMINN", reminds="nope")).status_code == 404


def test_reminder_flags_the_question_and_cannot_be_answered(client, auth, fk):
    cert_id, pnr = signed(client, auth)
    asked = message(cert_id, pnr, "OVRIGT")
    post(client, fk, asked)
    reminder = message(cert_id, pnr, "PAMINN", reminds=asked["messageId"],
                       sentAt="2026-11-29T10:00:00+00:00")
    assert post(client, fk, reminder).status_code == 201
    [question] = conversation(client, auth, cert_id)
    assert question["reminders"] == 1 and question["latestEventAt"].startswith("2026-11-29")
    answered = client.post(f"/v1/certificates/{cert_id}/questions/{reminder['messageId']}/answer",
                           headers=auth, json={"text": "Svar"})
    assert answered.status_code == 404


def test_care_may_start_only_avstmn_kontkt_or_ovrigt(client, auth):
    cert_id, _ = signed(client, auth)
    for subject, status in (("AVSTMN", 201), ("KONTKT", 201), ("OVRIGT", 201), ("KOMPLT", 422),
                            ("PAMINN", 422)):
        asked = client.post(f"/v1/certificates/{cert_id}/questions", headers=auth,
                            json={"subject": subject, "text": "Fråga"})
        assert asked.status_code == status, subject
    states = {q["state"] for q in conversation(client, auth, cert_id)}
    assert states == {"PENDING_EXTERNAL_ACTION"}


def test_answer_from_the_recipient_is_answered_and_a_second_is_refused(client, auth, fk):
    cert_id, pnr = signed(client, auth)
    client.post(f"/v1/certificates/{cert_id}/questions", headers=auth,
                json={"subject": "KONTKT", "text": "Ring mig"})
    [question] = conversation(client, auth, cert_id)
    assert post(client, fk, message(cert_id, pnr, "KONTKT",
                                    answers=question["id"])).status_code == 201
    assert conversation(client, auth, cert_id)[0]["state"] == "ANSWERED"
    second = post(client, fk, message(cert_id, pnr, "KONTKT", answers=question["id"]))
    assert second.status_code == 409
    other_subject = post(client, fk, message(cert_id, pnr, "OVRIGT", answers=question["id"]))
    assert other_subject.status_code in (409, 422)


def test_an_answer_from_care_closes_the_question(client, auth, fk):
    cert_id, pnr = signed(client, auth)
    asked = message(cert_id, pnr, "AVSTMN")
    post(client, fk, asked)
    answered = client.post(f"/v1/certificates/{cert_id}/questions/{asked['messageId']}/answer",
                           headers=auth, json={"text": "Vi kommer"})
    assert answered.status_code == 200, answered.text
    [question] = conversation(client, auth, cert_id)
    assert question["state"] == "CLOSED" and question["answer"]["text"] == "Vi kommer"


def test_komplt_cannot_get_a_plain_answer(client, auth, fk):
    cert_id, pnr = signed(client, auth)
    asked = message(cert_id, pnr)
    post(client, fk, asked)
    refused = client.post(f"/v1/certificates/{cert_id}/questions/{asked['messageId']}/answer",
                          headers=auth, json={"text": "Nej"})
    assert refused.status_code == 409


def test_cannot_complement_answer_goes_to_every_open_komplt(client, auth, fk):
    cert_id, pnr = signed(client, auth)
    for _ in range(2):
        post(client, fk, message(cert_id, pnr))
    post(client, fk, message(cert_id, pnr, "OVRIGT"))
    done = client.post(f"/v1/certificates/{cert_id}/questions/cannot-complement",
                       headers=auth, json={"text": "Kan inte kompletteras"})
    assert done.status_code == 200, done.text
    states = sorted((q["subject"], q["state"]) for q in conversation(client, auth, cert_id))
    assert states == [("KOMPLT", "CLOSED"), ("KOMPLT", "CLOSED"),
                      ("OVRIGT", "PENDING_INTERNAL_ACTION")]


def test_open_question_is_marked_handled_and_reopened(client, auth, fk):
    cert_id, pnr = signed(client, auth)
    asked = message(cert_id, pnr, "OVRIGT")
    post(client, fk, asked)
    base = f"/v1/certificates/{cert_id}/questions/{asked['messageId']}"
    assert client.post(f"{base}/handled", headers=auth).status_code == 200
    assert conversation(client, auth, cert_id)[0]["state"] == "CLOSED"
    assert client.post(f"{base}/reopen", headers=auth).status_code == 200
    assert conversation(client, auth, cert_id)[0]["state"] == "PENDING_INTERNAL_ACTION"


def test_an_answered_question_from_the_recipient_cannot_be_reopened(client, auth, fk):
    cert_id, pnr = signed(client, auth)
    asked = message(cert_id, pnr, "OVRIGT")
    post(client, fk, asked)
    base = f"/v1/certificates/{cert_id}/questions/{asked['messageId']}"
    client.post(f"{base}/answer", headers=auth, json={"text": "Svar"})
    assert client.post(f"{base}/reopen", headers=auth).status_code == 409
    assert client.post(f"{base}/handled", headers=auth).status_code == 409


def test_revoking_closes_every_open_question(client, auth, fk):
    cert_id, pnr = signed(client, auth)
    post(client, fk, message(cert_id, pnr))
    client.post(f"/v1/certificates/{cert_id}/questions", headers=auth,
                json={"subject": "KONTKT", "text": "?"})
    client.post(f"/v1/certificates/{cert_id}/revoke", headers=auth,
                json={"reason": "FEL_PATIENT", "text": "Fel"})
    assert {q["state"] for q in conversation(client, auth, cert_id)} == {"CLOSED"}


def test_signed_complement_closes_komplt_and_its_revocation_reopens_it(client, auth, fk):
    cert_id, pnr = signed(client, auth)
    post(client, fk, message(cert_id, pnr))
    child = client.post(f"/v1/certificates/{cert_id}/complement", headers=auth).json()
    assert client.post(f"/v1/certificates/{child['id']}/sign", headers=auth,
                       json={"version": child["version"]}).status_code == 200
    assert conversation(client, auth, cert_id)[0]["state"] == "CLOSED"
    sent = client.get(f"/v1/certificates/{child['id']}", headers=auth).json()["statuses"]
    assert ("FKASSA", "SENT") in {(s["recipient"], s["kind"]) for s in sent}
    client.post(f"/v1/certificates/{child['id']}/revoke", headers=auth,
                json={"reason": "ANNAT_ALLVARLIGT_FEL", "text": "Fel"})
    assert conversation(client, auth, cert_id)[0]["state"] == "PENDING_INTERNAL_ACTION"


def test_another_units_staff_cannot_read_or_answer(client, auth, fk, store_settings, clock):
    """To another unit's staff the certificate does not exist (404, Hardening item 6)."""
    cert_id, pnr = signed(client, auth)
    asked = message(cert_id, pnr, "OVRIGT")
    post(client, fk, asked)
    other = {"Authorization": f"Bearer {token_for(store_settings, staff_at(care_unit()), clock)}"}
    assert client.get(f"/v1/certificates/{cert_id}/questions", headers=other).status_code == 404
    answered = client.post(f"/v1/certificates/{cert_id}/questions/{asked['messageId']}/answer",
                           headers=other, json={"text": "Svar"})
    assert answered.status_code == 404


def test_nothing_is_reopened_on_a_revoked_certificate(client, auth, fk):
    cert_id, pnr = signed(client, auth)
    asked = message(cert_id, pnr, "OVRIGT")
    post(client, fk, asked)
    base = f"/v1/certificates/{cert_id}/questions/{asked['messageId']}"
    client.post(f"{base}/handled", headers=auth)
    client.post(f"/v1/certificates/{cert_id}/revoke", headers=auth,
                json={"reason": "FEL_PATIENT", "text": "Fel"})
    assert client.post(f"{base}/reopen", headers=auth).status_code == 409
    assert {q["state"] for q in conversation(client, auth, cert_id)} == {"CLOSED"}
