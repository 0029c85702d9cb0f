"""Orders from authorities (ORDERS.md §2): the use cases of the orderer and of the care unit.

An authority's system creates an order; the unit's staff view it (the first view marks it
read), accept, reject, reject and delete, mark it done, and answer the orderer. Each use case
loads the order (a caller who is not of its unit gets the same ``OrderNotFoundError`` as for an
unknown id), calls one method of ``Bestallning`` and saves. Orders live in the same event store
as the certificates; the relay publishes them (``streams.orders``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import RecordConflictError

from commands.clock import Clock, IdFactory, new_id
from domain.orders.bestallning.order import Bestallning, OrderNotFoundError
from domain.orders.bestallning.status import OrderStatus
from domain.orders.bestallning.validation import OrderRequest
from domain.shared.care import Staff
from domain.shared.errors import StaleVersionError


@dataclass(frozen=True)
class OrderResult:
    """The order's id, status and version after the command, and the log position of its last
    event (None when nothing was written)."""

    id: UUID
    status: OrderStatus
    version: int
    position: int | None


class Orders:
    def __init__(self, app: Application[UUID], clock: Clock, ids: IdFactory = new_id) -> None:
        self.app, self.clock, self._ids = app, clock, ids

    def create_order(self, request: OrderRequest, authority: str) -> OrderResult:
        order = Bestallning.receive(request, authority, self.clock(), self._ids())
        return self._save(order)

    def view_order(self, order_id: UUID, by: Staff) -> tuple[Bestallning, OrderResult]:
        """The order as the unit sees it; the first view marks it read."""
        order = self.get_for(order_id, by)
        if order.read(by, self.clock()):
            return order, self._save(order)
        return order, _result(order, None)

    def accept(self, order_id: UUID, by: Staff, text: str) -> OrderResult:
        order = self.get_for(order_id, by)
        order.accept(by, text, self.clock())
        return self._save(order)

    def reject(self, order_id: UUID, by: Staff, text: str) -> OrderResult:
        order = self.get_for(order_id, by)
        order.reject(by, text, self.clock())
        return self._save(order)

    def delete(self, order_id: UUID, by: Staff, text: str) -> OrderResult:
        order = self.get_for(order_id, by)
        order.delete(by, text, self.clock())
        return self._save(order)

    def mark_done(self, order_id: UUID, by: Staff) -> OrderResult:
        order = self.get_for(order_id, by)
        order.mark_done(by, self.clock())
        return self._save(order)

    def answer(self, order_id: UUID, by: Staff, text: str) -> OrderResult:
        order = self.get_for(order_id, by)
        order.answer(by, text, self.clock())
        return self._save(order)

    def get_for(self, order_id: UUID, by: Staff) -> Bestallning:
        """The order, for staff of its unit and care giver only; to anyone else (and after it
        was deleted) it does not exist."""
        try:
            order: Any = self.app.repository.get(order_id)
        except AggregateNotFoundError:
            raise OrderNotFoundError.of(order_id) from None
        if not isinstance(order, Bestallning):
            raise OrderNotFoundError.of(order_id)
        order.check_visible_to(by)
        return order

    def _save(self, order: Bestallning) -> OrderResult:
        try:
            recordings = self.app.save(order)
        except RecordConflictError:
            raise StaleVersionError("Someone else changed the order at the same time; reload "
                                    "and retry.") from None
        return _result(order, recordings[-1].notification.id if recordings else None)


def _result(order: Bestallning, position: int | None) -> OrderResult:
    assert order.status is not None  # noqa: S101 - set by the creating event
    return OrderResult(id=UUID(str(order.id)), status=order.status, version=order.version,
                       position=position)
