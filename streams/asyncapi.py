"""The AsyncAPI 3.1 document of what intyg publishes on Kafka: servers, topics with their Kafka
bindings, every message with its headers, key and payload schema.

Built from the code that publishes (streams/relay.py, streams/topics.py, streams/consumer.py),
so it says what the wire does; docs/consumers.md explains how to consume it.
"""

from __future__ import annotations

from typing import Any

from commands.settings import Settings
from domain.shared.catalogue import RECIPIENTS, RecipientKind
from streams.audit_asyncapi import ACCESS_TOPIC, DIGESTS_TOPIC
from streams.fmu_asyncapi import FMU_TOPIC
from streams.investigation_asyncapi import INVESTIGATIONS_TOPIC
from streams.order_contract import ORDER_EARLIER, order_messages
from streams.orders import (
    ORDER_EVENTS,
    ORDERS_SOURCE,
)
from streams.schemas import EARLIER, MESSAGES, ce_type, version_of
from streams.side_topic_asyncapi import UUID_TEXT, side_message, side_parts
from streams.side_topic_asyncapi import header as _header
from streams.space_asyncapi import SPACES_TOPIC
from streams.topics import ordering_systems

BINDING_VERSION = "0.5.0"
RECIPIENT_EVENTS = ("CertificateSent", "CertificateRevoked", "QuestionSent", "AnswerSent",
                    "CannotComplementAnswered")
AUTHORITIES = sorted(r.id for r in RECIPIENTS.values() if r.kind is RecipientKind.AUTHORITY)
COUNTING = "^[1-9][0-9]*$"
CONTRACT_VERSION = "2.7.0"  # the versions and what each changed: docs/consumers.md
SIDE_TOPICS = (FMU_TOPIC, INVESTIGATIONS_TOPIC, DIGESTS_TOPIC, ACCESS_TOPIC, SPACES_TOPIC)


