"""The FMU routes of care (ORDERS.md §1.2, §1.4): the region's coordinator (FMU_SAMORDNARE) and
a unit's vårdadmin (FMU_VARDADMIN), each with a list by tab (overdue first), one investigation
with its timeline, and the steps that are theirs. A coordinator sees the region's (the token's
care giver's) investigations, a vårdadmin those of the token's unit; any other is a 404, the
same as an unknown id. Nothing here carries patient data: ids, codes and dates."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path, Query

from api.http.access import ReadLogDep
from api.http.fmu import (
    CoordinatorDep,
    InvestigationsDep,
    UnitAdminDep,
    changed,
    regions_units,
)
from api.http.fmu_schemas import (
    VISIT_ID,
    AnswerIn,
    ChangedOut,
    CommentIn,
    DayIn,
    DeviationIn,
    InvestigationDetailOut,
    InvestigationListOut,
    InvestigationOut,
    PaymentIdIn,
    RescheduleIn,
    StepOut,
    UnitIn,
    UnitsIn,
    VisitHeldIn,
    VisitIn,
)
from api.http.openapi import problems
from commands.investigation_views import Listed, Step, Tab, detail, list_for
from domain.orders.fmu.callers import Caller
from domain.orders.fmu.codes import EndReason, PaymentIdKind, Status
from domain.orders.fmu.facts import VisitBooking
from domain.orders.fmu.performer import Performer

coordinator = APIRouter(prefix="/v1/fmu/coordinator/investigations",
                        tags=["FMU: samordnare"])
unit = APIRouter(prefix="/v1/fmu/unit/investigations", tags=["FMU: vårdadmin"])
ID = "/{investigation_id}"
_REFUSED = problems(403, 404, 409, 422)
TabQuery = Annotated[Tab, Query(description="current, done (ended) or rejected (AVVISAD)")]
StatusQuery = Annotated[Status | None, Query(description="Only this status")]
VisitPath = Annotated[str, Path(**VISIT_ID)]



def _listed(item: Listed) -> InvestigationOut:
    s = item.summary
    return InvestigationOut.model_validate({
        "id": item.id, "kind": item.kind, "landsting": item.landsting, "status": s.status.value,
        "phase": s.phase.value, "next_actor": s.next_actor.value,
        "assigned_unit": s.assigned_unit, "last_date": s.last_date, "overdue": item.overdue,
        "flags": vars(s.overdue),
        "payment": {"paid": s.payment.paid, "reasons": [r.value for r in s.payment.reasons],
                    "qualifying_visits": list(s.payment.qualifying_visits)},
        "requests": [{"unit": r.unit, "status": r.status.value, "answer_by": r.answer_by,
                      "planning_date": r.planning_date} for r in s.requests]})


def _detail(found: tuple[Listed, list[Step], str | None]) -> InvestigationDetailOut:
    item, steps, citizen = found
    return InvestigationDetailOut(**_listed(item).model_dump(), citizen=citizen, timeline=[
        StepOut(step=s.step, actor=s.actor, by=s.by, at=s.at) for s in steps])


def _list(investigations: InvestigationsDep, caller: Caller, tab: Tab,
          status: Status | None) -> InvestigationListOut:
    return InvestigationListOut(investigations=[
        _listed(i) for i in list_for(investigations, caller, tab, status)])


# --- the coordinator ---------------------------------------------------------------------
@coordinator.get("")
def coordinator_list(caller: CoordinatorDep, investigations: InvestigationsDep,
                     tab: TabQuery = Tab.CURRENT,
                     status: StatusQuery = None) -> InvestigationListOut:
    """The region's investigations in a tab, overdue first."""
    return _list(investigations, caller, tab, status)


@coordinator.get(ID)
def coordinator_view(investigation_id: UUID, caller: CoordinatorDep,
                     investigations: InvestigationsDep) -> InvestigationDetailOut:
    """One of the region's investigations today, with its timeline."""
    return _detail(detail(investigations, investigation_id, caller))


