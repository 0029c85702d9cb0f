"""The parts of a side topic in the AsyncAPI document (FMU, investigations, Samverkansytan,
the audit topics): a message with its headers, key and payload, a payload schema with its
constants and sealed fields, and the topic's channel and publishing operation. Each side
topic's module says only what is its own."""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

UUID_TEXT = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
Builder = Callable[..., dict[str, Any]]
Parts = dict[str, dict[str, Any]]


def header(description: str, **schema: Any) -> dict[str, Any]:
    return {"type": "string", "description": description, **schema}


def side_message(name: str, title: str, summary: str, headers: dict[str, Any],
                 payload: dict[str, Any], key: dict[str, Any],
                 binding_version: str) -> dict[str, Any]:
    """One message: CloudEvents headers, a JSON payload, deduplicated on ``ce_id``."""
    return {
        "name": name, "title": title, "summary": summary,
        "contentType": "application/json",
        "headers": {"type": "object", "required": sorted(headers), "properties": headers},
        "payload": payload,
        "correlationId": {"description": "Deduplicate on ce_id.",
                          "location": "$message.header#/ce_id"},
        "bindings": {"kafka": {"key": key, "bindingVersion": binding_version}},
    }


def event_payload(model: type[BaseModel], constants: dict[str, str | int],
                  sealed: dict[str, Any]) -> dict[str, Any]:
    """The message model's schema with ``constants`` fixed (type, event, version) and, when
    the event has any, ``sealed`` as the properties of its data."""
    schema = copy.deepcopy(model.model_json_schema())
    for name, value in constants.items():
        kind = "integer" if isinstance(value, int) else "string"
        schema["properties"][name] = {"type": kind, "const": value}
    if sealed:
        schema["properties"]["data"] = {**schema["properties"]["data"], "properties": sealed}
    return schema


@dataclass(frozen=True)
class SideTopic:
    """A topic's channel, address and description, the operation that publishes it, and its
    messages by name (``messages(binding_version)``)."""

    channel: str
    address: str
    description: str
    operation: str
    summary: str
    messages: Callable[[str], Parts]


def side_parts(topics: Sequence[SideTopic], binding_version: str, channel: Builder,
               send: Builder) -> tuple[Parts, Parts, Parts]:
    """Every topic's messages, channels and operations, in the order of ``topics``."""
    messages: Parts = {}
    channels: Parts = {}
    operations: Parts = {}
    for topic in topics:
        found = topic.messages(binding_version)
        messages |= found
        channels[topic.channel] = channel(topic.address, topic.description, list(found))
        operations[topic.operation] = send(topic.channel, topic.summary, list(found))
    return messages, channels, operations
