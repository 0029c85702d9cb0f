"""The FMU routes of the region's coordinator (FMU_SAMORDNARE; ORDERS.md §1.2, §1.4 #2-#6,
§1.9 Betalning): the region's list by tab (overdue first), one investigation with its timeline,
the internal requests, assignment or rejection, and FK's invoice and the payment ids. The
coordinator acts for the token's care giver, the region; another region's investigation is a
404, the same as an unknown id. No patient data here: ids, codes and dates."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter

from api.http.fmu import (
    CoordinatorDep,
    InvestigationListsDep,
    InvestigationsDep,
    changed,
    regions_units,
)
from api.http.fmu_answers import ChangedOut, InvestigationDetailOut, InvestigationListOut
from api.http.fmu_presenters import ID, REFUSED, StatusQuery, TabQuery, detail_out, list_out
from api.http.fmu_schemas import CommentIn, PaymentIdIn, UnitIn, UnitsIn
from commands.investigation_views import Tab
from domain.orders.fmu.codes import PaymentIdKind

router = APIRouter(prefix="/v1/fmu/coordinator/investigations", tags=["FMU: samordnare"])


@router.get("")
def coordinator_list(caller: CoordinatorDep, lists: InvestigationListsDep,
                     tab: TabQuery = Tab.CURRENT,
                     status: StatusQuery = None) -> InvestigationListOut:
    """The region's investigations in a tab, overdue first."""
    return list_out(lists, caller, tab, status)


@router.get(ID)
def coordinator_view(investigation_id: UUID, caller: CoordinatorDep,
                     lists: InvestigationListsDep) -> InvestigationDetailOut:
    """One of the region's investigations today, with its timeline."""
    return detail_out(lists.detail(investigation_id, caller))


@router.post(f"{ID}/units-asked", responses=REFUSED)
def ask_units(investigation_id: UUID, body: UnitsIn, caller: CoordinatorDep,
              investigations: InvestigationsDep) -> ChangedOut:
    """Internal requests to the region's units not asked before; each answers in 2 business
    days."""
    return changed(investigations.ask_units(investigation_id, caller,
                                            regions_units(caller, body.units)))


@router.post(f"{ID}/direct-assignment", responses=REFUSED)
def assign_directly(investigation_id: UUID, body: UnitIn, caller: CoordinatorDep,
                    investigations: InvestigationsDep) -> ChangedOut:
    """A request to one of the region's units, born accepted (DIREKTTILLDELAD)."""
    unit_id = regions_units(caller, [body.unit])[0]
    return changed(investigations.assign_directly(investigation_id, caller, unit_id))


@router.post(f"{ID}/assignment", responses=REFUSED)
def assign(investigation_id: UUID, body: UnitIn, caller: CoordinatorDep,
           investigations: InvestigationsDep) -> ChangedOut:
    """Accept FK's request for a unit that accepted (RespondToPerformerRequest ACCEPTERAT)."""
    return changed(investigations.assign(investigation_id, caller, body.unit))


@router.post(f"{ID}/rejection", responses=REFUSED)
def reject(investigation_id: UUID, body: CommentIn, caller: CoordinatorDep,
           investigations: InvestigationsDep) -> ChangedOut:
    """Reject FK's request, with a comment (RespondToPerformerRequest AVVISAT)."""
    return changed(investigations.reject_request(investigation_id, caller, body.comment))


@router.post(f"{ID}/payment-ids/{{kind}}", responses=REFUSED)
def record_region_payment_id(investigation_id: UUID, kind: PaymentIdKind, body: PaymentIdIn,
                             caller: CoordinatorDep,
                             investigations: InvestigationsDep) -> ChangedOut:
    """FK's invoice id, FK's and the unit's payment ids (the region's own only)."""
    return changed(investigations.record_payment_id(investigation_id, caller, kind, body.value))
