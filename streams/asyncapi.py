"""The AsyncAPI 3.1 document of what intyg publishes on Kafka: servers, topics with their Kafka
bindings, every message with its headers, key and payload schema.

Built from the code that publishes (streams/relay.py, streams/topics.py, streams/consumer.py),
so it says what the wire does; docs/consumers.md explains how to consume it.
"""

from __future__ import annotations

from typing import Any

from commands.settings import Settings
from domain.shared.catalogue import RECIPIENTS, RecipientKind
from streams.fmu_asyncapi import (
    FMU_ADDRESS,
    FMU_CHANNEL,
    FMU_DESCRIPTION,
    fmu_message_name,
    fmu_messages,
)
from streams.fmu_wire import FMU_MESSAGES
from streams.schemas import MESSAGES, SCHEMA_VERSION, ce_type

BINDING_VERSION = "0.5.0"
RECIPIENT_EVENTS = ("CertificateSent", "CertificateRevoked", "QuestionSent", "AnswerSent",
                    "CannotComplementAnswered")
AUTHORITIES = sorted(r.id for r in RECIPIENTS.values() if r.kind is RecipientKind.AUTHORITY)
UUID_TEXT = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
COUNTING = "^[1-9][0-9]*$"


def _header(description: str, **schema: Any) -> dict[str, Any]:
    return {"type": "string", "description": description, **schema}


HEADERS: dict[str, dict[str, Any]] = {
    "ce_specversion": _header("CloudEvents spec version.", const="1.0"),
    "ce_id": _header(
        "The event's id: UUID5 in namespace 5b0d1c3e-7a2f-4c61-9d43-1f0e6a2b7c88 of "
        "'<id>:<version>' (the payload's aggregate id and version). The same on every "
        "re-publish and on every topic the event goes to: deduplicate on it.",
        pattern=UUID_TEXT),
    "ce_type": _header("se.intyg.certificate.<event>.v<schema_version>; equals payload.type.",
                       pattern=r"^se\.intyg\.certificate\.[A-Za-z]+\.v[0-9]+$"),
    "ce_source": _header("Where events come from.", const="/intyg/certificates"),
    "ce_subject": _header("The certificate's id: equals the message key.", pattern=UUID_TEXT),
    "ce_time": _header("When the event was stored (ISO 8601 with offset); equals payload.at.",
                       format="date-time"),
    "content-type": _header("Media type of the value (CloudEvents binary mode).",
                            const="application/json"),
    "aggregate_version": _header(
        "The aggregate's version after this event; equals payload.version. The aggregate is "
        "the certificate, or for a conversation event the conversation (payload.id).",
        pattern=COUNTING),
    "log_position": _header(
        "The event's position in the event store's log. Increases along a partition, with "
        "gaps (internal events are not published); never compare it across partitions.",
        pattern=COUNTING),
}
RECIPIENT_HEADER = _header("The recipient this copy is addressed to (the topic's recipient).",
                           enum=AUTHORITIES)
DEAD_LETTER_HEADERS: dict[str, dict[str, Any]] = {
    "dlt_topic": _header("The topic the message was read from."),
    "dlt_partition": _header("Its partition.", pattern="^[0-9]+$"),
    "dlt_offset": _header("Its offset there.", pattern="^[0-9]+$"),
    "dlt_error": _header("The name of the error the consumer met (never its text)."),
    "dlt_consumer": _header("The consumer that gave up on it."),
}
KEY = {"type": "string", "pattern": UUID_TEXT,
       "description": "The certificate's id (UTF-8), also for the events of its conversation: "
                      "the partition is murmur2(key) mod the topic's partitions (Kafka's "
                      "default partitioner), so one certificate's events share a partition."}
TOPIC_CONFIG = {"cleanup.policy": ["delete"], "retention.ms": -1, "retention.bytes": -1}
# What intyg creates a topic with (streams/topics.py): INTYG_KAFKA_PARTITIONS, one replica.
DEFAULT_PARTITIONS = Settings.model_fields["kafka_partitions"].default


