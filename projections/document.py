"""A certificate as the stream tells it: every read model starts from this fold.

``fold(doc, message)`` applies one wire message (the published contract, never the domain's
classes) to the certificate's document, a plain JSON-able dict, and returns the new document.
State and status entries (newest first, DOMAIN.md §5) come from the domain's own fold,
``domain.certificates.fold``, which the Certificate aggregate calls too; questions from
``domain.questions.fold`` (see ``projections.conversation_fold``).
Read models keep the document beside their own columns, so a view can be rebuilt from the
stream alone and compared with the live one.
"""

from __future__ import annotations

from typing import Any

from domain.certificates import fold as lifecycle
from projections.conversation_fold import CONVERSATION_EVENTS, apply_conversation

Doc = dict[str, Any]


def certificate_key(message: Any) -> str:
    """The certificate a message is about: its own id, or for a conversation event the
    certificate the conversation belongs to."""
    data = getattr(message, "data", None)
    # A model's fields are in its __dict__: asking getattr for a field the model lacks costs
    # pydantic an exception each time, and every message asks.
    fields = getattr(data, "__dict__", None) or {}
    return str(fields.get("certificate_id") or message.id)

_CREATED = ("DraftCreated", "CertificateRegistered")
_CHILD_STATES = {"ChildCertificateCreated": "DRAFT", "ChildCertificateSigned": "SIGNED",
                 "ChildCertificateRevoked": "REVOKED", "ChildDraftDiscarded": "DISCARDED"}


def fold(doc: Doc | None, message: Any) -> Doc | None:
    """The document after ``message``; None while the certificate's creation is unseen (a
    consumer that starts mid-stream ignores what it cannot place)."""
    data: Any = getattr(message, "data", None)
    if message.event in CONVERSATION_EVENTS:
        if doc is None:
            return None
        doc = {**doc}
        apply_conversation(doc, message.event, data)
        return doc
    if message.event in _CREATED:
        doc = _created(message, data)
    if doc is None:
        return None
    doc = {**doc, "version": message.version, "updated_at": message.at.isoformat()}
    doc.update(lifecycle.apply({"state": doc["state"], "statuses": doc["statuses"]},
                               message.event, data.model_dump(include=lifecycle.DATA_READ)))
    handler = _HANDLERS.get(message.event)
    if handler is not None:
        handler(doc, data)
    return doc


def _created(message: Any, data: Any) -> Doc:
    registered = message.event == "CertificateRegistered"
    return {
        "id": str(message.id), "type": data.type_id, "content_version": data.content_version,
        "patient": data.patient, "care_unit": data.care_unit,
        "author": None if registered else data.author,
        "signer": data.signer if registered else None,
        "created_at": message.at.isoformat(),
        "signed_at": data.signed_at.isoformat() if registered else None,
        "state": None,
        "content": data.content, "relation": None if registered else data.relation,
        "revoked": False, "revoked_at": None, "archived": False,
        "statuses": [],
        "sent_to": [], "children": [],
    }


def _edited(doc: Doc, data: Any) -> None:
    doc.update(content=data.content, care_unit=data.care_unit)
    age = getattr(data, "patient_age", None)  # version 3: the age for the new content
    if age is not None:
        doc["patient"] = {**doc["patient"], "age": age}


def _signed(doc: Doc, data: Any) -> None:
    doc.update(signer=data.signer, signed_at=data.signed_at.isoformat())


def _sent(doc: Doc, data: Any) -> None:
    doc["sent_to"] = [*doc["sent_to"], data.recipient]


def _revoked(doc: Doc, data: Any) -> None:
    doc.update(revoked=True, revoked_at=data.revoked_at.isoformat())


def _child(event: str) -> Any:
    def apply(doc: Doc, data: Any) -> None:
        child_id, state = str(data.child_id), _CHILD_STATES[event]
        if event == "ChildCertificateCreated":
            doc["children"] = [*doc["children"],
                               {"id": child_id, "kind": data.kind, "state": state}]
            return
        doc["children"] = [{**c, "state": state} if c["id"] == child_id else c
                           for c in doc["children"]]
    return apply


_HANDLERS = {
    "DraftEdited": _edited,
    "CertificateSigned": _signed,
    "CertificateSent": _sent,
    "CertificateRevoked": _revoked,
    "CertificateArchived": lambda doc, _: doc.update(archived=True),
    "CertificateRestored": lambda doc, _: doc.update(archived=False),
    **{event: _child(event) for event in _CHILD_STATES},
}
