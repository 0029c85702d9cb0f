"""The payload schema of each order event on ``intyg.orders.v1``, per schema version: version 2
of an event with patient data names its sealed fields (``x-intyg-protection: sealed``, a
``SealedValue`` each); version 1, written before the orders were sealed, carried them clear."""

from __future__ import annotations

import copy
from typing import Any

from streams.orders import OrderEventMessage, order_event_type
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
