"""The unit's question list (``GET /v1/units/{unit}/questions``, the webcert read model) and a
certificate's question list (``GET /v1/certificates/{id}/questions``, the Conversation
aggregate) tell every question alike, for every question story of the Q&A tests
(tests/e2e/test_questions.py, tests/integration/test_komplt_story.py,
tests/unit/questions/test_qa_conversation.py). Both are folded by ``domain.questions.fold``.

DOMAIN.md §6: received question -> PENDING_INTERNAL_ACTION; an answer from the recipient ->
ANSWERED; an answer from care closes; "cannot complement" goes to every open KOMPLT; any open
question can be marked handled (closed) and re-opened, except an answered question from the
recipient; a reminder updates the latest event and flags the question. §5: a revoke closes every
open question; a signed complement closes the parent's KOMPLT and its revocation re-opens them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from commands.settings import Settings
from projections.base import docs
from tests.e2e.conftest import token_for
from tests.e2e.read_models import embedded, running
from tests.factories import FakeClock, staff_at
from tests.factories.http import recipient_auth
from tests.factories.questions import message, post, signed
from tests.type_examples import TODAY

Client = Any
Auth = dict[str, str]
Story = Callable[[Client, Auth, Auth], list[str]]
COMPARED = ("state", "handled", "answer")


@pytest.fixture
def app_with_views(tmp_path: Path, unit: Any) -> Iterator[tuple[Client, Auth, Auth, Settings]]:
    """The app with every read model running, a doctor of ``unit`` and FKASSA's token."""
    clock = FakeClock(TODAY)  # the type examples' day
    settings: Settings = embedded(tmp_path)
    with running(settings, clock) as (client, _app):
        doctor = {"Authorization": f"Bearer {token_for(settings, staff_at(unit), clock)}"}
        yield client, doctor, recipient_auth(settings, clock), settings


def _ask(client: Client, auth: Auth, cert_id: str, subject: str = "KONTKT") -> str:
    asked = client.post(f"/v1/certificates/{cert_id}/questions", headers=auth,
                        json={"subject": subject, "text": "Ring mig"})
    assert asked.status_code == 201, asked.text
    return str(client.get(f"/v1/certificates/{cert_id}/questions",
                          headers=auth).json()[-1]["id"])


def _act(client: Client, auth: Auth, cert_id: str, question_id: str, action: str,
         **body: Any) -> None:
    done = client.post(f"/v1/certificates/{cert_id}/questions/{question_id}/{action}",
                       headers=auth, json=body or None)
    assert done.status_code == 200, done.text


def _revoke(client: Client, auth: Auth, cert_id: str) -> None:
    done = client.post(f"/v1/certificates/{cert_id}/revoke", headers=auth,
                       json={"reason": "ANNAT_ALLVARLIGT_FEL", "text": "Fel"})
    assert done.status_code == 200, done.text


def received(client: Client, auth: Auth, fk: Auth) -> list[str]:
    cert_id, pnr = signed(client, auth)
    post(client, fk, message(cert_id, pnr, lastAnswerDate="2026-12-01"))
    post(client, fk, message(cert_id, pnr, "OVRIGT"))
    return [cert_id]


def reminded(client: Client, auth: Auth, fk: Auth) -> list[str]:
    cert_id, pnr = signed(client, auth)
    asked = message(cert_id, pnr, "OVRIGT")
    post(client, fk, asked)
    post(client, fk, message(cert_id, pnr, "PAMINN", reminds=asked["messageId"],
                             sentAt="2026-11-29T10:00:00+00:00"))
    return [cert_id]


def asked_by_care(client: Client, auth: Auth, fk: Auth) -> list[str]:
    cert_id, _ = signed(client, auth)
    for subject in ("AVSTMN", "KONTKT", "OVRIGT"):
        _ask(client, auth, cert_id, subject)
    return [cert_id]


def answered_by_recipient(client: Client, auth: Auth, fk: Auth) -> list[str]:
    cert_id, pnr = signed(client, auth)
    question = _ask(client, auth, cert_id)
    post(client, fk, message(cert_id, pnr, "KONTKT", answers=question))
    return [cert_id]


def handled_then_answered_by_recipient(client: Client, auth: Auth, fk: Auth) -> list[str]:
    """The drift of issue "One meaning per event": handled, then the recipient answers."""
    cert_id, pnr = signed(client, auth)
    question = _ask(client, auth, cert_id)
    _act(client, auth, cert_id, question, "handled")
    post(client, fk, message(cert_id, pnr, "KONTKT", answers=question))
    return [cert_id]


def answered_then_handled_and_reopened(client: Client, auth: Auth, fk: Auth) -> list[str]:
    cert_id, pnr = signed(client, auth)
    question, other = _ask(client, auth, cert_id), _ask(client, auth, cert_id, "OVRIGT")
    post(client, fk, message(cert_id, pnr, "KONTKT", answers=question))
    post(client, fk, message(cert_id, pnr, "OVRIGT", answers=other))
    for target in (question, other):
        _act(client, auth, cert_id, target, "handled")
    _act(client, auth, cert_id, question, "reopen")
    return [cert_id]


def answered_by_care(client: Client, auth: Auth, fk: Auth) -> list[str]:
    cert_id, pnr = signed(client, auth)
    asked = message(cert_id, pnr, "AVSTMN")
    post(client, fk, asked)
    _act(client, auth, cert_id, asked["messageId"], "answer", text="Vi kommer")
    return [cert_id]


