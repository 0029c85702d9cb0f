"""Loading and saving FMU investigations for the ``Investigations`` use cases: in the event
store the certificates live in (as the access log does), loaded for a caller (to anyone who may
not see it, an investigation does not exist), each transition checked for the caller's actor
and FMU grant, saved in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import Application

from commands.clock import Clock, IdFactory, new_id, system_clock
from commands.keyed_creation import create_once, first_answer
from commands.orders import RequestKey
from commands.stored import save_changed, stored_or
from domain.orders.calendar import BusinessCalendar, swedish_date
from domain.orders.fmu.callers import Caller, may_see
from domain.orders.fmu.codes import Actor, AssessmentKind, Status
from domain.orders.fmu.errors import InvestigationNotFoundError
from domain.orders.fmu.investigation import Investigation
from domain.orders.fmu.notifications import Notification, due_notifications
from domain.orders.fmu.status import resolve_status
from domain.orders.fmu.summary import InvestigationSummary, summarize
from domain.shared.errors import NotAuthorisedError
from domain.shared.privileges import Privilege, check_grant

Step = Callable[[Investigation, datetime], None]
AUTHORITIES = frozenset({Actor.FK, Actor.AF})


@dataclass(frozen=True)
class InvestigationResult:
    """The investigation's id, its version and status after the command, and the log position
    of the last event written (a query may wait for it)."""

    id: UUID
    version: int
    position: int | None
    status: Status


class InvestigationStore:
    """FMU investigations in ``app``'s store; calendar, clock and ids injected with real
    defaults."""

    def __init__(self, app: Application[UUID], *, calendar: BusinessCalendar | None = None,
                 clock: Clock = system_clock, ids: IdFactory = new_id) -> None:
        self.app, self.clock, self.ids = app, clock, ids
        self.calendar = calendar or BusinessCalendar()

    # --- reading -------------------------------------------------------------------------
    def get_for(self, investigation_id: UUID, caller: Caller) -> Investigation:
        """The investigation, if ``caller`` may see it; else the unknown id's answer."""
        inv = stored_or(self.app, investigation_id, Investigation, InvestigationNotFoundError.of)
        if not may_see(inv.facts, caller):
            raise InvestigationNotFoundError.of(investigation_id)
        return inv

    def summary(self, investigation_id: UUID, caller: Caller) -> InvestigationSummary:
        """The investigation as the lists show it today (no patient data in it)."""
        inv = self.get_for(investigation_id, caller)
        return summarize(inv.facts, swedish_date(self.clock()), self.calendar)

    def notifications_due(self, investigation_id: UUID, today: date,
                          sent: Collection[tuple[str, str, str, str]] = ()
                          ) -> list[Notification]:
        """§1.8: what the mail sender should send for this investigation on ``today``."""
        events = list(self.app.repository.event_store.get(investigation_id))
        if not events:
            raise InvestigationNotFoundError.of(investigation_id)
        history = [(type(e).__name__, vars(e)) for e in events]
        return due_notifications(str(investigation_id), history, today, self.calendar, sent)

    # --- creating ----------------------------------------------------------------------------
    def receive_request(self, caller: Caller, *, kind: AssessmentKind, landsting: str,
                        fk_answer_by: date | None, sole_own_unit: str | None = None,
                        key: RequestKey | None = None) -> InvestigationResult:
        """#1; ``sole_own_unit``: the region's only unit when it is its own (asked at once);
        with a key, once (a retry gets the first answer, ``commands.keyed_creation``)."""
        self._require_actor(caller, {Actor.FK})
        earlier = first_answer(self.app, key)
        if earlier is not None:
            return _answered(*earlier)
        inv = Investigation.receive_request(id=self.ids(), kind=kind, landsting=landsting,
                                            fk_answer_by=fk_answer_by, now=self.clock(),
                                            by=caller.id, sole_own_unit=sole_own_unit,
                                            calendar=self.calendar)
        return self._save_new(inv, key)

    def order_directly(self, caller: Caller, *, kind: AssessmentKind, landsting: str,
                       unit: str, last_date: date | None, documents_by_post: bool,
                       interpreter_needed: bool, citizen: str | None = None,
                       key: RequestKey | None = None) -> InvestigationResult:
        self._require_actor(caller, AUTHORITIES)
        earlier = first_answer(self.app, key)
        if earlier is not None:
            return _answered(*earlier)
        inv = Investigation.order_directly(
            id=self.ids(), kind=kind, landsting=landsting, unit=unit, last_date=last_date,
            documents_by_post=documents_by_post, interpreter_needed=interpreter_needed,
            now=self.clock(), actor=caller.actor, by=caller.id, citizen=citizen)
        return self._save_new(inv, key)

    def change(self, investigation_id: UUID, caller: Caller, step: Step, *,
               actors: Collection[Actor], grant: Privilege | None = None) -> InvestigationResult:
        """One transition: ``step`` calls one domain method of the loaded investigation with
        ``now``; the caller must be one of ``actors`` and hold ``grant`` when one is named."""
        self._require_actor(caller, actors)
        if grant is not None:
            check_grant(caller.grants, grant)
        inv = self.get_for(investigation_id, caller)
        step(inv, self.clock())
        return self._save(inv)

    # --- helpers ---------------------------------------------------------------------------
    @staticmethod
    def _require_actor(caller: Caller, actors: Collection[Actor]) -> None:
        if caller.actor not in actors:
            raise NotAuthorisedError(f"{caller.actor.value} may not do this.")

    def _save_new(self, inv: Investigation, key: RequestKey | None) -> InvestigationResult:
        """A new investigation saved, with the key's claim when there is a key."""
        if key is None:
            return self._save(inv)
        status = resolve_status(inv.facts, swedish_date(self.clock()))
        return _answered(*create_once(self.app, key, inv, {
            "id": str(inv.id), "version": inv.version, "status": status.value}))

    def _save(self, inv: Investigation) -> InvestigationResult:
        position = save_changed(
            self.app, inv, "Another command changed the investigation at the same time; retry.")
        return InvestigationResult(id=inv.id, version=inv.version, position=position,
                                   status=resolve_status(inv.facts, swedish_date(self.clock())))



def _answered(stored: dict[str, Any], position: int | None) -> InvestigationResult:
    return InvestigationResult(id=UUID(stored["id"]), version=stored["version"],
                               position=position, status=Status(stored["status"]))
