"""The published contract of the certificates topic: one wire model per event type, versioned.

Separate from the domain's event classes on purpose: the domain may refactor, the wire may only
grow. A message is the event's history line (``id``, ``version``, ``event``, ``at``, ``data``)
plus its CloudEvents ``type`` and ``schemaVersion``, so an auditor's replay from Kafka prints
exactly what ``intyg history`` prints from the store.

Version 2 of the events that carry patient data seals those fields (``streams.sealing.fields``);
version 3 of the content events seals the content answer by answer and adds the patient's
statistics facts. ``MESSAGES`` is what goes on the wire, ``to_wire`` makes the clear value the
relay then seals, and ``parse_wire`` reads a clear value: a version 1 message written before
sealing, or a later one once ``streams.sealing`` has opened it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, create_model

from streams.sealing.fields import (
    ANSWERS_SEALED_VERSION,
    CONTENT_EVENTS,
    SEALED_FIELDS,
    still_sealed,
    without_published_age,
)
from streams.wire_types import (
    HEALTH_DATA,
    AnswersSealedContent,
    CareUnitObject,
    CertificateRef,
    ChildRef,
    ComplementItemObject,
    ComplementRef,
    HsaRef,
    MessageId,
    MessageText,
    PatientAge,
    PatientObject,
    PatientWithFactsObject,
    QuestionRef,
    QuestionRefs,
    ReasonCode,
    RecipientId,
    RelationCode,
    RelationObject,
    SealedContent,
    SealedItems,
    SealedPatientObject,
    SealedText,
    SenderRef,
    StaffObject,
    SubjectCode,
    TypeId,
    classified,
)

TYPE_PREFIX = "se.intyg.certificate."
SEALED_VERSION = 2
JsonObject = dict[str, Any]
Content = Annotated[JsonObject, Field(
    description="The certificate's answers; its schema is content.<type_id>.v<content_version>.",
    json_schema_extra=classified(HEALTH_DATA))]


class WireData(BaseModel):
    # Readers tolerate fields added in later versions (the contract may only grow); the writer
    # is held to the declared fields by ``to_wire``.
    model_config = ConfigDict(extra="ignore", hide_input_in_errors=True)  # no patient data


class Envelope(BaseModel):
    """Fields every message has."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True, hide_input_in_errors=True)

    type: str
    schema_version: int
    id: UUID = Field(description="The aggregate's id: the certificate's, or for a conversation "
                     "event the conversation's own (its certificate is data.certificate_id).")
    version: int = Field(description="The aggregate's version after this event (from 1, no "
                         "gaps per aggregate).")
    event: str
    at: datetime = Field(description="When the event was stored.")


