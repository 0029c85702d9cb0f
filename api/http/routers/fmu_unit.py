"""The FMU routes of a unit's vårdadmin (FMU_VARDADMIN; ORDERS.md §1.2, §1.4 #4, #9-#21): the
unit's list by tab (overdue first), one investigation with its timeline (and, to the assigned
unit, the citizen: an access-logged read), the answer to an internal request, documents,
visits, deviations, the utlåtande and complements, the invoice id and the end. The vårdadmin
acts for the token's care unit; an investigation the unit was never asked about is a 404, the
same as an unknown id."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter

from api.http.access import ReadLogDep
from api.http.fmu import InvestigationListsDep, InvestigationsDep, UnitAdminDep, changed
from api.http.fmu_answers import ChangedOut, InvestigationDetailOut, InvestigationListOut
from api.http.fmu_presenters import (
    ID,
    REFUSED,
    StatusQuery,
    TabQuery,
    VisitPath,
    detail_out,
    list_out,
)
from api.http.fmu_schemas import (
    AnswerIn,
    DayIn,
    DeviationIn,
    PaymentIdIn,
    RescheduleIn,
    VisitHeldIn,
    VisitIn,
)
from commands.investigation_views import Tab
from domain.orders.fmu.codes import EndReason, PaymentIdKind
from domain.orders.fmu.facts import VisitBooking
from domain.orders.fmu.performer import Performer

router = APIRouter(prefix="/v1/fmu/unit/investigations", tags=["FMU: vårdadmin"])


@router.get("")
def unit_list(caller: UnitAdminDep, lists: InvestigationListsDep,
              tab: TabQuery = Tab.CURRENT, status: StatusQuery = None) -> InvestigationListOut:
    """The unit's investigations in a tab, overdue first."""
    return list_out(lists, caller, tab, status)


@router.get(ID)
def unit_view(investigation_id: UUID, caller: UnitAdminDep, lists: InvestigationListsDep,
              read_log: ReadLogDep) -> InvestigationDetailOut:
    """One of the unit's investigations today, with its timeline; to the assigned unit also
    the citizen (an access-logged read of patient data)."""
    found = lists.detail(investigation_id, caller)
    if found[2] is not None:
        read_log.record([found[2]], [])
    return detail_out(found)


@router.post(f"{ID}/answer", responses=REFUSED)
def answer(investigation_id: UUID, body: AnswerIn, caller: UnitAdminDep,
           investigations: InvestigationsDep) -> ChangedOut:
    """Accept (naming the performer) or decline (with a comment) the internal request."""
    performer = None if body.performer is None else Performer(**body.performer.model_dump())
    return changed(investigations.answer_request(investigation_id, caller, body.answer,
                                              body.comment, performer))


@router.post(f"{ID}/documents", responses=REFUSED)
def receive_documents(investigation_id: UUID, body: DayIn, caller: UnitAdminDep,
                      investigations: InvestigationsDep) -> ChangedOut:
    """The oldest pending postal delivery arrived on ``day``."""
    return changed(investigations.receive_documents(investigation_id, caller, body.day))


@router.post(f"{ID}/visits", responses=REFUSED)
def book_visit(investigation_id: UUID, body: VisitIn, caller: UnitAdminDep,
               investigations: InvestigationsDep) -> ChangedOut:
    """Book a visit (ReportCareContact out)."""
    booking = VisitBooking(**body.model_dump(exclude={"extended_last_date"}))
    return changed(investigations.book_visit(investigation_id, caller, booking,
                                          body.extended_last_date))


@router.post(f"{ID}/visits/{{visit_id}}/reschedule", responses=REFUSED)
def reschedule_visit(investigation_id: UUID, visit_id: VisitPath, body: RescheduleIn,
                     caller: UnitAdminDep, investigations: InvestigationsDep) -> ChangedOut:
    """A new time for a booked visit (OMBOKAT)."""
    return changed(investigations.reschedule_visit(investigation_id, caller, visit_id,
                                                body.start, body.end, body.summons_channel,
                                                body.summoned_on))


@router.post(f"{ID}/visits/{{visit_id}}/cancel", responses=REFUSED)
def cancel_visit(investigation_id: UUID, visit_id: VisitPath, caller: UnitAdminDep,
                 investigations: InvestigationsDep) -> ChangedOut:
    """Cancel a visit after FK's deviation, or once FK ended the case (INSTALLD)."""
    return changed(investigations.cancel_visit(investigation_id, caller, visit_id))


@router.post(f"{ID}/visits/{{visit_id}}/held", responses=REFUSED)
def report_visit_held(investigation_id: UUID, visit_id: VisitPath, body: VisitHeldIn,
                      caller: UnitAdminDep, investigations: InvestigationsDep) -> ChangedOut:
    """The visit was held (AVSLUTAD_VARDKONTAKT), the interpreter reported if booked."""
    return changed(investigations.report_visit_held(investigation_id, caller, visit_id, body.tolk))


@router.post(f"{ID}/deviations", responses=REFUSED)
def report_deviation(investigation_id: UUID, body: DeviationIn, caller: UnitAdminDep,
                     investigations: InvestigationsDep) -> ChangedOut:
    """Care reports a deviation at a visit (ReportDeviation out); ``replyId``: its id."""
    deviation_id = str(investigations.ids())
    return changed(investigations.report_deviation(
        investigation_id, caller, body.care_contact_id, deviation_id, body.caused_by,
        body.deviation_time, body.citizen_failed_to_arrive), deviation_id)


@router.post(f"{ID}/statement", responses=REFUSED)
def send_statement(investigation_id: UUID, body: DayIn, caller: UnitAdminDep,
                   investigations: InvestigationsDep) -> ChangedOut:
    """The utlåtande was sent on ``day``."""
    return changed(investigations.send_statement(investigation_id, caller, body.day))


@router.post(f"{ID}/complement-questions", responses=REFUSED)
def receive_complement_questions(investigation_id: UUID, body: DayIn, caller: UnitAdminDep,
                                 investigations: InvestigationsDep) -> ChangedOut:
    """The kompletterande frågeställning arrived on ``day``."""
    return changed(investigations.receive_complement_questions(investigation_id, caller,
                                                            body.day))


@router.post(f"{ID}/complement", responses=REFUSED)
def send_complement(investigation_id: UUID, body: DayIn, caller: UnitAdminDep,
                    investigations: InvestigationsDep) -> ChangedOut:
    """The komplettering was sent on ``day``."""
    return changed(investigations.send_complement(investigation_id, caller, body.day))


@router.post(f"{ID}/invoice-id", responses=REFUSED)
def record_invoice_id(investigation_id: UUID, body: PaymentIdIn, caller: UnitAdminDep,
                      investigations: InvestigationsDep) -> ChangedOut:
    """The unit's invoice id (fakturaVeId)."""
    return changed(investigations.record_payment_id(investigation_id, caller,
                                                 PaymentIdKind.FAKTURA_VE_ID, body.value))


@router.post(f"{ID}/end", responses=REFUSED)
def end(investigation_id: UUID, caller: UnitAdminDep,
        investigations: InvestigationsDep) -> ChangedOut:
    """End once no complement was requested (INGEN_KOMPLETTERING_BEGARD)."""
    return changed(investigations.end(investigation_id, caller,
                                   EndReason.INGEN_KOMPLETTERING_BEGARD))
