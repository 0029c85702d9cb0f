"""The FMU lists and the timeline of one investigation, read at request time: the coordinator's
list (the region's investigations) and the unit's (those it was asked about or assigned), by
tab, overdue first. Overdue is computed from the stored deadlines, today and the calendar, at
the moment of reading, so a list is never stale by a day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from commands.investigation_jobs import investigation_ids
from commands.investigation_store import InvestigationStore
from domain.orders.calendar import swedish_date
from domain.orders.fmu.callers import Caller, may_see
from domain.orders.fmu.codes import Actor, Phase, Status
from domain.orders.fmu.facts import Facts
from domain.orders.fmu.investigation import Investigation
from domain.orders.fmu.summary import InvestigationSummary, summarize


class Tab(StrEnum):
    CURRENT = "current"  # not ended
    DONE = "done"  # ended: AVSLUTAD or AVBRUTEN
    REJECTED = "rejected"  # AVVISAD: the region said no to FK


@dataclass(frozen=True)
class Listed:
    id: UUID
    kind: str
    landsting: str
    summary: InvestigationSummary

    @property
    def overdue(self) -> bool:
        flags = self.summary.overdue
        return flags.fk_answer_overdue or flags.statement_overdue or flags.complement_overdue


@dataclass(frozen=True)
class Step:
    step: str
    actor: str
    by: str
    at: datetime


def tab_of(status: Status, phase: Phase) -> Tab:
    if status is Status.AVVISAD:
        return Tab.REJECTED
    return Tab.DONE if phase is Phase.AVSLUTAD else Tab.CURRENT


def listed(store: InvestigationStore, inv: Investigation, today: date) -> Listed:
    return Listed(inv.id, inv.facts.kind.value, inv.facts.landsting,
                  summarize(inv.facts, today, store.calendar))


def list_for(store: InvestigationStore, caller: Caller, tab: Tab,
             status: Status | None = None) -> list[Listed]:
    """The caller's investigations in ``tab`` (and ``status``): overdue first, then by the
    nearest last date, then as they came."""
    today = swedish_date(store.clock())
    found = []
    for investigation_id in investigation_ids(store):
        inv: Investigation = store.app.repository.get(investigation_id)
        if not may_see(inv.facts, caller):
            continue
        item = listed(store, inv, today)
        if tab_of(item.summary.status, item.summary.phase) is tab and status in (
                None, item.summary.status):
            found.append(item)
    return sorted(found, key=lambda i: (not i.overdue, i.summary.last_date or date.max))


def citizen_for(facts: Facts, caller: Caller) -> str | None:
    """The citizen, to the vårdadmin of the assigned unit only (who does the investigation):
    not to the coordinator, nor to a unit merely asked."""
    if caller.actor is Actor.VARDADMIN and facts.assigned_unit == caller.acts_for:
        return facts.citizen
    return None


def detail(store: InvestigationStore, investigation_id: UUID,
           caller: Caller) -> tuple[Listed, list[Step], str | None]:
    """One investigation today, its timeline (its events: step, actor, who, when) and the
    citizen where the caller may see it."""
    inv = store.get_for(investigation_id, caller)
    events = store.app.repository.event_store.get(investigation_id)
    timeline = [Step(type(e).__name__, str(vars(e).get("actor", "")), str(vars(e).get("by", "")),
                     vars(e)["at"]) for e in events]
    return (listed(store, inv, swedish_date(store.clock())), timeline,
            citizen_for(inv.facts, caller))
