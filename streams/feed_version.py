"""Which version of its view a Kafka feed writes (``streams.consumer.KafkaFeed``).

Its view's tables as they serve, when their shape is the one the handler's code writes. When
they are outdated (PostgreSQL), the serving tables are left to answer queries and the feed
writes a new version built beside them (``streams.view_versions``) until it has read the topic
to its end; then the new version is switched in and the feed writes the serving tables again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from streams.database import Database
from streams.view_versions import BesideBuild, drop_leftovers

Prepare = Callable[[Database, Any], bool]
"""``streams.consumer.prepare``: False when the handler's tables are outdated."""


class FeedVersion:
    """The database a feed writes through (``db``): the serving one, or the building one while
    a new version is built beside it (``building``)."""

    def __init__(self, serving: Database, handler: Any, prepare: Prepare) -> None:
        self.beside = None if prepare(serving, handler) else BesideBuild(serving, handler, prepare)
        self.db = serving if self.beside is None else self.beside.db
        if self.beside is None and serving.is_postgres and hasattr(handler, "outdated"):
            drop_leftovers(serving, str(getattr(handler, "table", handler.name)))

    @property
    def building(self) -> bool:
        return self.beside is not None

    def switch(self) -> None:
        """The version built beside, caught up, takes the serving one's place."""
        if self.beside is not None:
            self.db, self.beside = self.beside.switch(), None

    def close(self) -> None:
        """Closes the building database (the serving one is the caller's)."""
        if self.beside is not None:
            self.db.close()