_P, _U, _S, _T = PatientObject, CareUnitObject, StaffObject, TypeId
_C, _M, _Q, _QS = CertificateRef, MessageId, QuestionRef, QuestionRefs
_FIELDS: dict[str, dict[str, Any]] = {
    "DraftCreated": {"type_id": _T, "content_version": int, "patient": _P, "care_unit": _U,
                     "author": _S, "created_at": datetime, "content": Content, "complete": bool,
                     "relation": RelationObject | None},
    "CertificateRegistered": {"type_id": _T, "content_version": int, "patient": _P,
                              "care_unit": _U, "signer": _S, "signed_at": datetime,
                              "content": Content, "source": str, "registered_at": datetime},
    "DraftEdited": {"content": Content, "complete": bool, "care_unit": _U, "edited_by": HsaRef,
                    "edited_at": datetime},
    "DraftDiscarded": {"discarded_by": HsaRef, "discarded_at": datetime},
    "DraftLocked": {"locked_at": datetime},
    "DraftDisposed": {"disposed_at": datetime},
    "CertificateSigned": {"signer": _S, "signed_at": datetime},
    "CertificateSent": {"recipient": RecipientId, "sent_at": datetime, "sent_by": SenderRef},
    "CertificateRevoked": {"reason": ReasonCode, "text": MessageText, "revoked_by": HsaRef,
                           "revoked_at": datetime, "forwarded_to": list[RecipientId]},
    "CertificateArchived": {"archived_at": datetime},
    "CertificateRestored": {"restored_at": datetime},
    "ChildCertificateCreated": {"child_id": ChildRef, "kind": RelationCode, "at": datetime},
    "ChildCertificateSigned": {"child_id": ChildRef, "at": datetime},
    "ChildCertificateRevoked": {"child_id": ChildRef, "at": datetime},
    "ChildDraftDiscarded": {"child_id": ChildRef, "at": datetime},
    # The conversation about a certificate (DOMAIN.md §6). ``id`` is the conversation's own id;
    # the Kafka key is ``data.certificate_id``, so one key replays certificate and questions.
    "ConversationStarted": {"certificate_id": _C, "recipient": RecipientId},
    "QuestionReceived": {"certificate_id": _C, "message_id": _M, "reference_id": str | None,
                         "subject": SubjectCode, "heading": MessageText | None, "text": MessageText,
                         "sender": str, "contact_info": MessageText | None,
                         "complement_items": list[ComplementItemObject],
                         "last_answer_date": str | None, "sent_at": datetime},
    "AnswerReceived": {"certificate_id": _C, "message_id": _M, "question_id": _Q,
                       "text": MessageText, "sender": str, "sent_at": datetime,
                       "reference_id": str | None},
    "ReminderReceived": {"certificate_id": _C, "message_id": _M, "question_id": _Q,
                         "text": MessageText, "sender": str, "sent_at": datetime},
    "QuestionSent": {"certificate_id": _C, "message_id": _M, "subject": SubjectCode,
                     "heading": MessageText | None, "text": MessageText, "recipient": RecipientId,
                     "sent_by": HsaRef, "sent_at": datetime},
    "AnswerSent": {"certificate_id": _C, "message_id": _M, "question_id": _Q,
                   "text": MessageText, "recipient": RecipientId, "sent_by": HsaRef,
                   "sent_at": datetime},
    "CannotComplementAnswered": {"certificate_id": _C, "message_id": _M, "question_ids": _QS,
                                 "text": MessageText, "recipient": RecipientId,
                                 "sent_by": HsaRef, "sent_at": datetime},
    "KompltClosedByComplement": {"certificate_id": _C, "complement_id": ComplementRef,
                                 "question_ids": _QS, "at": datetime},
    "QuestionHandled": {"certificate_id": _C, "question_id": _Q, "by": HsaRef, "at": datetime},
    "QuestionReopened": {"certificate_id": _C, "question_id": _Q, "by": HsaRef,
                         "at": datetime},
    "QuestionsClosedByRevocation": {"certificate_id": _C, "question_ids": _QS,
                                    "at": datetime},
    "KompltReopened": {"certificate_id": _C, "complement_id": ComplementRef,
                       "question_ids": _QS, "at": datetime},
}
CONVERSATION_EVENTS = frozenset(list(_FIELDS)[list(_FIELDS).index("ConversationStarted"):])
# What each sealed field is on the wire (its clear kind was optional: the sealed one is too).
_SEALED_KINDS: dict[str, Any] = {
    "patient": SealedPatientObject, "content": SealedContent, "text": SealedText,
    "heading": SealedText | None, "contact_info": SealedText | None,
    "complement_items": SealedItems}


_ANSWER_KINDS: dict[str, Any] = {"patient": PatientWithFactsObject,
                                 "content": AnswersSealedContent}
# Fields the relay adds from version 3 on (optional: the history line has none of them).
_ANSWER_ADDED: dict[str, dict[str, Any]] = {
    "DraftEdited": {"patient_age": (PatientAge | None, None)}}


def _added(event: str, version: int) -> dict[str, Any]:
    return _ANSWER_ADDED.get(event, {}) if version >= ANSWERS_SEALED_VERSION else {}


def version_of(event: str) -> int:
    """The current schema version of an event's message: 2 where fields travel sealed, 3 where
    the content is sealed answer by answer."""
    if event in CONTENT_EVENTS:
        return ANSWERS_SEALED_VERSION
    return SEALED_VERSION if event in SEALED_FIELDS else 1


def ce_type(event: str, version: int | None = None) -> str:
    return f"{TYPE_PREFIX}{event}.v{version or version_of(event)}"


def _pinned(kind: type, value: str | int, description: str) -> tuple[Any, Any]:
    """A field that holds one value: ``const`` in the schema, checked when read and written."""

    def only(found: Any) -> Any:
        if found != value:
            raise ValueError(f"expected {value!r}")
        return found

    return Annotated[kind, AfterValidator(only)], Field(
        description=description, json_schema_extra={"const": value})


