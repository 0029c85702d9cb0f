"""The investigations topic in the AsyncAPI document: every step of an FMU investigation
(``streams.investigations``), one message per event at its version, the citizen's personnummer
and the comments marked sealed; version 1 of a step whose comment is sealed from version 2 on
(written before, in clear) is a message of its own."""

from __future__ import annotations

from typing import Any

from streams.fmu_asyncapi import FMU_HEADERS, FMU_KEY
from streams.investigations import (
    INVESTIGATION_EVENTS,
    INVESTIGATIONS_SOURCE,
    SEALED_COMMENT_STEPS,
    InvestigationEventMessage,
    investigation_event_type,
    investigation_version,
)
from streams.sealing.fields import INVESTIGATION_SEALED_FIELDS
from streams.side_topic_asyncapi import (
    UUID_TEXT,
    SideTopic,
    event_payload,
    side_message,
)
from streams.wire_types import HEALTH_DATA, PATIENT_IDENTITY, SealedValue, sealed

INVESTIGATIONS_DESCRIPTION = (
    "Every step of every FMU investigation, keyed by the investigation's id (FK's "
    "assessmentId), in the order they were stored. The citizen's personnummer "
    "(CitizenRecorded) and the comments (UnitAnswered, RequestRejected, OrderUpdated: version "
    "2) travel sealed: under the citizen's data key, or before the citizen is recorded under "
    "the investigation's own; the rest is ids, actors, HSA ids, codes and dates. Version 1 of "
    "those three steps, written before, carries the comment clear.")
HEADERS: dict[str, dict[str, Any]] = {
    **FMU_HEADERS,
    "ce_id": {"type": "string", "pattern": UUID_TEXT, "description": (
        "The step's id: UUID5 in namespace 3f6d2a81-0c4e-4b97-8e15-d27a9b40c6f3 of "
        "'<id>:<version>'; the same on every re-publish: deduplicate on it.")},
    "ce_type": {"type": "string", "pattern": r"^se\.intyg\.investigation\.[A-Za-z]+\.v[0-9]+$",
                "description": "se.intyg.investigation.<event>.v<schema_version>; equals "
                               "payload.type."},
    "ce_source": {"type": "string", "const": INVESTIGATIONS_SOURCE,
                  "description": "Where the steps come from."},
    "aggregate_version": {"type": "string", "pattern": "^[1-9][0-9]*$",
                          "description": "The investigation's version: equals payload.version."},
}


def investigation_message_name(event: str, version: int | None = None) -> str:
    return f"Investigation{event}" if version is None else f"Investigation{event}V{version}"


_DESCRIBED = {"personnummer": (PATIENT_IDENTITY, "The citizen's personnummer, sealed."),
              "comment": (HEALTH_DATA, "The comment (free text), sealed; null when none.")}


def _payload(event: str, version: int) -> dict[str, Any]:
    fields = INVESTIGATION_SEALED_FIELDS.get(event, ()) if version > 1 or \
        event not in SEALED_COMMENT_STEPS else ()
    return event_payload(InvestigationEventMessage, {
        "type": investigation_event_type(event, version), "schema_version": version,
        "event": event}, {f.path: {**_sealed_schema(f.forgotten is None),
                                   **sealed(_DESCRIBED[f.path][0]),
                                   "description": _DESCRIBED[f.path][1]} for f in fields})


def _sealed_schema(nullable: bool) -> dict[str, Any]:
    value = SealedValue.model_json_schema()
    return {"anyOf": [value, {"type": "null"}]} if nullable else value


def _message(event: str, version: int, binding_version: str) -> dict[str, Any]:
    earlier = "" if version == investigation_version(event) else \
        f" Version {version}, in clear: written before its comment was sealed."
    return side_message(investigation_event_type(event, version), event,
                        f"{event}: a step of an FMU investigation.{earlier}", HEADERS,
                        _payload(event, version), FMU_KEY, binding_version)


def investigation_messages(binding_version: str) -> dict[str, Any]:
    """Every message of the topic: each step at its version, and the earlier version 1."""
    events = list(INVESTIGATION_EVENTS)
    found = {investigation_message_name(e): _message(e, investigation_version(e),
                                                     binding_version) for e in events}
    found |= {investigation_message_name(e, 1): _message(e, 1, binding_version)
              for e in events if investigation_version(e) > 1}
    return found


INVESTIGATIONS_TOPIC = SideTopic(
    "investigations", "intyg.fmu.v1", INVESTIGATIONS_DESCRIPTION, "publishInvestigationSteps",
    "The relay publishes every stored FMU step in log order.", investigation_messages)
