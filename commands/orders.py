"""Orders from authorities (ORDERS.md §2): the use cases of the orderer and of the care unit.

An authority's system creates an order; the unit's staff view it (the first view marks it
read), accept, reject, reject and delete, mark it done, and answer the orderer. Each use case
loads the order (a caller who is not of its unit gets the same ``OrderNotFoundError`` as for an
unknown id), calls one method of ``Bestallning`` and saves. Orders live in the same event store
as the certificates; the relay publishes them (``streams.orders``).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import RecordConflictError

from commands.clock import Clock, IdFactory, new_id
from commands.stored import save_changed, stored_or
from domain.orders.bestallning.order import Bestallning, OrderNotFoundError
from domain.orders.bestallning.status import OrderStatus
from domain.orders.bestallning.validation import OrderRequest
from domain.shared.care import Staff
from domain.shared.errors import StaleVersionError
from domain.shared.idempotency import RequestClaim, request_claim_id


@dataclass(frozen=True)
class OrderResult:
    """The order's id, status and version after the command, and the log position of its last
    event (None when nothing was written)."""

    id: UUID
    status: OrderStatus
    version: int
    position: int | None


@dataclass(frozen=True)
class RequestKey:
    """A caller's ``Idempotency-Key`` and the fingerprint of its request."""

    caller: str
    key: str
    fingerprint: str


class Orders:
    def __init__(self, app: Application[UUID], clock: Clock, ids: IdFactory = new_id) -> None:
        self.app, self.clock, self._ids = app, clock, ids

    def create_order(self, request: OrderRequest, authority: str,
                     key: RequestKey | None = None) -> OrderResult:
        """Take the order; with a key, once: a retry of the same request gets the first result
        and writes nothing (the key's claim is saved with the order, as for certificates)."""
        earlier = self._claimed(key)
        if earlier is not None:
            return earlier
        order = Bestallning.receive(request, authority, self.clock(), self._ids())
        if key is None:
            return self._save(order)
        claim = RequestClaim.claim(key.caller, key.key, key.fingerprint, {
            "id": str(order.id), "status": str(order.status), "version": order.version})
        try:
            recordings = self.app.save(claim, order)
        except RecordConflictError:  # the same key, at the same time, won
            raced = self._claimed(key)
            if raced is None:
                raise StaleVersionError("The order was not taken; retry.") from None
            return raced
        result = _result(order, recordings[-1].notification.id)
        claim.answer_given(result.position)
        with suppress(RecordConflictError):
            self.app.save(claim)
        return result

    def _claimed(self, key: RequestKey | None) -> OrderResult | None:
        if key is None:
            return None
        try:
            claim: Any = self.app.repository.get(request_claim_id(key.caller, key.key))
        except AggregateNotFoundError:
            return None
        stored = claim.check_same_request(key.fingerprint)
        position = claim.position or self.app.recorder.max_notification_id()
        return OrderResult(id=UUID(stored["id"]), status=OrderStatus(stored["status"]),
                           version=stored["version"], position=position)

    def view_order(self, order_id: UUID, by: Staff) -> tuple[Bestallning, OrderResult]:
        """The order as the unit sees it; the first view marks it read."""
        order = self.get_for(order_id, by)
        if order.read(by, self.clock()):
            return order, self._save(order)
        return order, _result(order, None)

    def accept(self, order_id: UUID, by: Staff, text: str) -> OrderResult:
        return self._change(order_id, by, lambda order, now: order.accept(by, text, now))

    def reject(self, order_id: UUID, by: Staff, text: str) -> OrderResult:
        return self._change(order_id, by, lambda order, now: order.reject(by, text, now))

    def delete(self, order_id: UUID, by: Staff, text: str) -> OrderResult:
        return self._change(order_id, by, lambda order, now: order.delete(by, text, now))

    def mark_done(self, order_id: UUID, by: Staff) -> OrderResult:
        return self._change(order_id, by, lambda order, now: order.mark_done(by, now))

    def answer(self, order_id: UUID, by: Staff, text: str) -> OrderResult:
        return self._change(order_id, by, lambda order, now: order.answer(by, text, now))

    def get_for(self, order_id: UUID, by: Staff) -> Bestallning:
        """The order, for staff of its unit and care giver only; to anyone else (and after it
        was deleted) it does not exist."""
        order = stored_or(self.app, order_id, Bestallning, OrderNotFoundError.of)
        order.check_visible_to(by)
        return order

    def _change(self, order_id: UUID, by: Staff,
                step: Callable[[Bestallning, datetime], None]) -> OrderResult:
        """Load the order for ``by``, take one step of it with ``now``, save."""
        order = self.get_for(order_id, by)
        step(order, self.clock())
        return self._save(order)

    def _save(self, order: Bestallning) -> OrderResult:
        return _result(order, save_changed(self.app, order, "Someone else changed the order at "
                                           "the same time; reload and retry."))


def _result(order: Bestallning, position: int | None) -> OrderResult:
    assert order.status is not None  # noqa: S101 - set by the creating event
    return OrderResult(id=UUID(str(order.id)), status=order.status, version=order.version,
                       position=position)
