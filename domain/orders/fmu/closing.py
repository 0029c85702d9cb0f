"""The utlåtande, its complements, the end and the payment ids of an investigation (ORDERS.md
§1.4 #15-#21, §1.6, §1.9 Betalning), mixed into ``Investigation``."""

from __future__ import annotations

from datetime import date, datetime

from domain.orders.calendar import swedish_date
from domain.orders.fmu import guards
from domain.orders.fmu.codes import Actor, EndReason, PaymentIdKind, Phase
from domain.orders.fmu.errors import (
    CommentRequiredError,
    InvestigationStatusError,
    NotOwnLandstingError,
)
from domain.orders.fmu.status import phase_of
from domain.orders.fmu.steps import FK, VA, Steps

S = guards.S


def _iso(day: date) -> str:
    return day.isoformat()


class ClosingSteps(Steps):
    """#15-#21 and the payment ids."""

    def send_statement(self, *, sent_on: date, unit: str, now: datetime, by: str) -> None:
        """#15: the utlåtande is sent, once, in phase UTREDNING."""
        guards.require_assigned_unit(self.facts, unit)
        status = self.status_at(now)
        original = self.facts.original
        if (phase_of(status) is not Phase.UTREDNING or original is None
                or original.sent_on is not None or original.received_on is not None):
            raise InvestigationStatusError("Sending the utlåtande", status.value)
        self._record("StatementSent", sent_on=_iso(sent_on), at=now, actor=VA, by=by)

    def receive_statement_receipt(self, *, received_on: date, complement_deadline: date,
                                  now: datetime, by: str) -> None:
        """#16 ReportCertificateReceival: received, and the last day to ask for a complement."""
        guards.require_status("A receipt", self.status_at(now), {S.UTLATANDE_SKICKAT})
        self._record("StatementReceived", received_on=_iso(received_on),
                     complement_deadline=_iso(complement_deadline), at=now, actor=FK,
                     by=by)

    def request_complement(self, *, complement_id: str, last_date: date | None,
                           now: datetime, by: str) -> None:
        """#17 RequestSupplement: a new komplettering with its own last date."""
        last = guards.require_last_date(last_date)
        guards.check_complement_requestable(self.facts, self.status_at(now), swedish_date(now))
        self._record("ComplementRequested", complement_id=complement_id,
                     last_date=_iso(last), at=now, actor=FK, by=by)

    def receive_complement_questions(self, *, received_on: date, unit: str, now: datetime,
                                     by: str) -> None:
        """#18: the kompletterande frågeställning arrived."""
        guards.require_assigned_unit(self.facts, unit)
        status = self.status_at(now)
        guards.require_status("Questions", status,
                              {S.KOMPLETTERINGSBEGARAN_MOTTAGEN_VANTAR_PA_FRAGESTALLNING})
        complement = guards.latest_complement(self.facts)
        self._record("ComplementQuestionsReceived", complement_id=complement.statement_id,
                     received_on=_iso(received_on), at=now, actor=VA, by=by)

    def send_complement(self, *, sent_on: date, unit: str, now: datetime, by: str) -> None:
        """#19: the komplettering is sent."""
        guards.require_assigned_unit(self.facts, unit)
        guards.require_status("Sending the komplettering", self.status_at(now),
                              guards.COMPLEMENT_OPEN)
        complement = guards.latest_complement(self.facts)
        self._record("ComplementSent", complement_id=complement.statement_id,
                     sent_on=_iso(sent_on), at=now, actor=VA, by=by)

    def receive_complement_receipt(self, *, complement_id: str, received_on: date,
                                   complement_deadline: date, now: datetime, by: str) -> None:
        """#20 ReportSupplementReceival: may come before care marked it sent."""
        guards.require_status("A complement receipt", self.status_at(now),
                              guards.COMPLEMENT_RECEIVABLE)
        guards.latest_complement(self.facts, complement_id)
        self._record("ComplementReceived", complement_id=complement_id,
                     received_on=_iso(received_on),
                     complement_deadline=_iso(complement_deadline), at=now, actor=FK,
                     by=by)

    def end(self, *, reason: EndReason, actor: Actor, now: datetime, by: str) -> None:
        """#21 and §1.6: each reason by its actor from its statuses; never twice."""
        guards.check_endable(self.facts, self.status_at(now), reason, actor)
        self._record("InvestigationEnded", reason=reason.value, at=now,
                     actor=actor.value, by=by)

    def record_payment_id(self, *, kind: PaymentIdKind, value: str, actor: Actor,
                          acting_for: str, now: datetime, by: str) -> None:
        """Betalning: the unit's invoice id by its vårdadmin; the other three by a coordinator
        of the investigation's own landsting (``acting_for`` is the unit or the landsting)."""
        if kind is PaymentIdKind.FAKTURA_VE_ID:
            if actor is not Actor.VARDADMIN:
                raise NotOwnLandstingError("Only the unit records its invoice id.")
            guards.require_assigned_unit(self.facts, acting_for)
        elif actor is not Actor.SAMORDNARE or acting_for != self.facts.landsting:
            raise NotOwnLandstingError("Only the investigation's own landsting records this.")
        if not value.strip():
            raise CommentRequiredError("A payment id must not be blank.")
        self._record("PaymentIdRecorded", kind=kind.value, value=value, at=now,
                     actor=actor.value, by=by)