def _message_model(event: str, fields: dict[str, Any], version: int) -> type[Envelope]:
    """One event's message: ``type``, ``event`` and ``schema_version`` pinned to this event."""
    definitions: dict[str, Any] = {name: kind if isinstance(kind, tuple) else (kind, ...)
                                   for name, kind in fields.items()}
    data = create_model(f"{event}Data", __base__=WireData, **definitions)
    pins: dict[str, Any] = {
        "type": _pinned(str, ce_type(event, version), "The CloudEvents type (ce_type)."),
        "schema_version": _pinned(int, version, "The version of this message schema."),
        "event": _pinned(str, event, "The event's name."),
    }
    return create_model(f"{event}V{version}", __base__=Envelope, **pins,
                        data=(data, Field(description="What happened.")))


def _sealed(event: str, fields: dict[str, Any], version: int) -> dict[str, Any]:
    names = {field.path.split(".")[0] for field in SEALED_FIELDS.get(event, ())}
    kinds = {**_SEALED_KINDS, **(_ANSWER_KINDS if version >= ANSWERS_SEALED_VERSION else {})}
    return {**{name: kinds[name] if name in names else kind for name, kind in fields.items()},
            **_added(event, version)}


# On the wire, every event at its current version (sealed fields as SealedValue).
MESSAGES: dict[str, type[Envelope]] = {
    e: _message_model(e, _sealed(e, f, version_of(e)), version_of(e))
    for e, f in _FIELDS.items()}
# What a reader gets: the current version with every field opened.
CLEAR: dict[str, type[Envelope]] = {
    e: _message_model(e, {**f, **_added(e, version_of(e))}, version_of(e))
    if e in SEALED_FIELDS else MESSAGES[e]
    for e, f in _FIELDS.items()}
# Earlier versions still on the topics (Kafka keeps everything): version 1, all in clear, and
# version 2 of the content events (the content sealed whole). ``EARLIER`` is their wire shape,
# ``EARLIER_CLEAR`` what a reader gets once they are opened.
_BEFORE = [(e, v) for e in _FIELDS if e in SEALED_FIELDS for v in range(1, version_of(e))]
EARLIER: dict[tuple[str, int], type[Envelope]] = {
    (e, v): _message_model(e, _sealed(e, _FIELDS[e], v) if v > 1 else _FIELDS[e], v)
    for e, v in _BEFORE}
EARLIER_CLEAR: dict[tuple[str, int], type[Envelope]] = {
    (e, v): _message_model(e, _FIELDS[e], v) for e, v in _BEFORE}


class UnknownEventError(ValueError):
    pass


class StillSealedError(ValueError):
    """A message reached a reader with a field still sealed: open it first
    (``streams.sealing``)."""


class ContractDriftError(ValueError):
    """A domain event carries a field the published contract does not declare: add it to the
    wire model (and regenerate the contract) before it can be published."""


def to_wire(history_line: dict[str, Any]) -> dict[str, Any]:
    """Validate one history line against the contract and return the message value, in clear
    (the relay seals the fields ``streams.sealing.fields`` lists before it publishes)."""
    event = history_line["event"]
    model = CLEAR.get(event)
    if model is None:
        raise UnknownEventError(f"No wire schema for event {event!r}.")
    value = {"type": ce_type(event), "schema_version": version_of(event), **history_line}
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
    """Validate a consumed message value in clear (version 1, or a later one opened); raises
    on anything not in the contract, and on a field still sealed."""
    event = str(value.get("event"))
    if event not in CLEAR:
        raise UnknownEventError(f"No wire schema for event {event!r}.")
    version = value.get("schema_version")
    model = CLEAR[event] if version == version_of(event) else \
        EARLIER_CLEAR.get((event, version)) if isinstance(version, int) else None
    if model is None:
        raise UnknownEventError(f"No wire schema for {event} version {version!r}.")
    if isinstance(value.get("data"), dict) and still_sealed(value):
        raise StillSealedError(f"{event} still has sealed fields: {', '.join(still_sealed(value))}")
    return model.model_validate(value)


HISTORY_KEYS = ("id", "version", "event", "at", "data")


def as_history_line(value: dict[str, Any]) -> dict[str, Any]:
    """The part of a message that equals ``intyg history``'s line for the same event (a
    version 3 message without the age the relay publishes beside the content)."""
    line = {key: value[key] for key in HISTORY_KEYS}
    if value.get("event") in CONTENT_EVENTS and isinstance(line["data"], dict):
        line["data"] = without_published_age(line["data"])
    return line
