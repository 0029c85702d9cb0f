"""Has a consumer seen a given position of the store's log? (``?after=`` on the query APIs.)

A command returns the log position of what it wrote. Embedded, a view reads the log itself, so
it has seen position P once its watermark is at P. In production the view reads Kafka, one
partition at a time: P is seen once the relay has published up to P and, in every partition,
the view has applied the last event the relay put there at or before P. The relay records per
partition the last position it published; where that is past P the view must reach P itself.

``read_progress`` reads all of that at once into a ``Progress``, which then answers for any
position without reading again: one read serves every request waiting on the view
(``streams.seen_watch``).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from commands.settings import Settings
from streams.database import Database
from streams.topics import certificates_topic


@dataclass(frozen=True)
class Progress:
    """How far one view has come, as read at one moment."""

    production: bool
    seen: Mapping[int, int]
    relayed: int | None = None
    last_in: Mapping[int, int] = field(default_factory=dict)

    def covers(self, position: int) -> bool:
        if not self.production:
            return self.seen.get(0, 0) >= position
        if self.relayed is None or self.relayed < position:
            return False
        return all(self.seen.get(part, 0) >= min(position, last)
                   for part, last in self.last_in.items())


def read_progress(db: Database, settings: Settings, consumer: str) -> Progress:
    with db.transaction() as tx:
        rows = tx.execute("SELECT part, log_position FROM consumer_watermark "
                          "WHERE consumer = ?", (consumer,))
        seen = {int(part): int(pos) for part, pos in rows}
        if not settings.is_production:
            return Progress(production=False, seen=seen)
        topic = certificates_topic(settings)
        relayed = tx.execute("SELECT position FROM relay_position WHERE relay = ?", (topic,))
        last_in = tx.execute("SELECT part, position FROM relay_partition_position "
                             "WHERE relay = ?", (topic,))
    return Progress(production=True, seen=seen,
                    relayed=int(relayed[0][0]) if relayed else None,
                    last_in={int(part): int(last) for part, last in last_in})


def has_seen(db: Database, settings: Settings, consumer: str, position: int) -> bool:
    return read_progress(db, settings, consumer).covers(position)


def wait_until_seen(db: Database, settings: Settings, consumer: str, position: int,
                    timeout: float) -> bool:
    """Wait at most ``timeout`` seconds; whether the position was seen. For a single caller
    (a command-line tool, a test); the query API waits through ``streams.seen_watch``."""
    deadline = time.monotonic() + timeout
    while not has_seen(db, settings, consumer, position):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.02)
    return True
