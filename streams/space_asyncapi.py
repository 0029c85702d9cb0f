"""The spaces topic in the AsyncAPI document: every event of a Samverkansytan space
(``streams.samverkan``), one message per event, its patient data marked sealed."""

from __future__ import annotations

from typing import Any

from streams.fmu_asyncapi import FMU_HEADERS
from streams.samverkan import (
    SPACE_EVENTS,
    SPACES_SOURCE,
    SpaceEventMessage,
    space_event_type,
)
from streams.sealing.fields import SPACE_SEALED_FIELDS
from streams.side_topic_asyncapi import UUID_TEXT, SideTopic, event_payload, side_message
from streams.wire_types import HEALTH_DATA, PATIENT_IDENTITY, SealedValue, sealed

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


def space_message_name(event: str) -> str:
    return f"Samverkan{event}"


def _payload(event: str) -> dict[str, Any]:
    return event_payload(SpaceEventMessage, {
        "type": space_event_type(event), "event": event}, {
        f.path: {**SealedValue.model_json_schema(), **sealed(_KIND.get(f.path, HEALTH_DATA)),
                 "description": f"The {f.path}, sealed."}
        for f in SPACE_SEALED_FIELDS.get(event, ())})


def space_messages(binding_version: str) -> dict[str, Any]:
    return {space_message_name(e): side_message(
        space_event_type(e), e, f"{e}: an event of a Samverkansytan space.", HEADERS,
        _payload(e), KEY, binding_version) for e in SPACE_EVENTS}


SPACES_TOPIC = SideTopic("samverkan", "intyg.samverkan.v1", SPACES_DESCRIPTION,
                         "publishSpaceEvents",
                         "The relay publishes every stored event of a space in log order.",
                         space_messages)