@coordinator.post(f"{ID}/units-asked", responses=_REFUSED)
def ask_units(investigation_id: UUID, body: UnitsIn, caller: CoordinatorDep,
              investigations: InvestigationsDep) -> ChangedOut:
    """Internal requests to the region's units not asked before; each answers in 2 business
    days."""
    return changed(investigations.ask_units(investigation_id, caller,
                                            regions_units(caller, body.units)))


@coordinator.post(f"{ID}/direct-assignment", responses=_REFUSED)
def assign_directly(investigation_id: UUID, body: UnitIn, caller: CoordinatorDep,
                    investigations: InvestigationsDep) -> ChangedOut:
    """A request to one of the region's units, born accepted (DIREKTTILLDELAD)."""
    unit_id = regions_units(caller, [body.unit])[0]
    return changed(investigations.assign_directly(investigation_id, caller, unit_id))


@coordinator.post(f"{ID}/assignment", responses=_REFUSED)
def assign(investigation_id: UUID, body: UnitIn, caller: CoordinatorDep,
           investigations: InvestigationsDep) -> ChangedOut:
    """Accept FK's request for a unit that accepted (RespondToPerformerRequest ACCEPTERAT)."""
    return changed(investigations.assign(investigation_id, caller, body.unit))


@coordinator.post(f"{ID}/rejection", responses=_REFUSED)
def reject(investigation_id: UUID, body: CommentIn, caller: CoordinatorDep,
           investigations: InvestigationsDep) -> ChangedOut:
    """Reject FK's request, with a comment (RespondToPerformerRequest AVVISAT)."""
    return changed(investigations.reject_request(investigation_id, caller, body.comment))


@coordinator.post(f"{ID}/payment-ids/{{kind}}", responses=_REFUSED)
def record_region_payment_id(investigation_id: UUID, kind: PaymentIdKind, body: PaymentIdIn,
                             caller: CoordinatorDep,
                             investigations: InvestigationsDep) -> ChangedOut:
    """FK's invoice id, FK's and the unit's payment ids (the region's own only)."""
    return changed(investigations.record_payment_id(investigation_id, caller, kind, body.value))


# --- the unit's vårdadmin ----------------------------------------------------------------
@unit.get("")
def unit_list(caller: UnitAdminDep, investigations: InvestigationsDep,
              tab: TabQuery = Tab.CURRENT, status: StatusQuery = None) -> InvestigationListOut:
    """The unit's investigations in a tab, overdue first."""
    return _list(investigations, caller, tab, status)


@unit.get(ID)
def unit_view(investigation_id: UUID, caller: UnitAdminDep, investigations: InvestigationsDep,
              read_log: ReadLogDep) -> InvestigationDetailOut:
    """One of the unit's investigations today, with its timeline; to the assigned unit also
    the citizen (an access-logged read of patient data)."""
    found = detail(investigations, investigation_id, caller)
    if found[2] is not None:
        read_log.record([found[2]], [])
    return _detail(found)


@unit.post(f"{ID}/answer", responses=_REFUSED)
def answer(investigation_id: UUID, body: AnswerIn, caller: UnitAdminDep,
           investigations: InvestigationsDep) -> ChangedOut:
    """Accept (naming the performer) or decline (with a comment) the internal request."""
    performer = None if body.performer is None else Performer(**body.performer.model_dump())
    return changed(investigations.answer_request(investigation_id, caller, body.answer,
                                              body.comment, performer))


@unit.post(f"{ID}/documents", responses=_REFUSED)
def receive_documents(investigation_id: UUID, body: DayIn, caller: UnitAdminDep,
                      investigations: InvestigationsDep) -> ChangedOut:
    """The oldest pending postal delivery arrived on ``day``."""
    return changed(investigations.receive_documents(investigation_id, caller, body.day))


@unit.post(f"{ID}/visits", responses=_REFUSED)
def book_visit(investigation_id: UUID, body: VisitIn, caller: UnitAdminDep,
               investigations: InvestigationsDep) -> ChangedOut:
    """Book a visit (ReportCareContact out)."""
    booking = VisitBooking(**body.model_dump(exclude={"extended_last_date"}))
    return changed(investigations.book_visit(investigation_id, caller, booking,
                                          body.extended_last_date))


