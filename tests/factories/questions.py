"""Builders for questions and answers: recipient messages (domain and HTTP) and a signed,
sent certificate to talk about."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from domain.questions.conversation import Conversation
from domain.questions.messages import IncomingMessage
from tests.factories import lisjp_content, personnummer
from tests.factories.http import UNIT_BODY
from tests.type_examples import MINIMAL

CERT = uuid.uuid4()
NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


def incoming(message_id: str, subject: str = "KOMPLT", **fields: Any) -> IncomingMessage:
    items = [{"questionId": "1", "text": "Förtydliga"}] if subject == "KOMPLT" else []
    raw = {"messageId": message_id, "sentAt": NOW, "certificateId": CERT,
           "personnummer": "191212121212", "subject": subject, "text": "Fråga",
           "sender": "FKASSA", "complementItems": items} | fields
    return IncomingMessage.model_validate(raw)


def conversation() -> Conversation:
    return Conversation.start(CERT, "FKASSA")


def signed(client: Any, auth: dict[str, str], type_id: str = "lisjp",
           send_to: str | None = "FKASSA") -> tuple[str, str]:
    pnr = personnummer()
    content = lisjp_content(client.app.state.certificates.clock().date()) \
        if type_id == "lisjp" else MINIMAL[type_id]()
    created = client.post("/v1/certificates", headers=auth, json={
        "type": type_id, "patient": {"personnummer": pnr}, "careUnit": UNIT_BODY,
        "content": content}).json()
    assert client.post(f"/v1/certificates/{created['id']}/sign", headers=auth,
                       json={"version": created["version"]}).status_code == 200
    if send_to:
        client.post(f"/v1/certificates/{created['id']}/send", headers=auth,
                    json={"recipient": send_to})
    return created["id"], pnr


def message(cert_id: str, pnr: str, subject: str = "KOMPLT", **fields: Any) -> dict[str, Any]:
    body = {"messageId": fields.pop("messageId", str(uuid.uuid4())), "sentAt":
            "2026-11-28T10:00:00+00:00", "certificateId": cert_id, "personnummer": pnr,
            "subject": subject, "text": "Vänligen komplettera", **fields}
    if subject == "KOMPLT" and "complementItems" not in body:
        body["complementItems"] = [{"questionId": "32", "text": "Förtydliga perioden"}]
    return body


def post(client: Any, fk: dict[str, str], body: dict[str, Any]) -> Any:
    return client.post("/v1/recipient/messages", headers=fk, json=body)
