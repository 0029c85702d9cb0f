"""The order (Bestallning): an authority orders a certificate from a care unit (ORDERS.md §2).

OrderReceived -> OLAST; the unit's first view -> LAST (OrderRead); then OrderAccepted (optional
text), OrderRejected (text required) or OrderDeleted (reject and delete, confirmed: a tombstone,
the events stay for the audit trail and the order is never shown again); OrderDone from
ACCEPTERAD. Accept, reject and delete answer the orderer (ACCEPTERAT, AVVISAT, RADERAT); the unit
may also answer the orderer in text (OrderAnswered) while the order is read or accepted. Any
other transition is refused (GENERAL_FEL01_SPARA in the national service).

Only staff of the unit the order is addressed to (its HSA id and its care giver's) may know of
it: everyone else gets ``OrderNotFoundError``, the same as for an unknown id.

Event style as in every aggregate (see ``domain.certificates.certificate``); statuses through
``domain.orders.bestallning.status.status_after``, which the read model calls too.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.orders.bestallning.forms import ORDER_FORMS
from domain.orders.bestallning.status import OrderStatus, allowed, status_after
from domain.orders.bestallning.validation import OrderRequest, check_order
from domain.shared.care import Staff
from domain.shared.errors import InvalidInputError, NotFoundError, RuleViolationError
from domain.shared.validation import IssueCode, ValidationIssue

ANSWER_TEXT_LIMIT = 4000


class OrderNotFoundError(NotFoundError):
    @classmethod
    def of(cls, order_id: object) -> OrderNotFoundError:
        return cls(f"No order {order_id}.")


class OrderStatusError(RuleViolationError):
    """The order's status does not allow this (GENERAL_FEL01_SPARA)."""


class Bestallning(Aggregate):
    """One order from an authority to a care unit."""

    @event("OrderReceived")
    def __init__(self, authority: str, form: str, certificate_type: str,
                 citizen: dict[str, Any], care_unit: dict[str, Any], purpose: str,
                 planned_actions: str, case_reference: str, official: dict[str, Any],
                 received_at: datetime) -> None:
        self.authority = authority
        self.form = form
        self.certificate_type = certificate_type
        self.citizen = citizen
        self.care_unit = care_unit
        self.purpose = purpose
        self.planned_actions = planned_actions
        self.case_reference = case_reference
        self.official = official
        self.received_at = received_at
        self.status: OrderStatus | None = status_after(None, "OrderReceived")

    @classmethod
    def receive(cls, request: OrderRequest, authority: str, now: datetime,
                order_id: UUID) -> Bestallning:
        """Take an order, or refuse it (``OrderInvalidError`` with the national codes)."""
        check_order(request, authority, now.date())
        form = ORDER_FORMS[request.form_code]
        received = cls.OrderReceived  # type: ignore[attr-defined]
        return cls._create(
            received, id=order_id, authority=authority, form=form.code,
            certificate_type=form.certificate_type, citizen=request.citizen.model_dump(),
            care_unit=request.care_unit.model_dump(), purpose=request.purpose,
            planned_actions=request.planned_actions, case_reference=request.case_reference,
            official=request.official.model_dump(), received_at=now)

    # --- who may know of it ---------------------------------------------------------------
    def visible_to(self, staff: Staff) -> bool:
        return (self.status is not OrderStatus.RADERAD
                and staff.care_unit_hsa_id == self.care_unit["hsa_id"]
                and staff.care_giver_hsa_id == self.care_unit["care_giver_hsa_id"])

    def check_visible_to(self, staff: Staff) -> None:
        if not self.visible_to(staff):
            raise OrderNotFoundError.of(self.id)

    # --- what the unit does -----------------------------------------------------------------
    def read(self, staff: Staff, now: datetime) -> bool:
        """The unit's view: the first one marks the order read. Whether it changed."""
        self.check_visible_to(staff)
        if self.status is not OrderStatus.OLAST:
            return False
        self._read(read_by=staff.hsa_id, read_at=now)
        return True

    def accept(self, staff: Staff, text: str, now: datetime) -> None:
        self._check("OrderAccepted", staff, text, required=False)
        self._accepted(by=staff.hsa_id, text=text, at=now, orderer=self.authority)

    def reject(self, staff: Staff, text: str, now: datetime) -> None:
        self._check("OrderRejected", staff, text, required=True)
        self._rejected(by=staff.hsa_id, text=text, at=now, orderer=self.authority)

    def delete(self, staff: Staff, text: str, now: datetime) -> None:
        """Reject and delete: the orderer is told RADERAT; the order is not shown again."""
        self._check("OrderDeleted", staff, text, required=False)
        self._deleted(by=staff.hsa_id, text=text, at=now, orderer=self.authority)

    def mark_done(self, staff: Staff, now: datetime) -> None:
        self._check("OrderDone", staff, "", required=False)
        self._done(by=staff.hsa_id, at=now)

    def answer(self, staff: Staff, text: str, now: datetime) -> None:
        """A message in text to the orderer, while the order is read or accepted."""
        self.check_visible_to(staff)
        if self.status not in (OrderStatus.LAST, OrderStatus.ACCEPTERAD):
            raise OrderStatusError(f"An order {self.status} cannot be answered.")
        _check_text(text, required=True)
        self._answered(by=staff.hsa_id, text=text, at=now, orderer=self.authority)

    def _check(self, event_name: str, staff: Staff, text: str, required: bool) -> None:
        self.check_visible_to(staff)
        if not allowed(self.status, event_name):
            raise OrderStatusError(f"An order {self.status} does not allow this "
                                   "(GENERAL_FEL01_SPARA).")
        _check_text(text, required)

    # --- events: they only assign state ---------------------------------------------------
    @event("OrderRead")
    def _read(self, read_by: str, read_at: datetime) -> None:
        self.status = status_after(self.status, "OrderRead")

    @event("OrderAccepted")
    def _accepted(self, by: str, text: str, at: datetime, orderer: str) -> None:
        self.status = status_after(self.status, "OrderAccepted")

    @event("OrderRejected")
    def _rejected(self, by: str, text: str, at: datetime, orderer: str) -> None:
        self.status = status_after(self.status, "OrderRejected")

    @event("OrderDeleted")
    def _deleted(self, by: str, text: str, at: datetime, orderer: str) -> None:
        self.status = status_after(self.status, "OrderDeleted")

    @event("OrderDone")
    def _done(self, by: str, at: datetime) -> None:
        self.status = status_after(self.status, "OrderDone")

    @event("OrderAnswered")
    def _answered(self, by: str, text: str, at: datetime, orderer: str) -> None:
        self.status = status_after(self.status, "OrderAnswered")


def _check_text(text: str, required: bool) -> None:
    if required and not text.strip():
        raise InvalidInputError("A text is required.", [ValidationIssue(
            question_id="answer", field="text", code=IssueCode.MISSING,
            message="Write why, for the orderer.")])
    if len(text) > ANSWER_TEXT_LIMIT:
        raise InvalidInputError("The text is too long.", [ValidationIssue(
            question_id="answer", field="text", code=IssueCode.TOO_LONG,
            message=f"At most {ANSWER_TEXT_LIMIT} characters.")])