@unit.post(f"{ID}/visits/{{visit_id}}/reschedule", responses=_REFUSED)
def reschedule_visit(investigation_id: UUID, visit_id: VisitPath, body: RescheduleIn,
                     caller: UnitAdminDep, investigations: InvestigationsDep) -> ChangedOut:
    """A new time for a booked visit (OMBOKAT)."""
    return changed(investigations.reschedule_visit(investigation_id, caller, visit_id,
                                                body.start, body.end, body.summons_channel,
                                                body.summoned_on))


@unit.post(f"{ID}/visits/{{visit_id}}/cancel", responses=_REFUSED)
def cancel_visit(investigation_id: UUID, visit_id: VisitPath, caller: UnitAdminDep,
                 investigations: InvestigationsDep) -> ChangedOut:
    """Cancel a visit after FK's deviation, or once FK ended the case (INSTALLD)."""
    return changed(investigations.cancel_visit(investigation_id, caller, visit_id))


@unit.post(f"{ID}/visits/{{visit_id}}/held", responses=_REFUSED)
def report_visit_held(investigation_id: UUID, visit_id: VisitPath, body: VisitHeldIn,
                      caller: UnitAdminDep, investigations: InvestigationsDep) -> ChangedOut:
    """The visit was held (AVSLUTAD_VARDKONTAKT), the interpreter reported if booked."""
    return changed(investigations.report_visit_held(investigation_id, caller, visit_id, body.tolk))


@unit.post(f"{ID}/deviations", responses=_REFUSED)
def report_deviation(investigation_id: UUID, body: DeviationIn, caller: UnitAdminDep,
                     investigations: InvestigationsDep) -> ChangedOut:
    """Care reports a deviation at a visit (ReportDeviation out); ``replyId``: its id."""
    deviation_id = str(investigations.ids())
    return changed(investigations.report_deviation(
        investigation_id, caller, body.care_contact_id, deviation_id, body.caused_by,
        body.deviation_time, body.citizen_failed_to_arrive), deviation_id)


@unit.post(f"{ID}/statement", responses=_REFUSED)
def send_statement(investigation_id: UUID, body: DayIn, caller: UnitAdminDep,
                   investigations: InvestigationsDep) -> ChangedOut:
    """The utlåtande was sent on ``day``."""
    return changed(investigations.send_statement(investigation_id, caller, body.day))


@unit.post(f"{ID}/complement-questions", responses=_REFUSED)
def receive_complement_questions(investigation_id: UUID, body: DayIn, caller: UnitAdminDep,
                                 investigations: InvestigationsDep) -> ChangedOut:
    """The kompletterande frågeställning arrived on ``day``."""
    return changed(investigations.receive_complement_questions(investigation_id, caller,
                                                            body.day))


@unit.post(f"{ID}/complement", responses=_REFUSED)
def send_complement(investigation_id: UUID, body: DayIn, caller: UnitAdminDep,
                    investigations: InvestigationsDep) -> ChangedOut:
    """The komplettering was sent on ``day``."""
    return changed(investigations.send_complement(investigation_id, caller, body.day))


@unit.post(f"{ID}/invoice-id", responses=_REFUSED)
def record_invoice_id(investigation_id: UUID, body: PaymentIdIn, caller: UnitAdminDep,
                      investigations: InvestigationsDep) -> ChangedOut:
    """The unit's invoice id (fakturaVeId)."""
    return changed(investigations.record_payment_id(investigation_id, caller,
                                                 PaymentIdKind.FAKTURA_VE_ID, body.value))


@unit.post(f"{ID}/end", responses=_REFUSED)
def end(investigation_id: UUID, caller: UnitAdminDep,
        investigations: InvestigationsDep) -> ChangedOut:
    """End once no complement was requested (INGEN_KOMPLETTERING_BEGARD)."""
    return changed(investigations.end(investigation_id, caller,
                                   EndReason.INGEN_KOMPLETTERING_BEGARD))
