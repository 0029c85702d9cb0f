"""Who acts on an FMU investigation over the API, and the Investigations application.

The route's policy (``api.http.policy``) has checked the token and the FMU grant already. Here
the acting ``Caller`` is built from what it decoded: a coordinator (FMU_SAMORDNARE) acts for
the region, the care giver of the token (the landsting); a unit's vårdadmin (FMU_VARDADMIN)
acts for the token's care unit; the authority's system (a recipient token, FKASSA) acts as FK.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.http.deps import RecipientDep, StaffDep
from api.http.fmu_answers import ChangedOut
from api.runtime.investigations import InvestigationLists
from commands.investigation_store import InvestigationResult
from commands.investigations import Investigations
from domain.orders.fmu.callers import Caller
from domain.orders.fmu.codes import Actor
from domain.shared.care import unit_belongs_to_care_giver
from domain.shared.errors import InvalidInputError
from domain.shared.privileges import Privilege
from domain.shared.validation import IssueCode, ValidationIssue


def _investigations(request: Request) -> Investigations:
    app = request.app.state.certificates
    return Investigations(app, calendar=request.app.state.settings.business_calendar,
                          clock=app.clock)


def _grants(request: Request) -> frozenset[Privilege]:
    grants: frozenset[Privilege] = getattr(request.state, "fmu_grants", frozenset())
    return grants


def _coordinator(request: Request, staff: StaffDep) -> Caller:
    return Caller(Actor.SAMORDNARE, staff.hsa_id, staff.care_giver_hsa_id, _grants(request))


def _unit_admin(request: Request, staff: StaffDep) -> Caller:
    return Caller(Actor.VARDADMIN, staff.hsa_id, staff.care_unit_hsa_id, _grants(request))


def _authority(recipient: RecipientDep) -> Caller:
    """FK's system; another authority's (AF) acts as AF."""
    return Caller(Actor.FK if recipient == "FKASSA" else Actor.AF, recipient)


def _investigation_lists(request: Request) -> InvestigationLists:
    lists: InvestigationLists = request.app.state.investigation_lists
    return lists


InvestigationsDep = Annotated[Investigations, Depends(_investigations)]
InvestigationListsDep = Annotated[InvestigationLists, Depends(_investigation_lists)]
CoordinatorDep = Annotated[Caller, Depends(_coordinator)]
UnitAdminDep = Annotated[Caller, Depends(_unit_admin)]
AuthorityDep = Annotated[Caller, Depends(_authority)]


def changed(result: InvestigationResult, reply_id: str | None = None) -> ChangedOut:
    """A command's answer."""
    return ChangedOut(id=result.id, version=result.version, status=result.status.value,
                      position=result.position, reply_id=reply_id)


def regions_units(coordinator: Caller, units: list[str]) -> list[str]:
    """The units, if each is one of the coordinator's region (its HSA ids under the region's
    prefix); else a 422 naming each unit that is not, and nothing is asked."""
    issues = [ValidationIssue(question_id="units", field=f"units[{index}]",
                              code=IssueCode.INVALID_VALUE, message="not a unit of the region")
              for index, unit in enumerate(units)
              if not unit_belongs_to_care_giver(unit, coordinator.acts_for)]
    if issues:
        raise InvalidInputError("Only the region's own units can be asked.", issues)
    return units
