"""The spaces topic in the AsyncAPI document: every event of a Samverkansytan space
(``streams.samverkan``), one message per event, its patient data marked sealed."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from streams.fmu_asyncapi import FMU_HEADERS, UUID_TEXT
from streams.samverkan import (
    SPACE_EVENTS,
    SPACES_SOURCE,
    SpaceEventMessage,
    space_event_type,
)
from streams.sealing.fields import SPACE_SEALED_FIELDS
from streams.wire_types import HEALTH_DATA, PATIENT_IDENTITY, SealedValue, sealed

SPACES_CHANNEL = "samverkan"
SPACES_ADDRESS = "intyg.samverkan.v1"
SPACES_DESCRIPTION = (
    "Every event of every Samverkansytan space, keyed by the space's id, in the order they "
    "were stored. The owner's personnummer (SpaceOpened), the sick-leave periods "
    "(CertificateLinked) and every item's title and text (ItemProposed) travel sealed under "
    "the citizen's data key; roles, parties (HSA ids, organisation numbers), ids and times "
    "stay clear. Folding the opened events gives the space the event store holds.")
HEADERS: dict[str, dict[str, Any]] = {
    **FMU_HEADERS,
    "ce_id": {"type": "string", "pattern": UUID_TEXT, "description": (
        "The event's id: UUID5 in namespace c41e8f27-5a93-4d0b-9e62-71b3d8a0f5c9 of "
        "'<id>:<version>'; the same on every re-publish: deduplicate on it.")},
    "ce_type": {"type": "string", "pattern": r"^se\.intyg\.samverkan\.[A-Za-z]+\.v[0-9]+$",
                "description": "se.intyg.samverkan.<event>.v1; equals payload.type."},
    "ce_source": {"type": "string", "const": SPACES_SOURCE,
                  "description": "Where the events come from."},
    "ce_subject": {"type": "string", "pattern": UUID_TEXT,
                   "description": "The space's id: equals the key."},
    "aggregate_version": {"type": "string", "pattern": "^[1-9][0-9]*$",
                          "description": "The space's version: equals payload.version."},
}
KEY = {"type": "string", "pattern": UUID_TEXT,
       "description": "The space's id: its events share a partition, in order."}
_KIND = {"citizen": PATIENT_IDENTITY}
Builder = Callable[..., dict[str, Any]]


def space_message_name(event: str) -> str:
    return f"Samverkan{event}"


def _payload(event: str) -> dict[str, Any]:
    schema = copy.deepcopy(SpaceEventMessage.model_json_schema())
    schema["properties"]["type"] = {"type": "string", "const": space_event_type(event)}
    schema["properties"]["event"] = {"type": "string", "const": event}
    fields = SPACE_SEALED_FIELDS.get(event, ())
    if fields:
        schema["properties"]["data"] = {**schema["properties"]["data"], "properties": {
            f.path: {**SealedValue.model_json_schema(),
                     **sealed(_KIND.get(f.path, HEALTH_DATA)),
                     "description": f"The {f.path}, sealed."} for f in fields}}
    return schema


def space_messages(binding_version: str) -> dict[str, Any]:
    return {space_message_name(e): {
        "name": space_event_type(e), "title": e,
        "summary": f"{e}: an event of a Samverkansytan space.",
        "contentType": "application/json",
        "headers": {"type": "object", "required": sorted(HEADERS), "properties": HEADERS},
        "payload": _payload(e),
        "correlationId": {"description": "Deduplicate on ce_id.",
                          "location": "$message.header#/ce_id"},
        "bindings": {"kafka": {"key": KEY, "bindingVersion": binding_version}},
    } for e in SPACE_EVENTS}


def space_channel(channel: Builder) -> dict[str, Any]:
    names = [space_message_name(e) for e in SPACE_EVENTS]
    return {SPACES_CHANNEL: channel(SPACES_ADDRESS, SPACES_DESCRIPTION, names)}


def space_operation(send: Builder) -> dict[str, Any]:
    names = [space_message_name(e) for e in SPACE_EVENTS]
    return {"publishSpaceEvents": send(SPACES_CHANNEL, "The relay publishes every stored "
                                       "event of a space in log order.", names)}
