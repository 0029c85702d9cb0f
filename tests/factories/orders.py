"""Builders for the orders from authorities (ORDERS.md §2): an order's request body (the API's
camelCase shape) and the domain's ``OrderRequest`` made from it."""

from __future__ import annotations

from typing import Any

from domain.orders.bestallning.forms import FORM_CODE_SYSTEM
from domain.orders.bestallning.validation import OrderRequest
from domain.shared.care import CareUnit
from tests.factories import personnummer

UNIT_EMAIL = "vardcentralen.vast@region.example"


def order_body(unit: CareUnit, **overrides: Any) -> dict[str, Any]:
    """An AF00213 order from Arbetsförmedlingen to ``unit``, in the API's shape."""
    body: dict[str, Any] = {
        "orderForm": {"code": "AF00213", "codeSystem": FORM_CODE_SYSTEM},
        "citizen": {"personnummer": personnummer(), "background": "Arbetssökande sedan 2025."},
        "careUnit": {"hsaId": unit.hsa_id, "careGiverHsaId": unit.care_giver_hsa_id,
                     "orgnr": "2321000016", "name": "Vårdcentralen Väst", "email": UNIT_EMAIL},
        "purpose": "Underlag för planering av insatser.",
        "plannedActions": "Arbetsprövning.",
        "caseReference": "AF-2026-0042",
        "official": {"name": "Handläggare Hansson", "phone": "010-486 00 00",
                     "email": "handlaggare@arbetsformedlingen.example",
                     "office": "Arbetsförmedlingen Solna", "costCentre": "KS-17",
                     "address": {"street": "Box 1", "postcode": "171 99", "town": "Solna"}},
    }
    body.update(overrides)
    return body


def order_request(unit: CareUnit, **overrides: Any) -> OrderRequest:
    """The same order as the domain takes it."""
    body = order_body(unit, **overrides)
    official = body["official"]
    return OrderRequest(
        form_code=body["orderForm"]["code"], form_code_system=body["orderForm"]["codeSystem"],
        citizen={"personnummer": body["citizen"]["personnummer"],
                 "id_root": body["citizen"].get("idRoot", "1.2.752.129.2.1.3.1"),
                 "background": body["citizen"].get("background", "")},
        care_unit={"hsa_id": body["careUnit"]["hsaId"],
                   "care_giver_hsa_id": body["careUnit"]["careGiverHsaId"],
                   "orgnr": body["careUnit"].get("orgnr", ""),
                   "name": body["careUnit"].get("name", ""),
                   "email": body["careUnit"].get("email", "")},
        purpose=body["purpose"], planned_actions=body["plannedActions"],
        case_reference=body["caseReference"],
        official={"name": official["name"], "phone": official["phone"],
                  "email": official["email"], "office": official["office"],
                  "cost_centre": official["costCentre"], "address": official["address"]})
