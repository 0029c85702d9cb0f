"""Checks a consumer would run on a real Kafka record with nothing but the published contract
(streams/contract/) and standard tools: the CloudEvents SDK's Kafka binding, and JSON Schema
validation of the key, the headers (from the AsyncAPI document), the value and its content (the
content is sealed on the wire: a consumer with key access checks it opened)."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import jsonschema
from cloudevents.core.bindings.kafka import KafkaMessage, from_binary
from cloudevents.core.formats.json import JSONFormat

from streams.contract import CONTRACT_DIR

FORMATS = jsonschema.Draft202012Validator.FORMAT_CHECKER


@cache
def document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((CONTRACT_DIR / "asyncapi.json").read_text())
    return loaded


@cache
def _schema(relative: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((CONTRACT_DIR / relative).read_text())
    return loaded


def _validate(instance: Any, schema: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(schema, format_checker=FORMATS).validate(instance)


def message_spec(channel: str, value: dict[str, Any]) -> dict[str, Any]:
    """The AsyncAPI message the channel lists for this value's event."""
    listed = document()["channels"][channel]["messages"]
    name = value["event"] if channel == "certificates" else f"{value['event']}ToRecipient"
    assert name in listed, f"{name} is not listed on channel {channel}"
    spec: dict[str, Any] = document()["components"]["messages"][name]
    return spec


def check_record(channel: str, record: Any, opened: dict[str, Any]) -> dict[str, Any]:
    """Every check on one record, ``opened`` its value opened with the data keys; returns
    the parsed value. Raises on the first breach."""
    headers = {name: raw for name, raw in record.headers}
    event = from_binary(KafkaMessage(headers=headers, key=record.key, value=record.value),
                        JSONFormat())
    value: dict[str, Any] = json.loads(record.value)
    spec = message_spec(channel, value)
    _validate({k: v.decode() for k, v in headers.items()}, spec["headers"])
    _validate(record.key.decode(), spec["bindings"]["kafka"]["key"])
    _validate(value, _schema(spec["payload"]["$ref"].removeprefix("./")))
    assert (event.get_type(), event.get_subject()) == (value["type"], record.key.decode())
    assert spec["name"] == value["type"]
    content = opened["data"].get("content")
    if value["event"] in ("DraftCreated", "CertificateRegistered"):
        data = opened["data"]
        _validate(content, _schema(f"content/{data['type_id']}.v{data['content_version']}"
                                   ".schema.json"))
    return value


def check_dead_letter(record: Any) -> None:
    """A dead letter's headers are those the AsyncAPI document lists for the dead-letter
    channel (the key and value are the original's, whatever they were)."""
    listed = document()["channels"]["deadletter"]["messages"]
    assert list(listed) == ["DeadLetter"]
    spec = document()["components"]["messages"]["DeadLetter"]
    _validate({name: raw.decode() for name, raw in record.headers}, spec["headers"])


def check_listed_record(channel: str, record: Any) -> dict[str, Any]:
    """A record of a channel whose messages are told apart by ``ce_type`` (the digests and
    access-log topics): the CloudEvents SDK parses it, and its headers, key and value fit the
    message the channel lists under that type. Returns the value."""
    headers = {name: raw for name, raw in record.headers}
    event = from_binary(KafkaMessage(headers=headers, key=record.key, value=record.value),
                        JSONFormat())
    messages = document()["components"]["messages"]
    specs = [messages[name] for name in document()["channels"][channel]["messages"]
             if messages[name]["name"] == event.get_type()]
    assert len(specs) == 1, f"{event.get_type()} is not listed on channel {channel}"
    spec, value = specs[0], json.loads(record.value)
    _validate({k: v.decode() for k, v in headers.items()}, spec["headers"])
    _validate(record.key.decode(), spec["bindings"]["kafka"]["key"])
    _validate(value, _schema(spec["payload"]["$ref"].removeprefix("./")))
    return dict(value)
