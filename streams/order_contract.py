"""The payload schema of each order event on ``intyg.orders.v1``, per schema version: version 2
of an event with patient data names its sealed fields (``x-intyg-protection: sealed``, a
``SealedValue`` each); version 1, written before the orders were sealed, carried them clear."""

from __future__ import annotations

import copy
from typing import Any

from streams.orders import (
    ANSWER_TYPE,
    ORDER_EVENTS,
    OrderAnswerMessage,
    OrderEventMessage,
    order_event_type,
    order_version,
)
from streams.sealing.fields import ORDER_SEALED_FIELDS
from streams.wire_types import HEALTH_DATA, PATIENT_IDENTITY, SealedValue, sealed

_KIND = {"citizen": PATIENT_IDENTITY, "case_reference": PATIENT_IDENTITY}
_SAYS = {"citizen": "The citizen the order is for (personnummer, background), sealed.",
         "purpose": "The order's purpose, sealed.",
         "planned_actions": "The planned actions, sealed.",
         "case_reference": "The authority's case reference, sealed.",
         "text": "The unit's text on the order, sealed."}


def order_payload(event: str, version: int) -> dict[str, Any]:
    """The JSON Schema of ``event`` at ``version`` on the orders topic."""
    schema = copy.deepcopy(OrderEventMessage.model_json_schema())
    schema["properties"]["type"] = {"type": "string", "const": order_event_type(event, version)}
    schema["properties"]["schema_version"] = {"type": "integer", "const": version}
    if version < 2:
        return schema
    sealed_value = SealedValue.model_json_schema()
    schema["properties"]["data"] = {
        **schema["properties"]["data"],
        "properties": {field.path: {**sealed_value, "description": _SAYS[field.path],
                                    **sealed(_KIND.get(field.path, HEALTH_DATA))}
                       for field in ORDER_SEALED_FIELDS[event]}}
    return schema


ORDER_EARLIER = [f"{event}V1" for event in ORDER_EVENTS if order_version(event) > 1]


def order_messages(headers: dict[str, Any], key: dict[str, Any],
                   binding_version: str) -> dict[str, dict[str, Any]]:
    """The AsyncAPI messages of the orders topics: each event at its version, the version 1
    of each sealed one (written before), and the answer to the orderer."""

    def message(name: str, ce: str, summary: str, payload: dict[str, Any]) -> dict[str, Any]:
        return {"name": ce, "title": name, "summary": summary,
                "contentType": "application/json",
                "headers": {"type": "object", "required": sorted(headers),
                            "properties": headers},
                "payload": payload,
                "correlationId": {"description": "Deduplicate on ce_id.",
                                  "location": "$message.header#/ce_id"},
                "bindings": {"kafka": {"key": key, "bindingVersion": binding_version}}}

    found = {event: message(event, order_event_type(event), f"{event} on the orders topic.",
                            order_payload(event, order_version(event)))
             for event in ORDER_EVENTS}
    found |= {f"{event}V1": message(
        event, order_event_type(event, 1), f"{event} as written before the orders were sealed "
        "(its patient data in clear).", order_payload(event, 1))
        for event in ORDER_EVENTS if order_version(event) > 1}
    found["OrderAnswer"] = message(
        "OrderAnswer", ANSWER_TYPE, "The care unit's answer, on the orderer's topic.",
        OrderAnswerMessage.model_json_schema())
    return found
