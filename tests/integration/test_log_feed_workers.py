"""A view the API catches up from the store's log before its reads (the orders' and FMU's),
with several API worker processes catching it up at once (``intyg run --workers N``): each
event is applied once. Real PostgreSQL, two connections as two processes would hold."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from commands.settings import Settings
from domain.certificates.certificate import Certificate
from domain.topics import topics_of
from streams.consumer import prepare
from streams.database import Database, Transaction
from streams.order_feed import feed_log
from tests.flows import issue_lifecycles

SOURCE = "race-log"
TOPICS = topics_of(Certificate)


class CountingView:
    """Writes a row per applied event (no key: a second apply shows as a second row); calls
    ``meanwhile`` once, inside the transaction of its first page."""

    name = "race-view"

    def __init__(self, meanwhile: Callable[[Transaction], None] | None = None) -> None:
        self.meanwhile = meanwhile

    def setup(self, tx: Transaction) -> None:
        tx.execute("CREATE TABLE IF NOT EXISTS race_applied (id TEXT, version INTEGER)")

    def apply(self, tx: Transaction, line: dict[str, Any]) -> None:
        tx.execute("INSERT INTO race_applied VALUES (?, ?)", (str(line["id"]), line["version"]))
        if self.meanwhile is not None:
            meanwhile, self.meanwhile = self.meanwhile, None
            meanwhile(tx)


def blocked_by(settings: Settings, backend: int) -> bool:
    """Whether a session of the database waits on a lock that ``backend`` holds."""
    with Database(settings).transaction() as tx:
        return bool(tx.execute("SELECT 1 FROM pg_stat_activity "
                               "WHERE ? = ANY(pg_blocking_pids(pid))", (backend,)))


def catch_up(app: Any, db: Database, view: CountingView) -> None:
    while feed_log(app, db, view, TOPICS, SOURCE):
        pass


def test_a_log_fed_view_applies_each_event_once_when_two_workers_catch_it_up_at_once(
        settings: Settings, app: Any) -> None:
    """Issue 16, process model: the second worker read the same position and page while the
    first applied it; it waits for the first's claim on the page, finds the position moved on,
    and applies nothing of it (before, it applied the whole page again)."""
    issue_lifecycles(app, 3)
    first_db, second_db = Database(settings), Database(settings)
    second = threading.Thread(target=catch_up, args=(app, second_db, CountingView()))

    def start_the_second_worker(tx: Transaction) -> None:
        """It reads the old position and page, then waits on this transaction's claim (or,
        claiming nothing, runs through)."""
        first = tx.execute("SELECT pg_backend_pid()")[0][0]
        second.start()
        deadline = time.monotonic() + 30
        while second.is_alive() and not blocked_by(settings, first):
            assert time.monotonic() < deadline, "the second worker never waited on the first"
            time.sleep(0.02)

    prepare(first_db, CountingView())
    catch_up(app, first_db, CountingView(start_the_second_worker))
    second.join(timeout=30)
    assert not second.is_alive()
    with first_db.transaction() as tx:
        rows = tx.execute("SELECT id, version FROM race_applied")
    events = app.recorder.select_notifications(1, 10_000, topics=TOPICS)
    assert len(rows) == len(set(rows)) == len(events)

