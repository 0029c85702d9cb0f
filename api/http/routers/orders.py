"""Orders from authorities (ORDERS.md §2): an authority's system orders a certificate from a care
unit; the unit's staff list their orders, view one (the first view marks it read), accept,
reject, reject and delete, mark done, and answer the orderer. Another unit's order, or a deleted
one, is not found (404), like an unknown id.
"""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Request

from api.http.access import ReadLogDep
from api.http.deps import RecipientDep, StaffDep
from api.http.idempotency import IdempotencyKey, caller_of
from api.http.openapi import problems
from api.http.order_schemas import (
    AnswerIn,
    DeleteIn,
    ListedOrderOut,
    OrderIn,
    OrderOut,
    OrderResultOut,
    TimelineEntryOut,
)
from api.runtime.orders import OrdersRuntime
from commands.orders import OrderResult, Orders, RequestKey
from domain.orders.bestallning.order import Bestallning, OrderNotFoundError
from domain.orders.bestallning.status import OrderStatus, Tab
from projections.orders import order_timeline, order_unit, unit_orders

router = APIRouter(prefix="/v1", tags=["Orders from authorities"])
_ORDER = "/orders/{order_id}"


def _orders(request: Request) -> Orders:
    orders: Orders = request.app.state.orders
    return orders


def _runtime(request: Request) -> OrdersRuntime:
    runtime: OrdersRuntime = request.app.state.orders_runtime
    return runtime


def _out(result: OrderResult) -> OrderResultOut:
    return OrderResultOut(id=result.id, status=str(result.status), version=result.version,
                          position=result.position)


@router.post("/recipient/orders", status_code=201)
def create_order(body: OrderIn, authority: RecipientDep, request: Request,
                 key: IdempotencyKey) -> OrderResultOut:
    """Order a certificate from a care unit (the token's authority orders); refused with the
    national codes in ``errors[]`` (GTA_FEL01-13)."""
    once = None if key is None else RequestKey(caller_of(authority), key.key, key.fingerprint)
    return _out(_orders(request).create_order(body.to_request(), authority, once))


@router.get("/units/{unit_id}/orders")
def list_orders(
    unit_id: str, staff: StaffDep, access: ReadLogDep, request: Request,
    tab: Tab = Tab.AKTUELLA,
    status: Annotated[OrderStatus | None, Query(description="One status of the tab")] = None,
    overdue: Annotated[bool, Query(description="Only orders unread past the first "
                                               "reminder delay")] = False,
) -> list[ListedOrderOut]:
    """The unit's orders in one tab (AKTUELLA, KLARA, AVVISADE): overdue first, then oldest."""
    staff.check_acts_for(unit_id, "Only staff of the care unit see its orders.")
    today = _orders(request).clock().date()
    runtime = _runtime(request)
    rows = runtime.read(lambda tx: unit_orders(
        tx, runtime.view.seal, unit_id, staff.care_giver_hsa_id, tab, today, status, overdue))
    access.record([r["personnummer"] for r in rows if r["personnummer"]], [])
    return [ListedOrderOut(**{k: v for k, v in r.items() if k in ListedOrderOut.model_fields})
            for r in rows]


@router.get(_ORDER, responses=problems(409))
def read_order(order_id: UUID, staff: StaffDep, access: ReadLogDep,
               request: Request) -> OrderOut:
    """The order; the unit's first view marks it read (OLAST -> LAST)."""
    order, _ = _orders(request).view_order(order_id, staff)
    access.record([order.citizen["personnummer"]], [])
    return _order_out(order)


@router.get(f"{_ORDER}/timeline")
def read_timeline(order_id: UUID, staff: StaffDep,
                  request: Request) -> list[TimelineEntryOut]:
    """What happened to the order, oldest first, with the mails sent about it (no patient
    data)."""
    def query(tx: Any) -> list[dict[str, Any]] | None:
        found = order_unit(tx, str(order_id))
        mine = (staff.care_unit_hsa_id, staff.care_giver_hsa_id)
        if found is None or found[:2] != mine or found[2] == OrderStatus.RADERAD:
            return None
        return order_timeline(tx, runtime.view.seal, str(order_id))

    runtime = _runtime(request)
    lines = runtime.read(query)
    if lines is None:
        raise OrderNotFoundError.of(order_id)
    return [TimelineEntryOut(**line) for line in lines]


@router.post(f"{_ORDER}/accept")
def accept_order(order_id: UUID, body: AnswerIn, staff: StaffDep,
                 request: Request) -> OrderResultOut:
    """Accept the read order (ACCEPTERAT to the orderer, with the text if any)."""
    return _out(_orders(request).accept(order_id, staff, body.text))


@router.post(f"{_ORDER}/reject")
def reject_order(order_id: UUID, body: AnswerIn, staff: StaffDep,
                 request: Request) -> OrderResultOut:
    """Reject the read order, saying why (AVVISAT to the orderer)."""
    return _out(_orders(request).reject(order_id, staff, body.text))


@router.post(f"{_ORDER}/delete")
def delete_order(order_id: UUID, body: DeleteIn, staff: StaffDep,
                 request: Request) -> OrderResultOut:
    """Reject and delete the read order, once confirmed (RADERAT to the orderer); it is not
    shown again, its history is kept."""
    return _out(_orders(request).delete(order_id, staff, body.text))


@router.post(f"{_ORDER}/done")
def mark_order_done(order_id: UUID, staff: StaffDep, request: Request) -> OrderResultOut:
    """Mark the accepted order done (KLAR)."""
    return _out(_orders(request).mark_done(order_id, staff))


@router.post(f"{_ORDER}/answer")
def answer_order(order_id: UUID, body: AnswerIn, staff: StaffDep,
                 request: Request) -> OrderResultOut:
    """Answer the orderer in text, while the order is read or accepted (MEDDELANDE)."""
    return _out(_orders(request).answer(order_id, staff, body.text))


def _order_out(order: Bestallning) -> OrderOut:
    citizen, unit, official = order.citizen, order.care_unit, order.official
    return OrderOut.model_validate({
        "id": order.id, "status": str(order.status), "version": order.version,
        "authority": order.authority, "form": order.form,
        "certificate_type": order.certificate_type, "received_at": order.received_at,
        "citizen": citizen, "care_unit": unit, "purpose": order.purpose,
        "planned_actions": order.planned_actions, "case_reference": order.case_reference,
        "official": official})
