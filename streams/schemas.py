"""The published contract of the certificates topic: one wire model per event type, versioned.

Separate from the domain's event classes on purpose: the domain may refactor, the wire may only
grow. A message is the event's history line (``id``, ``version``, ``event``, ``at``, ``data``)
plus its CloudEvents ``type`` and ``schemaVersion``, so an auditor's replay from Kafka prints
exactly what ``intyg history`` prints from the store.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, create_model

TYPE_PREFIX = "se.intyg.certificate."
SCHEMA_VERSION = 1
JsonObject = dict[str, Any]


class WireData(BaseModel):
    # Readers tolerate fields added in later versions (the contract may only grow); the writer
    # is held to the declared fields by ``to_wire``.
    model_config = ConfigDict(extra="ignore", hide_input_in_errors=True)  # no patient data


class Envelope(BaseModel):
    """Fields every message has."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True, hide_input_in_errors=True)

    type: str
    schema_version: int
    id: UUID
    version: int
    event: str
    at: datetime


_FIELDS: dict[str, dict[str, Any]] = {
    "DraftCreated": {"type_id": str, "content_version": int, "patient": JsonObject,
                     "care_unit": JsonObject, "author": JsonObject, "created_at": datetime,
                     "content": JsonObject, "complete": bool, "relation": JsonObject | None},
    "CertificateRegistered": {"type_id": str, "content_version": int, "patient": JsonObject,
                              "care_unit": JsonObject, "signer": JsonObject,
                              "signed_at": datetime, "content": JsonObject, "source": str,
                              "registered_at": datetime},
    "DraftEdited": {"content": JsonObject, "complete": bool, "care_unit": JsonObject,
                    "edited_by": str, "edited_at": datetime},
    "DraftDiscarded": {"discarded_by": str, "discarded_at": datetime},
    "DraftLocked": {"locked_at": datetime},
    "DraftDisposed": {"disposed_at": datetime},
    "CertificateSigned": {"signer": JsonObject, "signed_at": datetime},
    "CertificateSent": {"recipient": str, "sent_at": datetime, "sent_by": str},
    "CertificateRevoked": {"reason": str, "text": str, "revoked_by": str,
                           "revoked_at": datetime, "forwarded_to": list[str]},
    "CertificateArchived": {"archived_at": datetime},
    "CertificateRestored": {"restored_at": datetime},
    "ChildCertificateCreated": {"child_id": UUID, "kind": str, "at": datetime},
    "ChildCertificateSigned": {"child_id": UUID, "at": datetime},
    "ChildCertificateRevoked": {"child_id": UUID, "at": datetime},
    "ChildDraftDiscarded": {"child_id": UUID, "at": datetime},
    # The conversation about a certificate (DOMAIN.md §6). ``id`` is the conversation's own id;
    # the Kafka key is ``data.certificate_id``, so one key replays certificate and questions.
    "ConversationStarted": {"certificate_id": UUID, "recipient": str},
    "QuestionReceived": {"certificate_id": UUID, "message_id": str, "reference_id": str | None,
                         "subject": str, "heading": str | None, "text": str, "sender": str,
                         "contact_info": str | None, "complement_items": list[JsonObject],
                         "last_answer_date": str | None, "sent_at": datetime},
    "AnswerReceived": {"certificate_id": UUID, "message_id": str, "question_id": str,
                       "text": str, "sender": str, "sent_at": datetime,
                       "reference_id": str | None},
    "ReminderReceived": {"certificate_id": UUID, "message_id": str, "question_id": str,
                         "text": str, "sender": str, "sent_at": datetime},
    "QuestionSent": {"certificate_id": UUID, "message_id": str, "subject": str,
                     "heading": str | None, "text": str, "recipient": str, "sent_by": str,
                     "sent_at": datetime},
    "AnswerSent": {"certificate_id": UUID, "message_id": str, "question_id": str, "text": str,
                   "recipient": str, "sent_by": str, "sent_at": datetime},
    "CannotComplementAnswered": {"certificate_id": UUID, "message_id": str,
                                 "question_ids": list[str], "text": str, "recipient": str,
                                 "sent_by": str, "sent_at": datetime},
    "KompltClosedByComplement": {"certificate_id": UUID, "complement_id": UUID,
                                 "question_ids": list[str], "at": datetime},
    "QuestionHandled": {"certificate_id": UUID, "question_id": str, "by": str, "at": datetime},
    "QuestionReopened": {"certificate_id": UUID, "question_id": str, "by": str,
                         "at": datetime},
    "QuestionsClosedByRevocation": {"certificate_id": UUID, "question_ids": list[str],
                                    "at": datetime},
    "KompltReopened": {"certificate_id": UUID, "complement_id": UUID,
                       "question_ids": list[str], "at": datetime},
}
CONVERSATION_EVENTS = frozenset(list(_FIELDS)[list(_FIELDS).index("ConversationStarted"):])


def _message_model(event: str, fields: dict[str, Any]) -> type[Envelope]:
    definitions: dict[str, Any] = {name: (kind, ...) for name, kind in fields.items()}
    data = create_model(f"{event}Data", __base__=WireData, **definitions)
    return create_model(f"{event}V{SCHEMA_VERSION}", __base__=Envelope, data=(data, ...))


MESSAGES: dict[str, type[Envelope]] = {e: _message_model(e, f) for e, f in _FIELDS.items()}


class UnknownEventError(ValueError):
    pass


class ContractDriftError(ValueError):
    """A domain event carries a field the published contract does not declare: add it to the
    wire model (and regenerate the contract) before it can be published."""


def ce_type(event: str) -> str:
    return f"{TYPE_PREFIX}{event}.v{SCHEMA_VERSION}"


def to_wire(history_line: dict[str, Any]) -> dict[str, Any]:
    """Validate one history line against the contract and return the message value."""
    event = history_line["event"]
    model = MESSAGES.get(event)
    if model is None:
        raise UnknownEventError(f"No wire schema for event {event!r}.")
    value = {"type": ce_type(event), "schema_version": SCHEMA_VERSION, **history_line}
    model.model_validate(value)
    _check_declared(model, value)
    return value  # the history line's own JSON, so replay and history agree byte for byte


def _check_declared(model: type[Envelope], value: dict[str, Any]) -> None:
    data_model = model.model_fields["data"].annotation
    declared = set(data_model.model_fields) if isinstance(data_model, type) else set()
    undeclared = sorted(set(value) - set(model.model_fields)) + sorted(
        f"data.{key}" for key in set(value["data"]) - declared)
    if undeclared:
        raise ContractDriftError(f"{value['event']} has fields outside the contract: "
                                 f"{', '.join(undeclared)}")


def parse_wire(value: dict[str, Any]) -> Envelope:
    """Validate a consumed message value; raises on anything not in the contract."""
    model = MESSAGES.get(str(value.get("event")))
    if model is None:
        raise UnknownEventError(f"No wire schema for event {value.get('event')!r}.")
    return model.model_validate(value)


HISTORY_KEYS = ("id", "version", "event", "at", "data")


def as_history_line(value: dict[str, Any]) -> dict[str, Any]:
    """The part of a message that equals ``intyg history``'s line for the same event."""
    return {key: value[key] for key in HISTORY_KEYS}