def _headers(extra: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    headers = {**HEADERS, **(extra or {})}
    return {"type": "object", "required": sorted(headers), "properties": headers}


def _message(event: str, recipient: bool = False) -> dict[str, Any]:
    where = ("a recipient topic, with the recipient header" if recipient
             else "the certificates topic")
    return {
        "name": ce_type(event),
        "title": event,
        "summary": f"{event} on {where}.",
        "contentType": "application/json",
        "headers": _headers({"recipient": RECIPIENT_HEADER} if recipient else None),
        "payload": {"$ref": f"./{event}.v{SCHEMA_VERSION}.schema.json"},
        "correlationId": {"description": "Deduplicate on ce_id.",
                          "location": "$message.header#/ce_id"},
        "bindings": {"kafka": {"key": KEY, "bindingVersion": BINDING_VERSION}},
    }


def _channel(address: str, description: str, messages: list[str],
             **extra: Any) -> dict[str, Any]:
    return {"address": address, "description": description,
            "messages": {m: {"$ref": f"#/components/messages/{m}"} for m in messages},
            "bindings": {"kafka": {"partitions": DEFAULT_PARTITIONS, "replicas": 1,
                                   "topicConfiguration": TOPIC_CONFIG,
                                   "bindingVersion": BINDING_VERSION}}, **extra}


def _send(channel: str, summary: str, messages: list[str]) -> dict[str, Any]:
    return {"action": "send", "summary": summary, "channel": {"$ref": f"#/channels/{channel}"},
            "messages": [{"$ref": f"#/channels/{channel}/messages/{m}"} for m in messages]}


DESCRIPTION = """Every event of every certificate and of the conversations about them, as \
CloudEvents in Kafka's binary mode (ce_* headers, JSON value). Read docs/consumers.md for the \
rules, in short:

* Key and partition: the key is the certificate's id; a conversation's events carry the \
certificate's key too, so one partition holds a certificate and its questions, in the order \
they were stored.
* Versions: `version` counts per aggregate (payload `id`). A certificate and its conversation \
are different aggregates under one key, so (key, version) is NOT unique: deduplicate on `ce_id` \
(or on payload (id, version)).
* Delivery: at least once. A message may be published again after a crash, with the same ce_id \
and value.
* log_position rises along a partition with gaps; it is not comparable across partitions.
* Retention: unlimited, no compaction; replay from offset 0 rebuilds everything.
* Evolution: fields may be added to a payload or an object at any time (ignore what you do not \
know); codes may be added to a code list; a removed or renamed field, or a changed meaning, \
is a new schema version (v2 in ce_type and schema_version, published as a new message type). \
Skip (do not fail on) an event type you do not know.
* Classification: a field marked x-intyg-classification carries personal data \
(patient-identity, health-data or staff-identity); x-intyg-protection says whether it travels \
in clear or sealed."""


def asyncapi() -> dict[str, Any]:
    events = list(MESSAGES)
    to_recipients = [f"{event}ToRecipient" for event in RECIPIENT_EVENTS]
    messages = {event: _message(event) for event in events}
    messages |= {f"{event}ToRecipient": _message(event, recipient=True)
                 for event in RECIPIENT_EVENTS}
    messages["DeadLetter"] = {
        "name": "DeadLetter", "title": "Dead letter",
        "summary": "A message a consumer of intyg could not process, parked here unchanged.",
        "description": "Key and value are the original message's, byte for byte; the original "
                       "headers are not copied. Read the original (with its ce_* headers) at "
                       "dlt_topic / dlt_partition / dlt_offset.",
        "headers": {"type": "object", "required": sorted(DEAD_LETTER_HEADERS),
                    "properties": DEAD_LETTER_HEADERS},
        "payload": {"description": "The original value, unchanged (any bytes)."},
    }
    to_authority = [fmu_message_name(m) for m in FMU_MESSAGES]
    messages |= fmu_messages(list(FMU_MESSAGES), BINDING_VERSION)
    return {
        "asyncapi": "3.1.0",
        "id": "urn:se:intyg:events",
        "info": {"title": "intyg certificate events", "version": f"{SCHEMA_VERSION}.1.0",
                 "description": DESCRIPTION},
        "defaultContentType": "application/json",
        "servers": {"kafka": {
            "host": "{bootstrap}", "protocol": "kafka", "protocolVersion": "4.0",
            "description": "The Kafka cluster intyg publishes to (PLAINTEXT).",
            "variables": {"bootstrap": {
                "default": "127.0.0.1:9092",
                "description": "Bootstrap servers, INTYG_KAFKA_BOOTSTRAP_SERVERS."}}}},
        "channels": {
            "certificates": _channel(
                "intyg.certificates.v1",
                "Every published event. Partitions: set when the topic is created "
                "(INTYG_KAFKA_PARTITIONS, 3 by default); a topic name may carry the prefix "
                "INTYG_KAFKA_TOPIC_PREFIX (empty in production).", events),
            "recipient": _channel(
                "intyg.recipient.{recipient}.v1",
                "What care sends to one authority: a sent certificate, a revocation of one "
                "it was sent to, care's questions and answers. Same key, value and ce_id as "
                "on the certificates topic, plus the recipient header.", to_recipients,
                parameters={"recipient": {"enum": AUTHORITIES,
                                          "description": "The recipient's id."}}),
            "deadletter": _channel(
                "intyg.deadletter.v1",
                "Messages one of intyg's own consumers could not process.", ["DeadLetter"]),
            FMU_CHANNEL: _channel(FMU_ADDRESS, FMU_DESCRIPTION, to_authority),
        },
        "operations": {
            "publishCertificateEvents": _send("certificates", "The relay publishes every "
                                              "stored event in log order.", events),
            "publishToRecipients": _send("recipient", "The relay copies the events addressed "
                                         "to an authority to its topic.", to_recipients),
            "parkDeadLetters": _send("deadletter", "intyg's consumers park what they cannot "
                                     "process.", ["DeadLetter"]),
            "publishFmuToAuthority": _send(FMU_CHANNEL, "The relay publishes each FMU step "
                                           "the authority is told of.", to_authority),
        },
        "components": {"messages": messages},
    }
