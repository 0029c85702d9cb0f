"""The request and order stage of an investigation (ORDERS.md §1.4 #2-#9): internal requests
to care units, assignment or rejection, FK's order and its updates, documents; mixed into
``Investigation``."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime

from domain.orders.calendar import BusinessCalendar, swedish_date
from domain.orders.fmu import guards
from domain.orders.fmu.codes import Answer
from domain.orders.fmu.deadlines import answer_by
from domain.orders.fmu.errors import DeclineNotAllowedError
from domain.orders.fmu.performer import Performer
from domain.orders.fmu.steps import FK, SA, SYSTEM, VA, Steps
from domain.shared.errors import InvalidInputError


def _iso(day: date) -> str:
    return day.isoformat()


class RequestSteps(Steps):
    """#2-#9."""

    # --- förfrågan (#2-#6) --------------------------------------------------------------
    def ask_units(self, *, units: Collection[str], now: datetime, by: str,
                  calendar: BusinessCalendar) -> None:
        """#2: one internal request per unit not asked before, answer by 2 business days."""
        fresh = guards.new_units(self.facts, self.status_at(now), units)
        self._record("UnitsAsked", units=fresh, answer_by=answer_by(now, calendar),
                     at=now, actor=SA, by=by)

    def assign_directly(self, *, unit: str, now: datetime, by: str) -> None:
        """#3: a request born accepted (DIREKTTILLDELAD); the coordinator still assigns."""
        guards.new_units(self.facts, self.status_at(now), [unit])
        self._record("UnitAssignedDirectly", unit=unit, at=now, actor=SA, by=by)

    def answer_request(self, *, unit: str, answer: Answer, comment: str | None,
                       performer: Performer | None, now: datetime, by: str,
                       sole_own_unit: bool = False, decline_allowed: bool = False) -> None:
        """#4: the unit accepts (naming its performer) or declines (with a comment). The
        region's sole own-regi unit accepting is assigned at once; declining, it rejects FK's
        request, and may decline only where rejection is switched on."""
        guards.check_answerable(self.facts, unit)
        if answer is Answer.AVBOJ:
            guards.require_comment(comment, "Declining")
            if sole_own_unit and not decline_allowed:
                raise DeclineNotAllowedError("The region's own unit must accept.")
        elif performer is None:
            raise InvalidInputError("Accepting needs the performer.")
        else:
            performer.check(swedish_date(now))
        self._record("UnitAnswered", unit=unit, answer=answer.value, comment=comment,
                     performer=None if performer is None else performer.as_data(),
                     at=now, actor=VA, by=by)
        if sole_own_unit and len(self.facts.requests) == 1:
            if answer is Answer.ACCEPTERA:
                self._assign(unit, now, by, SYSTEM)
            else:
                self._reject(comment, now, by, SYSTEM)

    def assign(self, *, unit: str, now: datetime, by: str) -> None:
        """#5: RespondToPerformerRequest ACCEPTERAT on the unit's behalf."""
        self._assign(unit, now, by, SA)

    def reject_request(self, *, comment: str | None, now: datetime, by: str) -> None:
        """#6: RespondToPerformerRequest AVVISAT; open requests become EJ_TILLDELAD."""
        self._reject(comment, now, by, SA)

    def _assign(self, unit: str, now: datetime, by: str, actor: str) -> None:
        guards.check_assignable(self.facts, self.status_at(now), unit)
        self._record("UnitAssigned", unit=unit, at=now, actor=actor, by=by)

    def _reject(self, comment: str | None, now: datetime, by: str, actor: str) -> None:
        text = guards.require_comment(comment, "Rejecting")
        guards.require_status("Rejecting", self.status_at(now), guards.ASKING)
        self._record("RequestRejected", comment=text, at=now, actor=actor, by=by)

    # --- order (#7-#9) ------------------------------------------------------------------
    def receive_order(self, *, unit: str, last_date: date | None, documents_by_post: bool,
                      interpreter_needed: bool, now: datetime, by: str,
                      citizen: str | None = None) -> None:
        """#7 OrderAssessment: creates the original utlåtande with FK's last date; the
        ``citizen`` (a normalised personnummer) is recorded when the order names one."""
        last = guards.check_orderable(self.facts, self.status_at(now), unit, last_date)
        self._record("OrderReceived", unit=unit, last_date=_iso(last),
                     documents_by_post=documents_by_post,
                     interpreter_needed=interpreter_needed, at=now, actor=FK, by=by)
        if citizen is not None:
            self._record("CitizenRecorded", personnummer=citizen, at=now, actor=FK, by=by)

    def update_order(self, *, last_date: date | None, documents_by_post: bool,
                     comment: str | None, interpreter_needed: bool | None,
                     interpreter_language: str | None, now: datetime, by: str) -> None:
        """#8 UpdateOrder: a partial update; a new last date replaces the old one."""
        changes = sum((last_date is not None, documents_by_post, bool(comment),
                       interpreter_needed is not None, bool(interpreter_language)))
        guards.check_updatable(self.facts, self.status_at(now), changes, interpreter_needed,
                               interpreter_language)
        self._record("OrderUpdated", last_date=None if last_date is None else
                     _iso(last_date), documents_by_post=documents_by_post,
                     comment=comment, interpreter_needed=interpreter_needed,
                     interpreter_language=interpreter_language, at=now, actor=FK, by=by)

    def receive_documents(self, *, received_on: date, unit: str, now: datetime,
                          by: str) -> None:
        """#9: the oldest pending postal delivery arrived on ``received_on``."""
        guards.require_assigned_unit(self.facts, unit)
        guards.check_documents_receivable(self.facts, self.status_at(now))
        self._record("DocumentsReceived", received_on=_iso(received_on), at=now,
                     actor=VA, by=by)
