"""The investigations topic in the AsyncAPI document: every step of an FMU investigation
(``streams.investigations``), one message per event, the citizen's personnummer marked sealed."""

from __future__ import annotations

import copy
from typing import Any

from streams.fmu_asyncapi import FMU_HEADERS, FMU_KEY, UUID_TEXT
from streams.investigations import (
    INVESTIGATIONS_SOURCE,
    InvestigationEventMessage,
    investigation_event_type,
)
from streams.sealing.fields import INVESTIGATION_SEALED_FIELDS
from streams.wire_types import PATIENT_IDENTITY, SealedValue, sealed

INVESTIGATIONS_CHANNEL = "investigations"
INVESTIGATIONS_ADDRESS = "intyg.fmu.v1"
INVESTIGATIONS_DESCRIPTION = (
    "Every step of every FMU investigation, keyed by the investigation's id (FK's "
    "assessmentId), in the order they were stored. The citizen's personnummer "
    "(CitizenRecorded) travels sealed under the citizen's data key; the rest is ids, actors, "
    "HSA ids, codes, dates and the coordinator's and Försäkringskassan's comments.")
HEADERS: dict[str, dict[str, Any]] = {
    **FMU_HEADERS,
    "ce_id": {"type": "string", "pattern": UUID_TEXT, "description": (
        "The step's id: UUID5 in namespace 3f6d2a81-0c4e-4b97-8e15-d27a9b40c6f3 of "
        "'<id>:<version>'; the same on every re-publish: deduplicate on it.")},
    "ce_type": {"type": "string", "pattern": r"^se\.intyg\.investigation\.[A-Za-z]+\.v[0-9]+$",
                "description": "se.intyg.investigation.<event>.v1; equals payload.type."},
    "ce_source": {"type": "string", "const": INVESTIGATIONS_SOURCE,
                  "description": "Where the steps come from."},
    "aggregate_version": {"type": "string", "pattern": "^[1-9][0-9]*$",
                          "description": "The investigation's version: equals payload.version."},
}


def investigation_message_name(event: str) -> str:
    return f"Investigation{event}"


def _payload(event: str) -> dict[str, Any]:
    schema = copy.deepcopy(InvestigationEventMessage.model_json_schema())
    schema["properties"]["type"] = {"type": "string", "const": investigation_event_type(event)}
    schema["properties"]["event"] = {"type": "string", "const": event}
    fields = INVESTIGATION_SEALED_FIELDS.get(event, ())
    if fields:
        schema["properties"]["data"] = {**schema["properties"]["data"], "properties": {
            f.path: {**SealedValue.model_json_schema(), **sealed(PATIENT_IDENTITY),
                     "description": "The citizen's personnummer, sealed."} for f in fields}}
    return schema


def investigation_messages(events: list[str], binding_version: str) -> dict[str, Any]:
    return {investigation_message_name(e): {
        "name": investigation_event_type(e), "title": e,
        "summary": f"{e}: a step of an FMU investigation.", "contentType": "application/json",
        "headers": {"type": "object", "required": sorted(HEADERS), "properties": HEADERS},
        "payload": _payload(e),
        "correlationId": {"description": "Deduplicate on ce_id.",
                          "location": "$message.header#/ce_id"},
        "bindings": {"kafka": {"key": FMU_KEY, "bindingVersion": binding_version}},
    } for e in events}