def cannot_complement(client: Client, auth: Auth, fk: Auth) -> list[str]:
    cert_id, pnr = signed(client, auth)
    for subject in ("KOMPLT", "KOMPLT", "OVRIGT"):
        post(client, fk, message(cert_id, pnr, subject))
    done = client.post(f"/v1/certificates/{cert_id}/questions/cannot-complement",
                       headers=auth, json={"text": "Kan inte kompletteras"})
    assert done.status_code == 200, done.text
    return [cert_id]


def handled_and_reopened(client: Client, auth: Auth, fk: Auth) -> list[str]:
    cert_id, pnr = signed(client, auth)
    kept, closed = message(cert_id, pnr, "OVRIGT"), message(cert_id, pnr, "KONTKT")
    for body in (kept, closed):
        post(client, fk, body)
        _act(client, auth, cert_id, body["messageId"], "handled")
    _act(client, auth, cert_id, kept["messageId"], "reopen")
    return [cert_id]


def revoked(client: Client, auth: Auth, fk: Auth) -> list[str]:
    cert_id, pnr = signed(client, auth)
    post(client, fk, message(cert_id, pnr))
    handled = message(cert_id, pnr, "OVRIGT")
    post(client, fk, handled)
    _act(client, auth, cert_id, handled["messageId"], "handled")
    _ask(client, auth, cert_id)
    _revoke(client, auth, cert_id)
    return [cert_id]


def complemented_then_complement_revoked(client: Client, auth: Auth, fk: Auth) -> list[str]:
    cert_id, pnr = signed(client, auth)
    post(client, fk, message(cert_id, pnr, lastAnswerDate="2026-12-01"))
    asked = message(cert_id, pnr)
    post(client, fk, asked)
    post(client, fk, message(cert_id, pnr, "PAMINN", reminds=asked["messageId"]))
    child = client.post(f"/v1/certificates/{cert_id}/complement", headers=auth).json()
    assert client.post(f"/v1/certificates/{child['id']}/sign", headers=auth,
                       json={"version": child["version"]}).status_code == 200
    _revoke(client, auth, child["id"])
    return [cert_id, child["id"]]


def complemented(client: Client, auth: Auth, fk: Auth) -> list[str]:
    cert_id, pnr = signed(client, auth)
    post(client, fk, message(cert_id, pnr))
    post(client, fk, message(cert_id, pnr, "OVRIGT"))
    child = client.post(f"/v1/certificates/{cert_id}/complement", headers=auth).json()
    assert client.post(f"/v1/certificates/{child['id']}/sign", headers=auth,
                       json={"version": child["version"]}).status_code == 200
    return [cert_id, child["id"]]


STORIES: list[Story] = [
    received, reminded, asked_by_care, answered_by_recipient, handled_then_answered_by_recipient,
    answered_then_handled_and_reopened, answered_by_care, cannot_complement, handled_and_reopened,
    revoked, complemented, complemented_then_complement_revoked,
]


def _needs_action(q: dict[str, Any]) -> bool:
    """What the unit list shows: received and waiting for care, or answered by the recipient."""
    return (q["fromRecipient"] and q["state"] == "PENDING_INTERNAL_ACTION") or \
        (not q["fromRecipient"] and q["state"] == "ANSWERED")


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.__name__)
def test_unit_list_and_certificate_list_agree_on_every_question_when_story_is_told(
        app_with_views, unit, story):
    """§6 states, handled flag and answer are the same in both lists, and the unit list holds
    exactly the questions that need action by the certificate's own list."""
    client, auth, fk, _settings = app_with_views
    cert_ids = story(client, auth, fk)
    position = client.app.state.certificates.recorder.max_notification_id()
    unit_list = client.get(f"/v1/units/{unit.hsa_id}/questions?after={position}", headers=auth)
    assert unit_list.status_code == 200, unit_list.text
    in_unit = {q["id"]: q for q in unit_list.json()}
    for cert_id in cert_ids:
        for q in client.get(f"/v1/certificates/{cert_id}/questions", headers=auth).json():
            assert (q["id"] in in_unit) == _needs_action(q), q
            if q["id"] in in_unit:
                listed = in_unit.pop(q["id"])
                assert {k: listed[k] for k in COMPARED} == {k: q[k] for k in COMPARED}
                assert listed["certificateId"] == cert_id
    assert in_unit == {}  # nothing in the unit list that a certificate does not hold


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.__name__)
def test_read_model_document_holds_each_question_as_the_aggregate_when_story_is_told(
        app_with_views, story):
    """Every question, also the closed ones the unit list leaves out: the webcert document and
    the Conversation agree on §6 state, handled flag and answer."""
    client, auth, fk, _settings = app_with_views
    cert_ids = story(client, auth, fk)
    host = client.app.state.projections
    assert host.wait_for("webcert", client.app.state.certificates.recorder.max_notification_id())
    with host.db.transaction() as tx:  # closed before the reads: each writes its access entry
        held = {cert_id: docs(tx, host.seal,
                              tx.execute("SELECT doc FROM webcert WHERE id = ?", (cert_id,)))
                for cert_id in cert_ids}
    for cert_id, [doc] in held.items():
        from_view = {qid: (q["state"], q["handled"], q["answer"])
                     for qid, q in (doc.get("questions") or {}).items()}
        told = client.get(f"/v1/certificates/{cert_id}/questions", headers=auth).json()
        from_aggregate = {q["id"]: (q["state"], q["handled"], _answer(q["answer"]))
                          for q in told}
        assert from_view == from_aggregate


def _answer(answer: dict[str, Any] | None) -> dict[str, Any] | None:
    return None if answer is None else {"message_id": answer["messageId"],
                                        "text": answer["text"], "at": answer["at"]}
