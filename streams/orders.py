"""Orders from authorities on Kafka (ORDERS.md §2).

Every event of an order goes to ``intyg.orders.v1`` (key = order id, in log order, so one
order's events share a partition). The citizen and every text travel sealed under the
citizen's data key (``streams.sealing``, docs/sealing.md): the events that carry them are
schema version 2 (``se.intyg.order.OrderReceived.v2``); version 1 messages written before stay
as they were.

The care unit's answers (accepted, rejected, deleted, or a message in text) also go to the
ordering authority's own topic, ``intyg.order-answers.<AUTHORITY>.v1``, as an ``OrderAnswer``
(RespondToOrder): the order id (the orderer's assessmentId), the answer code of KV svar
beställning (ACCEPTERAT, AVVISAT, RADERAT) or MEDDELANDE for a message, the unit's text to the
orderer, who and when. It names no patient: the authority must read the text, so it cannot be
sealed under the citizen's key; it is the unit's answer, never the order's own texts. Headers
follow the CloudEvents Kafka binding like the certificates topic; ``ce_id`` is the same on
every re-publish.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any, Literal

from eventsourcing.domain import DomainEventProtocol
from pydantic import BaseModel, ConfigDict, Field

from commands.history import history_line
from commands.settings import Settings
from domain.orders.bestallning.status import ANSWER_OF_EVENT
from streams.sealing.fields import ORDER_SEALED_FIELDS
from streams.topics import order_answers_topic, orders_topic

ORDERS_SOURCE = "/intyg/orders"
SCHEMA_VERSION = 1  # an event without patient data; one that has it is sealed, version 2
SEALED_VERSION = 2
ANSWER_TYPE = "se.intyg.order.OrderAnswer.v1"
ORDER_EVENTS = ("OrderReceived", "OrderRead", "OrderAccepted", "OrderRejected", "OrderDeleted",
                "OrderDone", "OrderAnswered")
ANSWER_CODES = (*ANSWER_OF_EVENT.values(), "MEDDELANDE")
_IDS = uuid.UUID("7e0c2d4b-51a9-4f38-b6e1-2a9d8c3f5b17")

Message = tuple[bytes, bytes, list[tuple[str, bytes]]]
EventName = Literal["OrderReceived", "OrderRead", "OrderAccepted", "OrderRejected",
                    "OrderDeleted", "OrderDone", "OrderAnswered"]
AnswerCode = Literal["ACCEPTERAT", "AVVISAT", "RADERAT", "MEDDELANDE"]
Seal = Callable[[dict[str, Any]], dict[str, Any]]  # a message, its patient data sealed


class OrderEventMessage(BaseModel):
    """An order's event on the orders topic: the event's own fields in ``data`` (OrderReceived
    holds the whole order, its citizen and texts sealed; the others who, when and any text,
    sealed)."""

    model_config = ConfigDict(extra="forbid")
    type: str = Field(pattern=r"^se\.intyg\.order\.Order[A-Za-z]+\.v[12]$")
    schema_version: Literal[1, 2]
    id: str = Field(description="The order's id (the orderer's assessmentId)")
    version: int = Field(ge=1, description="The order's version after this event")
    event: EventName
    at: datetime
    data: dict[str, Any]


class OrderAnswerMessage(BaseModel):
    """The care unit's answer to the ordering authority (RespondToOrder)."""

    model_config = ConfigDict(extra="forbid")
    type: Literal["se.intyg.order.OrderAnswer.v1"]
    schema_version: Literal[1]
    order_id: str = Field(description="The order's id (the orderer's assessmentId)")
    answer: AnswerCode = Field(description="KV svar beställning, or MEDDELANDE for a message")
    text: str = Field(description="The unit's text to the orderer (may be empty on accept)")
    answered_by: str = Field(description="The HSA id of who answered")
    at: datetime


def order_version(event: str) -> int:
    return SEALED_VERSION if event in ORDER_SEALED_FIELDS else SCHEMA_VERSION


def order_event_type(event: str, version: int | None = None) -> str:
    return f"se.intyg.order.{event}.v{version or order_version(event)}"


def _headers(ce_id: str, ce_type: str, key: bytes, at: str,
             position: int) -> list[tuple[str, bytes]]:
    return [("ce_specversion", b"1.0"), ("ce_id", ce_id.encode()), ("ce_type", ce_type.encode()),
            ("ce_source", ORDERS_SOURCE.encode()), ("ce_subject", key), ("ce_time", at.encode()),
            ("content-type", b"application/json"), ("log_position", str(position).encode())]


def order_message(event: DomainEventProtocol[Any], position: int, seal: Seal) -> Message:
    """Key, value and headers of the event on the orders topic, its patient data sealed."""
    line = history_line(event)
    key = line["id"].encode()
    ce_id = str(uuid.uuid5(_IDS, f"{line['id']}:{line['version']}"))
    value = {"type": order_event_type(line["event"]),
             "schema_version": order_version(line["event"]), "id": line["id"],
             "version": line["version"], "event": line["event"], "at": line["at"],
             "data": line["data"]}
    OrderEventMessage.model_validate(value)  # the contract, checked on the way out
    value = seal(value)
    return (key, json.dumps(value, ensure_ascii=False).encode(),
            _headers(ce_id, value["type"], key, line["at"], position))


def answer_of(event: DomainEventProtocol[Any], position: int) -> tuple[str, Message] | None:
    """The orderer and the ``OrderAnswer`` message, for an event that answers the orderer."""
    line = history_line(event)
    if line["event"] not in (*ANSWER_OF_EVENT, "OrderAnswered"):
        return None
    data = line["data"]
    key = line["id"].encode()
    ce_id = str(uuid.uuid5(_IDS, f"answer:{line['id']}:{line['version']}"))
    value = {"type": ANSWER_TYPE, "schema_version": SCHEMA_VERSION, "order_id": line["id"],
             "answer": ANSWER_OF_EVENT.get(line["event"], "MEDDELANDE"), "text": data["text"],
             "answered_by": data["by"], "at": line["at"]}
    OrderAnswerMessage.model_validate(value)
    return data["orderer"], (key, json.dumps(value, ensure_ascii=False).encode(),
                             _headers(ce_id, ANSWER_TYPE, key, line["at"], position))


def order_messages(settings: Settings, event: DomainEventProtocol[Any], position: int,
                   seal: Seal) -> list[tuple[str, Message]]:
    """Where an order's event goes: the orders topic, and an answer also the orderer's topic."""
    found = [(orders_topic(settings), order_message(event, position, seal))]
    answer = answer_of(event, position)
    if answer is not None:
        found.append((order_answers_topic(settings, answer[0]), answer[1]))
    return found
