"""Runs the read models: each in a thread of its own, fed from the store's notification log
(embedded) or from Kafka (production), in ``intyg serve`` or alone (``intyg project NAME``)."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from functools import partial

import structlog

from api.runtime.unit_cases_memo import UnitCasesMemo
from commands.certificates import Certificates
from commands.settings import Settings
from projections.base import DocumentView
from projections.registry import build_views
from streams.consumer import KafkaFeed, prepare, run_from_log
from streams.database import Database
from streams.read_your_writes import read_progress
from streams.relay import ensure_relay_tables
from streams.sealing.view_seal import view_seal
from streams.seen_watch import ReadOutcome, SeenWatch, WaitingReads

log = structlog.get_logger("api.projections")


class ProjectionHost:
    def __init__(self, settings: Settings, app: Certificates,
                 names: Iterable[str] | None = None) -> None:
        self.settings, self.app = settings, app
        self.db = Database(settings, keep_idle=4)
        self.seal = view_seal(settings, self.db)
        every = build_views(settings, self.seal)
        self.views: dict[str, DocumentView] = {n: every[n] for n in (names or every)}
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self.unit_cases = UnitCasesMemo()  # Rehabstöd's overview and summary
        ensure_relay_tables(self.db)
        for view in self.views.values():
            prepare(self.db, view)
        watches = {name: SeenWatch(name, partial(read_progress, self.db, settings, name),
                                   self._stop) for name in self.views}
        self._reads = WaitingReads(watches, partial(read_progress, self.db, settings),
                                   self._head, settings.read_waiters)

    def start(self) -> None:
        for name, view in self.views.items():
            thread = threading.Thread(target=self._run, args=(view,), name=f"view-{name}",
                                      daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=30)
        self._threads.clear()
        self.db.close()

    def wait_for(self, name: str, position: int | None) -> bool:
        """Read-your-writes: whether the view has seen ``position``, waiting a bounded time."""
        return self.read_after(name, position) is ReadOutcome.SEEN

    def read_after(self, name: str, position: int | None) -> ReadOutcome:
        """Whether the view has seen ``position``: at once when it has, or when the position is
        beyond the log's head or too many reads wait already; else after a bounded wait."""
        if position is None or position <= 0:
            return ReadOutcome.SEEN
        return self._reads.read_after(name, position, self.settings.read_wait_seconds)

    def _head(self) -> int:
        head: int | None = self.app.recorder.max_notification_id()
        return head or 0

    def _run(self, view: DocumentView) -> None:
        log.info("projection_started", projection=view.name,
                 source="kafka" if self.settings.is_production else "log")
        backoff = 1.0
        while not self._stop.is_set():
            try:
                if self.settings.is_production:
                    KafkaFeed(self.settings, self.db, view).run(self._stop)
                else:
                    run_from_log(self.app, self.db, view, self._stop)
            except Exception as error:  # logged with ids only; the batch rolled back
                log.error("projection_failed", projection=view.name,
                          error=type(error).__name__, retry_in=backoff, exc_info=error)
                self._stop.wait(backoff)
                backoff = min(backoff * 2, 60.0)
