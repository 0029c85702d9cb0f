"""Runs the FMU investigations' read model (``projections.investigations``) for the lists and
the detail routes: it catches up with the store's log before every read, so a list always
shows what the caller just did, and reads only the investigations the caller may be shown."""

from __future__ import annotations

import threading
from uuid import UUID

from eventsourcing.application import Application

from commands.clock import Clock
from commands.investigation_views import Listed, Step, Tab, detail, list_for
from commands.settings import Settings
from domain.orders.calendar import swedish_date
from domain.orders.fmu.callers import Caller
from domain.orders.fmu.codes import Status
from domain.orders.fmu.investigation import Investigation
from domain.topics import topics_of
from projections.investigations import InvestigationsView, candidate_ids, facts_of, timeline
from streams.database import Database
from streams.order_feed import feed_log, prepare_orders
from streams.sealing.view_seal import view_seal

SOURCE = "fmu-log"
TOPICS = topics_of(Investigation)


class InvestigationLists:
    def __init__(self, settings: Settings, app: Application[UUID], clock: Clock) -> None:
        self.app, self.clock, self.calendar = app, clock, settings.business_calendar
        self.db = Database(settings)
        self.view = InvestigationsView(view_seal(settings, self.db))
        self._lock = threading.Lock()
        self._prepared = False

    def catch_up(self) -> None:
        """Apply what the store holds that the view has not seen (its tables made on first
        use)."""
        with self._lock:
            if not self._prepared:
                prepare_orders(self.db, self.view)
                self._prepared = True
            while feed_log(self.app, self.db, self.view, TOPICS, SOURCE):
                pass

    def list_for(self, caller: Caller, tab: Tab, status: Status | None) -> list[Listed]:
        self.catch_up()
        with self.db.transaction() as tx:
            found = facts_of(tx, self.view.seal, candidate_ids(tx, caller))
        return list_for(found, caller, tab, status, swedish_date(self.clock()), self.calendar)

    def detail(self, investigation_id: UUID,
               caller: Caller) -> tuple[Listed, list[Step], str | None]:
        self.catch_up()
        key = str(investigation_id)
        with self.db.transaction() as tx:
            facts = facts_of(tx, self.view.seal, [key]).get(key)
            steps = [Step(*step) for step in timeline(tx, key)]
        return detail(investigation_id, facts, steps, caller, swedish_date(self.clock()),
                      self.calendar)

    def close(self) -> None:
        self.db.close()
