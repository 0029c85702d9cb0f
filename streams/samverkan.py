"""Every event of a Samverkansytan space on Kafka: each stored event of a ``Space`` goes to
``intyg.samverkan.v1``, key = the space's id, in log order (one space's events share a
partition, by version), as a ``SpaceEventMessage``: the space's id and version, the event's
name, when, and its own fields. The owner's personnummer, the sick-leave periods and every
item's free text travel sealed under the citizen's data key (``SPACE_SEALED_FIELDS``).
``ce_id`` is the same on every re-publish (UUID5 of id and version): deduplicate on it.
Folding the opened messages with ``domain.samverkan.fold`` gives the space the store holds."""

from __future__ import annotations

import json
import uuid
from typing import Any, Literal

from eventsourcing.domain import DomainEventProtocol
from pydantic import BaseModel, ConfigDict, Field

from commands.history import history_line
from streams.orders import Message, Seal

SPACES_SOURCE = "/intyg/samverkan"
SPACE_SCHEMA_VERSION = 1
_IDS = uuid.UUID("c41e8f27-5a93-4d0b-9e62-71b3d8a0f5c9")
SPACE_EVENTS = (
    "SpaceOpened", "CertificateLinked", "ParticipantInvited", "ParticipantRemoved",
    "ConsentRecorded", "ConsentWithdrawn", "ItemProposed", "ItemApproved", "ApprovalWithdrawn",
    "ContactGiven", "ReplyPosted")


def space_event_type(event: str) -> str:
    return f"se.intyg.samverkan.{event}.v{SPACE_SCHEMA_VERSION}"


def space_event_id(aggregate_id: str, version: int) -> str:
    """Deterministic: a re-published event carries the same id."""
    return str(uuid.uuid5(_IDS, f"{aggregate_id}:{version}"))


class SpaceEventMessage(BaseModel):
    """One stored event of a space: its own fields in ``data`` (``at``, ``by`` and the
    event's), patient data sealed."""

    model_config = ConfigDict(extra="forbid")
    type: str = Field(pattern=r"^se\.intyg\.samverkan\.[A-Za-z]+\.v1$")
    schema_version: Literal[1]
    id: str = Field(description="The space's id")
    version: int = Field(ge=1, description="The space's version after this event")
    event: str = Field(description="One of the space's events")
    at: str = Field(description="When the event was stored (ISO 8601 with offset)")
    data: dict[str, Any]


def space_message(event: DomainEventProtocol[Any], position: int, seal: Seal) -> Message:
    """Key, value and headers of the event on ``intyg.samverkan.v1``, patient data sealed."""
    line = history_line(event)
    value = {"type": space_event_type(line["event"]), "schema_version": SPACE_SCHEMA_VERSION,
             "id": line["id"], "version": line["version"], "event": line["event"],
             "at": line["at"], "data": line["data"]}
    SpaceEventMessage.model_validate(value)  # the contract, checked on the way out
    key = line["id"].encode()
    headers = [("ce_specversion", b"1.0"),
               ("ce_id", space_event_id(line["id"], line["version"]).encode()),
               ("ce_type", value["type"].encode()), ("ce_source", SPACES_SOURCE.encode()),
               ("ce_subject", key), ("ce_time", line["at"].encode()),
               ("content-type", b"application/json"),
               ("aggregate_version", str(line["version"]).encode()),
               ("log_position", str(position).encode())]
    return key, json.dumps(seal(value), ensure_ascii=False).encode(), headers