HEADERS: dict[str, dict[str, Any]] = {
    "ce_specversion": _header("CloudEvents spec version.", const="1.0"),
    "ce_id": _header(
        "The event's id: UUID5 in namespace 5b0d1c3e-7a2f-4c61-9d43-1f0e6a2b7c88 of "
        "'<id>:<version>' (the payload's aggregate id and version). The same on every "
        "re-publish and on every topic the event goes to: deduplicate on it.",
        pattern=UUID_TEXT),
    "ce_type": _header("se.intyg.certificate.<event>.v<schema_version>; equals payload.type. "
                       "Version 2 of an event seals its patient data; version 1 messages, "
                       "written before, stay on the topic in clear.",
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


def _message(event: str, recipient: bool = False, version: int | None = None
             ) -> dict[str, Any]:
    where = ("a recipient topic, with the recipient header" if recipient
             else "the certificates topic")
    version = version or version_of(event)
    earlier = "" if version == version_of(event) else \
        f" Version {version}, in clear: written before its patient data was sealed."
    return side_message(ce_type(event, version), event, f"{event} on {where}.{earlier}",
                        {**HEADERS, "recipient": RECIPIENT_HEADER} if recipient else HEADERS,
                        {"$ref": f"./{event}.v{version}.schema.json"}, KEY, BINDING_VERSION)


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
in clear or sealed.
* Sealing (contract 2.0): version 2 of every event with patient data carries the personnummer, \
the patient's name and all free text as a SealedValue (AES-256-GCM under the patient's data \
key, named by its blind index): without key access a consumer sees ids, types, codes and \
dates only. Version 1 messages written before stay on the topic in clear. Once a patient is \
forgotten (crypto-shredding) their sealed values never open again; read docs/sealing.md."""


ORDER_AUTHORITIES = ordering_systems()
ORDER_HEADERS: dict[str, dict[str, Any]] = {
    "ce_specversion": HEADERS["ce_specversion"],
    "ce_id": _header("The message's id, the same on every re-publish: deduplicate on it.",
                     pattern=UUID_TEXT),
    "ce_type": _header("se.intyg.order.<event>.v<schema_version> (2 for an event whose "
                       "patient data is sealed), or se.intyg.order.OrderAnswer.v1; equals "
                       "payload.type.", pattern=r"^se\.intyg\.order\.[A-Za-z]+\.v[0-9]+$"),
    "ce_source": _header("Where order messages come from.", const=ORDERS_SOURCE),
    "ce_subject": _header("The order's id: equals the message key.", pattern=UUID_TEXT),
    "ce_time": HEADERS["ce_time"],
    "content-type": HEADERS["content-type"],
    "log_position": HEADERS["log_position"],
}
ORDER_KEY = {"type": "string", "pattern": UUID_TEXT,
             "description": "The order's id (UTF-8): one order's messages share a partition."}


def _order_messages() -> dict[str, dict[str, Any]]:
    return order_messages(ORDER_HEADERS, ORDER_KEY, BINDING_VERSION)


def _order_channels() -> dict[str, dict[str, Any]]:
    return {
        "orders": _channel(
            "intyg.orders.v1", "Every event of the orders from authorities (Intygsbeställning),"
            " keyed by order id, in the order they were stored. The citizen and every text "
            "travel sealed under the citizen's data key (version 2); version 1 messages, "
            "written before, carry them clear.", [*ORDER_EVENTS, *ORDER_EARLIER]),
        "orderAnswers": _channel(
            "intyg.order-answers.{authority}.v1",
            "The care unit's answers to one ordering authority: ACCEPTERAT, AVVISAT, RADERAT "
            "or a MEDDELANDE in text, keyed by order id.", ["OrderAnswer"],
            parameters={"authority": {"enum": ORDER_AUTHORITIES,
                                      "description": "The ordering authority's id."}}),
    }


def _order_operations() -> dict[str, dict[str, Any]]:
    return {
        "publishOrderEvents": _send("orders", "The relay publishes every stored order event.",
                                    [*ORDER_EVENTS, *ORDER_EARLIER]),
        "publishOrderAnswers": _send("orderAnswers", "The relay sends each answer to the "
                                     "ordering authority's topic.", ["OrderAnswer"]),
    }


def asyncapi() -> dict[str, Any]:
    earlier = [f"{event}V{version}" for event, version in EARLIER]
    events = [*MESSAGES, *earlier]
    to_recipients = [f"{event}ToRecipient" for event in RECIPIENT_EVENTS]
    earlier_to_recipients = [f"{event}V{version}ToRecipient" for event, version in EARLIER
                             if event in RECIPIENT_EVENTS]
    to_recipients += earlier_to_recipients
    messages = {event: _message(event) for event in MESSAGES}
    messages |= {f"{event}V{version}": _message(event, version=version)
                 for event, version in EARLIER}
    messages |= {f"{event}ToRecipient": _message(event, recipient=True)
                 for event in RECIPIENT_EVENTS}
    messages |= {f"{event}V{version}ToRecipient": _message(event, True, version)
                 for event, version in EARLIER if event in RECIPIENT_EVENTS}
    messages |= _order_messages()
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
    side_messages, side_channels, side_operations = side_parts(
        SIDE_TOPICS, BINDING_VERSION, _channel, _send)
    messages |= side_messages
    return {
        "asyncapi": "3.1.0",
        "id": "urn:se:intyg:events",
        "info": {"title": "intyg certificate events", "version": CONTRACT_VERSION,
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
            **_order_channels(),
            **side_channels,
        },
        "operations": {
            "publishCertificateEvents": _send("certificates", "The relay publishes every "
                                              "stored event in log order.", events),
            "publishToRecipients": _send("recipient", "The relay copies the events addressed "
                                         "to an authority to its topic.", to_recipients),
            "parkDeadLetters": _send("deadletter", "intyg's consumers park what they cannot "
                                     "process.", ["DeadLetter"]),
            **_order_operations(),
            **side_operations,
        },
        "components": {"messages": messages},
    }
