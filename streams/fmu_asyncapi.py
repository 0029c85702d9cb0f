"""The FMU part of the AsyncAPI document: the topic to the authority's system with its
messages (``streams.fmu_wire``, published by the relay through ``streams.fmu_messages``)."""

from __future__ import annotations

from typing import Any

from streams.fmu_wire import FMU_MESSAGES
from streams.side_topic_asyncapi import UUID_TEXT, SideTopic, header, side_message

FMU_HEADERS: dict[str, dict[str, Any]] = {
    "ce_specversion": header("CloudEvents spec version.", const="1.0"),
    "ce_id": header("The message's id (payload.message_id): UUID5 in namespace "
                    "9a3e6c1f-54b2-4d8e-a0f7-2c6b81d4e953 of '<assessment id>:<version>'; "
                    "the same on every re-publish: deduplicate on it.", pattern=UUID_TEXT),
    "ce_type": header("se.intyg.fmu.<message>.v<schema_version>; equals payload.type.",
                      pattern=r"^se\.intyg\.fmu\.[A-Za-z]+\.v[0-9]+$"),
    "ce_source": header("Where the messages come from.", const="/intyg/fmu"),
    "ce_subject": header("The investigation's id (FK's assessmentId): equals the key.",
                         pattern=UUID_TEXT),
    "ce_time": header("When the step was stored; equals payload.at.", format="date-time"),
    "content-type": header("Media type of the value.", const="application/json"),
    "log_position": header("The step's position in the event store's log.",
                           pattern="^[1-9][0-9]*$"),
}
FMU_KEY = {"type": "string", "pattern": UUID_TEXT,
           "description": "The investigation's id: its messages share a partition, in order."}
FMU_DESCRIPTION = (
    "What care tells the authority about an FMU investigation: the region's answer to its "
    "request, visits booked, rescheduled, cancelled and held, deviations care reports, the "
    "assessment extended, the utlåtande and each komplettering sent. Key: the investigation's "
    "id (FK's assessmentId). Ids, codes and dates only, plus the coordinator's comment on an "
    "answer and the performer unit's contact details on an accept: no patient data.")


def fmu_messages(binding_version: str) -> dict[str, Any]:
    return {f"Fmu{m}": side_message(
        f"se.intyg.fmu.{m}.v1", m, f"{m} to the authority's system (ORDERS.md §1.10 outgoing).",
        FMU_HEADERS, {"$ref": f"./fmu/{m}.v1.schema.json"}, FMU_KEY, binding_version)
        for m in FMU_MESSAGES}


FMU_TOPIC = SideTopic("fmuToAuthority", "intyg.fmu.to-authority.v1", FMU_DESCRIPTION,
                      "publishFmuToAuthority",
                      "The relay publishes each FMU step the authority is told of.",
                      fmu_messages)
