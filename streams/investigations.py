"""Every step of an FMU investigation on Kafka (ORDERS.md §1; issue 14: "every step is an event
on Kafka"): each stored event of an ``Investigation`` goes to ``intyg.fmu.v1``, key = the
investigation's id, in log order (one investigation's events share a partition, by version),
as an ``InvestigationEventMessage``: the aggregate's id and version, the event's name, when,
and its own fields (who acted, the actor, the step's ids, codes, dates and comments).

The citizen's personnummer (``CitizenRecorded``) travels sealed under the citizen's data key
(``streams.sealing``, docs/sealing.md), and so do the comments of a request's answer or
rejection and of an updated order (schema version 2 of those three steps; version 1 messages,
written before, carry them clear): under the citizen's key once the citizen is recorded, before
that under the investigation's own (``domain.access.forgetting.investigation_subject``).
``ce_id`` is the same on every re-publish (UUID5 of id and version): deduplicate on it. The
steps the authority is told of also go to its own topic (``streams.fmu_messages``).
"""

from __future__ import annotations

import json
import uuid
from typing import Any, Literal

from eventsourcing.domain import DomainEventProtocol
from pydantic import BaseModel, ConfigDict, Field

from commands.history import history_line
from streams.orders import Message, Seal

INVESTIGATIONS_SOURCE = "/intyg/investigations"
INVESTIGATION_SCHEMA_VERSION = 1
SEALED_COMMENT_STEPS = ("UnitAnswered", "RequestRejected", "OrderUpdated")  # version 2
_IDS = uuid.UUID("3f6d2a81-0c4e-4b97-8e15-d27a9b40c6f3")
INVESTIGATION_EVENTS = (
    "RequestReceived", "OrderedDirectly", "UnitsAsked", "UnitAssignedDirectly", "UnitAnswered",
    "UnitAssigned", "RequestRejected", "OrderReceived", "OrderUpdated", "DocumentsReceived",
    "VisitBooked", "AssessmentExtended", "VisitRescheduled", "DeviationReceived",
    "DeviationReported", "VisitCancelled", "VisitHeld", "StatementSent", "StatementReceived",
    "ComplementRequested", "ComplementQuestionsReceived", "ComplementSent",
    "ComplementReceived", "InvestigationEnded", "CitizenRecorded", "PaymentIdRecorded")


def investigation_version(event: str) -> int:
    """The step's schema version: 2 for a step whose comment travels sealed."""
    return 2 if event in SEALED_COMMENT_STEPS else INVESTIGATION_SCHEMA_VERSION


def investigation_event_type(event: str, version: int | None = None) -> str:
    return f"se.intyg.investigation.{event}.v{version or investigation_version(event)}"


def investigation_event_id(aggregate_id: str, version: int) -> str:
    """Deterministic: a re-published step carries the same id."""
    return str(uuid.uuid5(_IDS, f"{aggregate_id}:{version}"))


class InvestigationEventMessage(BaseModel):
    """One stored step of an FMU investigation: the event's own fields in ``data`` (``at``,
    ``actor``, ``by`` and the step's), the citizen's personnummer sealed."""

    model_config = ConfigDict(extra="forbid")
    type: str = Field(pattern=r"^se\.intyg\.investigation\.[A-Za-z]+\.v[12]$")
    schema_version: Literal[1, 2]
    id: str = Field(description="The investigation's id (Försäkringskassan's assessmentId)")
    version: int = Field(ge=1, description="The investigation's version after this event")
    event: str = Field(description="The step: one of the investigation's events")
    at: str = Field(description="When the step was stored (ISO 8601 with offset)")
    data: dict[str, Any]


def investigation_message(event: DomainEventProtocol[Any], position: int,
                          seal: Seal) -> Message:
    """Key, value and headers of the step on ``intyg.fmu.v1``, its citizen sealed."""
    line = history_line(event)
    value = {"type": investigation_event_type(line["event"]),
             "schema_version": investigation_version(line["event"]), "id": line["id"],
             "version": line["version"], "event": line["event"], "at": line["at"],
             "data": line["data"]}
    InvestigationEventMessage.model_validate(value)  # the contract, checked on the way out
    key = line["id"].encode()
    ce_id = investigation_event_id(line["id"], line["version"])
    headers = [("ce_specversion", b"1.0"), ("ce_id", ce_id.encode()),
               ("ce_type", value["type"].encode()), ("ce_source", INVESTIGATIONS_SOURCE.encode()),
               ("ce_subject", key), ("ce_time", line["at"].encode()),
               ("content-type", b"application/json"),
               ("aggregate_version", str(line["version"]).encode()),
               ("log_position", str(position).encode())]
    return key, json.dumps(seal(value), ensure_ascii=False).encode(), headers
