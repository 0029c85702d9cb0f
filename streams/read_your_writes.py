"""Has a consumer seen a given position of the store's log? (``?after=`` on the query APIs.)

A command returns the log position of what it wrote. Embedded, a view reads the log itself, so
it has seen position P once its watermark is at P. In production the view reads Kafka, one
partition at a time: P is seen once the relay has published up to P and, in every partition,
the view has applied the last event the relay put there at or before P. The relay records per
partition the last position it published; where that is past P the view must reach P itself.
"""

from __future__ import annotations

import time

from commands.settings import Settings
from streams.consumer import watermarks
from streams.database import Database
from streams.topics import certificates_topic


def has_seen(db: Database, settings: Settings, consumer: str, position: int) -> bool:
    seen = watermarks(db, consumer)
    if not settings.is_production:
        return seen.get(0, 0) >= position
    topic = certificates_topic(settings)
    with db.transaction() as tx:
        relayed = tx.execute("SELECT position FROM relay_position WHERE relay = ?", (topic,))
        last_in = tx.execute("SELECT part, position FROM relay_partition_position "
                             "WHERE relay = ?", (topic,))
    if not relayed or int(relayed[0][0]) < position:
        return False
    return all(seen.get(int(part), 0) >= min(position, int(last)) for part, last in last_in)


def wait_until_seen(db: Database, settings: Settings, consumer: str, position: int,
                    timeout: float) -> bool:
    """Wait at most ``timeout`` seconds; whether the position was seen."""
    deadline = time.monotonic() + timeout
    while not has_seen(db, settings, consumer, position):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.02)
    return True
