"""The Investigations application: one method per use case of an FMU investigation (ORDERS.md
§1.4, §1.6, §1.9 Betalning). Each names who may call it (the authority's system, a coordinator
with FMU_SAMORDNARE, a unit's vårdadmin with FMU_VARDADMIN) and calls one domain method through
``InvestigationStore.change``; the guards are the domain's. Creating: ``receive_request`` and
``order_directly`` (on the store)."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from commands.investigation_store import InvestigationResult, InvestigationStore
from domain.orders.fmu.callers import Caller
from domain.orders.fmu.codes import (
    Actor,
    Answer,
    CausedBy,
    EndReason,
    PaymentIdKind,
    SummonsChannel,
    Tolk,
)
from domain.orders.fmu.facts import VisitBooking
from domain.orders.fmu.performer import Performer
from domain.shared.privileges import Privilege

FK, SA, VA = {Actor.FK}, {Actor.SAMORDNARE}, {Actor.VARDADMIN}
COORDINATOR, UNIT_ADMIN = Privilege.FMU_SAMORDNARE, Privilege.FMU_VARDADMIN
Id = UUID
Result = InvestigationResult


class Investigations(InvestigationStore):
    """Every FMU use case."""

    # --- förfrågan (#2-#6) ---------------------------------------------------------------
    def ask_units(self, id: Id, caller: Caller, units: list[str]) -> Result:
        return self.change(id, caller, lambda inv, now: inv.ask_units(
            units=units, now=now, by=caller.id, calendar=self.calendar),
            actors=SA, grant=COORDINATOR)

    def assign_directly(self, id: Id, caller: Caller, unit: str) -> Result:
        return self.change(id, caller, lambda inv, now: inv.assign_directly(
            unit=unit, now=now, by=caller.id), actors=SA, grant=COORDINATOR)

    def answer_request(self, id: Id, caller: Caller, answer: Answer, comment: str | None,
                       performer: Performer | None, *, sole_own_unit: bool = False,
                       decline_allowed: bool = False) -> Result:
        return self.change(id, caller, lambda inv, now: inv.answer_request(
            unit=caller.acts_for, answer=answer, comment=comment, performer=performer,
            now=now, by=caller.id, sole_own_unit=sole_own_unit,
            decline_allowed=decline_allowed), actors=VA, grant=UNIT_ADMIN)

    def assign(self, id: Id, caller: Caller, unit: str) -> Result:
        return self.change(id, caller, lambda inv, now: inv.assign(
            unit=unit, now=now, by=caller.id), actors=SA, grant=COORDINATOR)

    def reject_request(self, id: Id, caller: Caller, comment: str | None) -> Result:
        return self.change(id, caller, lambda inv, now: inv.reject_request(
            comment=comment, now=now, by=caller.id), actors=SA, grant=COORDINATOR)

    # --- order (#7-#9) -------------------------------------------------------------------
    def receive_order(self, id: Id, caller: Caller, unit: str, last_date: date | None,
                      documents_by_post: bool, interpreter_needed: bool,
                      citizen: str | None = None) -> Result:
        return self.change(id, caller, lambda inv, now: inv.receive_order(
            unit=unit, last_date=last_date, documents_by_post=documents_by_post,
            interpreter_needed=interpreter_needed, now=now, by=caller.id, citizen=citizen),
            actors=FK)

    def update_order(self, id: Id, caller: Caller, last_date: date | None,
                     documents_by_post: bool, comment: str | None,
                     interpreter_needed: bool | None,
                     interpreter_language: str | None) -> Result:
        return self.change(id, caller, lambda inv, now: inv.update_order(
            last_date=last_date, documents_by_post=documents_by_post, comment=comment,
            interpreter_needed=interpreter_needed, interpreter_language=interpreter_language,
            now=now, by=caller.id), actors=FK)

    def receive_documents(self, id: Id, caller: Caller, received_on: date) -> Result:
        return self.change(id, caller, lambda inv, now: inv.receive_documents(
            received_on=received_on, unit=caller.acts_for, now=now, by=caller.id),
            actors=VA, grant=UNIT_ADMIN)

    # --- visits (#10-#14) ----------------------------------------------------------------
    def book_visit(self, id: Id, caller: Caller, booking: VisitBooking,
                   extended_last_date: date | None = None) -> Result:
        return self.change(id, caller, lambda inv, now: inv.book_visit(
            booking=booking, unit=caller.acts_for, now=now, by=caller.id,
            extended_last_date=extended_last_date), actors=VA, grant=UNIT_ADMIN)

    def reschedule_visit(self, id: Id, caller: Caller, visit_id: str, start: datetime,
                         end: datetime, summons_channel: SummonsChannel,
                         summoned_on: date) -> Result:
        return self.change(id, caller, lambda inv, now: inv.reschedule_visit(
            visit_id=visit_id, start=start, end=end, summons_channel=summons_channel,
            summoned_on=summoned_on, unit=caller.acts_for, now=now, by=caller.id),
            actors=VA, grant=UNIT_ADMIN)

    def receive_deviation(self, id: Id, caller: Caller, visit_id: str, deviation_id: str,
                          caused_by: CausedBy, deviation_at: datetime,
                          citizen_failed_to_arrive: bool) -> Result:
        return self.change(id, caller, lambda inv, now: inv.receive_deviation(
            visit_id=visit_id, deviation_id=deviation_id, caused_by=caused_by,
            deviation_at=deviation_at, citizen_failed_to_arrive=citizen_failed_to_arrive,
            now=now, by=caller.id), actors=FK)

    def report_deviation(self, id: Id, caller: Caller, visit_id: str, deviation_id: str,
                         caused_by: CausedBy, deviation_at: datetime,
                         citizen_failed_to_arrive: bool) -> Result:
        return self.change(id, caller, lambda inv, now: inv.report_deviation(
            visit_id=visit_id, deviation_id=deviation_id, caused_by=caused_by,
            deviation_at=deviation_at, citizen_failed_to_arrive=citizen_failed_to_arrive,
            unit=caller.acts_for, now=now, by=caller.id), actors=VA, grant=UNIT_ADMIN)

    def cancel_visit(self, id: Id, caller: Caller, visit_id: str) -> Result:
        return self.change(id, caller, lambda inv, now: inv.cancel_visit(
            visit_id=visit_id, unit=caller.acts_for, now=now, by=caller.id),
            actors=VA, grant=UNIT_ADMIN)

    def report_visit_held(self, id: Id, caller: Caller, visit_id: str,
                          tolk: Tolk | None) -> Result:
        return self.change(id, caller, lambda inv, now: inv.report_visit_held(
            visit_id=visit_id, tolk=tolk, unit=caller.acts_for, now=now, by=caller.id),
            actors=VA, grant=UNIT_ADMIN)

    # --- utlåtande and kompletteringar (#15-#20) -----------------------------------------
    def send_statement(self, id: Id, caller: Caller, sent_on: date) -> Result:
        return self.change(id, caller, lambda inv, now: inv.send_statement(
            sent_on=sent_on, unit=caller.acts_for, now=now, by=caller.id),
            actors=VA, grant=UNIT_ADMIN)

    def receive_statement_receipt(self, id: Id, caller: Caller, received_on: date,
                                  complement_deadline: date) -> Result:
        return self.change(id, caller, lambda inv, now: inv.receive_statement_receipt(
            received_on=received_on, complement_deadline=complement_deadline, now=now,
            by=caller.id), actors=FK)

    def request_complement(self, id: Id, caller: Caller, last_date: date | None) -> Result:
        """#17: the new complement's id is the reply's supplementRequestId."""
        complement_id = str(self.ids())
        return self.change(id, caller, lambda inv, now: inv.request_complement(
            complement_id=complement_id, last_date=last_date, now=now, by=caller.id),
            actors=FK)

    def receive_complement_questions(self, id: Id, caller: Caller, received_on: date) -> Result:
        return self.change(id, caller, lambda inv, now: inv.receive_complement_questions(
            received_on=received_on, unit=caller.acts_for, now=now, by=caller.id),
            actors=VA, grant=UNIT_ADMIN)

    def send_complement(self, id: Id, caller: Caller, sent_on: date) -> Result:
        return self.change(id, caller, lambda inv, now: inv.send_complement(
            sent_on=sent_on, unit=caller.acts_for, now=now, by=caller.id),
            actors=VA, grant=UNIT_ADMIN)

    def receive_complement_receipt(self, id: Id, caller: Caller, complement_id: str,
                                   received_on: date, complement_deadline: date) -> Result:
        return self.change(id, caller, lambda inv, now: inv.receive_complement_receipt(
            complement_id=complement_id, received_on=received_on,
            complement_deadline=complement_deadline, now=now, by=caller.id), actors=FK)

    # --- end and payment (#21, §1.6, §1.9) -----------------------------------------------
    def end(self, id: Id, caller: Caller, reason: EndReason) -> Result:
        """FK's EndAssessment, a vårdadmin's "avsluta", or the nightly job."""
        grant = UNIT_ADMIN if caller.actor is Actor.VARDADMIN else None
        return self.change(id, caller, lambda inv, now: inv.end(
            reason=reason, actor=caller.actor, now=now, by=caller.id),
            actors={Actor.FK, Actor.VARDADMIN, Actor.JOB}, grant=grant)

    def record_payment_id(self, id: Id, caller: Caller, kind: PaymentIdKind,
                          value: str) -> Result:
        grant = UNIT_ADMIN if caller.actor is Actor.VARDADMIN else COORDINATOR
        return self.change(id, caller, lambda inv, now: inv.record_payment_id(
            kind=kind, value=value, actor=caller.actor, acting_for=caller.acts_for, now=now,
            by=caller.id), actors=SA | VA, grant=grant)
