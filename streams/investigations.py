"""Every step of an FMU investigation on Kafka (ORDERS.md §1; issue 14: "every step is an event
on Kafka"): each stored event of an ``Investigation`` goes to ``intyg.fmu.v1``, key = the
investigation's id, in log order (one investigation's events share a partition, by version),
as an ``InvestigationEventMessage``: the aggregate's id and version, the event's name, when,
and its own fields (who acted, the actor, the step's ids, codes, dates and comments).

The citizen's personnummer (``CitizenRecorded``) travels sealed under the citizen's data key
(``streams.sealing``, docs/sealing.md); the comments of a request's answer or rejection and of
an updated order are the coordinator's and Försäkringskassan's, written about the request, and
travel clear. ``ce_id`` is the same on every re-publish (UUID5 of id and version): deduplicate
on it. The steps the authority is told of also go to its own topic (``streams.fmu_messages``).
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
_IDS = uuid.UUID("3f6d2a81-0c4e-4b97-8e15-d27a9b40c6f3")
INVESTIGATION_EVENTS = (
    "RequestReceived", "OrderedDirectly", "UnitsAsked", "UnitAssignedDirectly", "UnitAnswered",
    "UnitAssigned", "RequestRejected", "OrderReceived", "OrderUpdated", "DocumentsReceived",
    "VisitBooked", "AssessmentExtended", "VisitRescheduled", "DeviationReceived",
    "DeviationReported", "VisitCancelled", "VisitHeld", "StatementSent", "StatementReceived",
    "ComplementRequested", "ComplementQuestionsReceived", "ComplementSent",
    "ComplementReceived", "InvestigationEnded", "CitizenRecorded", "PaymentIdRecorded")


def investigation_event_type(event: str) -> str:
    return f"se.intyg.investigation.{event}.v{INVESTIGATION_SCHEMA_VERSION}"


def investigation_event_id(aggregate_id: str, version: int) -> str:
    """Deterministic: a re-published step carries the same id."""
    return str(uuid.uuid5(_IDS, f"{aggregate_id}:{version}"))


class InvestigationEventMessage(BaseModel):
    """One stored step of an FMU investigation: the event's own fields in ``data`` (``at``,
    ``actor``, ``by`` and the step's), the citizen's personnummer sealed."""

    model_config = ConfigDict(extra="forbid")
    type: str = Field(pattern=r"^se\.intyg\.investigation\.[A-Za-z]+\.v1$")
    schema_version: Literal[1]
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
             "schema_version": INVESTIGATION_SCHEMA_VERSION, "id": line["id"],
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
