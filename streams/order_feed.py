"""Feeds the orders' read model from the store's notification log: each order's event and each
record of a sent mail, as history lines, applied with the view's position in one transaction (a
crash neither skips nor applies twice). The orders view reads the store in both modes: it is the
unit's own working list, and Kafka's orders topic serves the systems downstream."""

from __future__ import annotations

from typing import Any, Protocol

from commands.grouped_application import domain_events
from commands.history import history_line
from domain.orders.bestallning.order import Bestallning
from domain.orders.sent_mail import SentNotification
from domain.topics import topics_of
from streams.consumer import positions, prepare
from streams.database import Database, Transaction

SOURCE = "orders-log"
TOPICS = topics_of(Bestallning, SentNotification)


class LineHandler(Protocol):
    name: str

    def setup(self, tx: Transaction) -> None: ...

    def apply(self, tx: Transaction, line: dict[str, Any]) -> None: ...


def prepare_orders(db: Database, handler: LineHandler) -> None:
    # The same tables, another message shape; rebuilt in place from the store's log (quick).
    prepare(db, handler, beside=False)  # type: ignore[arg-type]


def feed_orders(app: Any, db: Database, handler: LineHandler, limit: int = 500) -> int:
    """Apply the next page of order events; how many were applied."""
    return feed_log(app, db, handler, TOPICS, SOURCE, limit)


def feed_log(app: Any, db: Database, handler: LineHandler, topics: list[str], source: str,
             limit: int = 500) -> int:
    """Apply the next page of the log's events under ``topics`` to a view fed from the log
    (``source`` names its position); how many the page held.

    Every worker process of the API catches the view up before its reads: the page is claimed
    first, by moving the position on only if it is still where this process read it. A
    process that read the same position waits on the claim, finds the position moved, applies
    nothing and reads the next page (an event applied twice would take a status back)."""
    start = positions(db, handler.name, source).get(0, 0)
    page = app.recorder.select_notifications(start + 1, limit, topics=topics)
    if not page:
        return 0
    # Read (and opened, their data keys in one query) before the view's transaction: on SQLite
    # the key table is read through another connection, which would wait on this one's lock.
    lines = [history_line(event) for event in domain_events(app.mapper, page)]
    with db.transaction() as tx:
        claimed = tx.execute(
            "INSERT INTO consumer_position VALUES (?, ?, ?, ?) ON CONFLICT "
            "(consumer, source, part) DO UPDATE SET position = excluded.position "
            "WHERE consumer_position.position = ? RETURNING position",
            (handler.name, source, 0, page[-1].id, start))
        if claimed:
            for line in lines:
                handler.apply(tx, line)
    return len(page)


def orders_position(db: Database, handler: LineHandler) -> int:
    return positions(db, handler.name, SOURCE).get(0, 0)
