"""The FMU lists and detail as the API shows them: the query parameters of a list, and the
answers built from ``commands.investigation_views`` over the read model
(``api.runtime.investigations``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

from api.http.fmu_answers import (
    InvestigationDetailOut,
    InvestigationListOut,
    InvestigationOut,
    StepOut,
)
from api.http.fmu_schemas import VISIT_ID
from api.http.openapi import problems
from api.runtime.investigations import InvestigationLists
from commands.investigation_views import Listed, Step, Tab
from domain.orders.fmu.callers import Caller
from domain.orders.fmu.codes import Status

ID = "/{investigation_id}"
REFUSED = problems(403, 404, 409, 422)
TabQuery = Annotated[Tab, Query(description="current, done (ended) or rejected (AVVISAD)")]
StatusQuery = Annotated[Status | None, Query(description="Only this status")]
VisitPath = Annotated[str, Path(**VISIT_ID)]


def listed_out(item: Listed) -> InvestigationOut:
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


def detail_out(found: tuple[Listed, list[Step], str | None]) -> InvestigationDetailOut:
    item, steps, citizen = found
    return InvestigationDetailOut(**listed_out(item).model_dump(), citizen=citizen, timeline=[
        StepOut(step=s.step, actor=s.actor, by=s.by, at=s.at) for s in steps])


def list_out(lists: InvestigationLists, caller: Caller, tab: Tab,
             status: Status | None) -> InvestigationListOut:
    return InvestigationListOut(investigations=[
        listed_out(i) for i in lists.list_for(caller, tab, status)])
