"""The FMU lists and the timeline of one investigation: the coordinator's list (the region's
investigations) and the unit's (those it was asked about or assigned), by tab, overdue first.
The facts and steps come from the read model (``projections.investigations``); overdue is
computed from the stored deadlines, today and the calendar at the moment of reading, so a list
is never stale by a day."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from domain.orders.calendar import BusinessCalendar
from domain.orders.fmu.callers import Caller, may_see
from domain.orders.fmu.codes import Actor, Phase, Status
from domain.orders.fmu.errors import InvestigationNotFoundError
from domain.orders.fmu.facts import Facts
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


def listed(investigation_id: str, facts: Facts, today: date,
           calendar: BusinessCalendar) -> Listed:
    return Listed(UUID(investigation_id), facts.kind.value, facts.landsting,
                  summarize(facts, today, calendar))


def list_for(found: Mapping[str, Facts], caller: Caller, tab: Tab, status: Status | None,
             today: date, calendar: BusinessCalendar) -> list[Listed]:
    """The caller's investigations in ``tab`` (and ``status``): overdue first, then by the
    nearest last date, then as they came."""
    items = [listed(i, facts, today, calendar) for i, facts in found.items()
             if may_see(facts, caller)]
    chosen = [item for item in items if tab_of(item.summary.status, item.summary.phase) is tab
              and status in (None, item.summary.status)]
    return sorted(chosen, key=lambda i: (not i.overdue, i.summary.last_date or date.max))


def citizen_for(facts: Facts, caller: Caller) -> str | None:
    """The citizen, to the vårdadmin of the assigned unit only (who does the investigation):
    not to the coordinator, nor to a unit merely asked."""
    if caller.actor is Actor.VARDADMIN and facts.assigned_unit == caller.acts_for:
        return facts.citizen
    return None


def detail(investigation_id: UUID, facts: Facts | None, steps: Sequence[Step], caller: Caller,
           today: date, calendar: BusinessCalendar) -> tuple[Listed, list[Step], str | None]:
    """One investigation today, its timeline (its events: step, actor, who, when) and the
    citizen where the caller may see it; one the caller may not see is the unknown id's."""
    if facts is None or not may_see(facts, caller):
        raise InvestigationNotFoundError.of(investigation_id)
    return (listed(str(investigation_id), facts, today, calendar), list(steps),
            citizen_for(facts, caller))
