"""The FMU part of the AsyncAPI document: the topic to the authority's system with its
messages (``streams.fmu_wire``, published by the relay through ``streams.fmu_messages``)."""

from __future__ import annotations

from typing import Any

FMU_CHANNEL = "fmuToAuthority"
FMU_ADDRESS = "intyg.fmu.to-authority.v1"
UUID_TEXT = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


def _header(description: str, **schema: Any) -> dict[str, Any]:
    return {"type": "string", "description": description, **schema}


FMU_HEADERS: dict[str, dict[str, Any]] = {
    "ce_specversion": _header("CloudEvents spec version.", const="1.0"),
    "ce_id": _header("The message's id (payload.message_id): UUID5 in namespace "
                     "9a3e6c1f-54b2-4d8e-a0f7-2c6b81d4e953 of '<assessment id>:<version>'; "
                     "the same on every re-publish: deduplicate on it.", pattern=UUID_TEXT),
    "ce_type": _header("se.intyg.fmu.<message>.v<schema_version>; equals payload.type.",
                       pattern=r"^se\.intyg\.fmu\.[A-Za-z]+\.v[0-9]+$"),
    "ce_source": _header("Where the messages come from.", const="/intyg/fmu"),
    "ce_subject": _header("The investigation's id (FK's assessmentId): equals the key.",
                          pattern=UUID_TEXT),
    "ce_time": _header("When the step was stored; equals payload.at.", format="date-time"),
    "content-type": _header("Media type of the value.", const="application/json"),
    "log_position": _header("The step's position in the event store's log.",
                            pattern="^[1-9][0-9]*$"),
}
FMU_KEY = {"type": "string", "pattern": UUID_TEXT,
           "description": "The investigation's id: its messages share a partition, in order."}


def fmu_message_name(message: str) -> str:
    return f"Fmu{message}"


def fmu_messages(messages: list[str], binding_version: str) -> dict[str, Any]:
    return {fmu_message_name(m): {
        "name": f"se.intyg.fmu.{m}.v1", "title": m,
        "summary": f"{m} to the authority's system (ORDERS.md §1.10 outgoing).",
        "contentType": "application/json",
        "headers": {"type": "object", "required": sorted(FMU_HEADERS),
                    "properties": FMU_HEADERS},
        "payload": {"$ref": f"./fmu/{m}.v1.schema.json"},
        "correlationId": {"description": "Deduplicate on ce_id.",
                          "location": "$message.header#/ce_id"},
        "bindings": {"kafka": {"key": FMU_KEY, "bindingVersion": binding_version}},
    } for m in messages}


FMU_DESCRIPTION = (
    "What care tells the authority about an FMU investigation: the region's answer to its "
    "request, visits booked, rescheduled, cancelled and held, deviations care reports, the "
    "assessment extended, the utlåtande and each komplettering sent. Key: the investigation's "
    "id (FK's assessmentId). Ids, codes and dates only, plus the coordinator's comment on an "
    "answer and the performer unit's contact details on an accept: no patient data.")
