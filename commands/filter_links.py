"""Shared filter sets of Intygsstatistik (DOMAIN.md §8): store one under its short id, find it
again by that id.

A filter set is stored as one ``FilterLink`` aggregate in the certificates' event store (topics
pinned in ``domain.topics``, never published on Kafka: it is a setting of the statistics page,
not a fact about care). The aggregate id follows from the short id, so sharing a set that is
already stored reads it back and writes nothing; two requests racing to store the same set
both end with the one stored.
"""

from __future__ import annotations

from uuid import UUID

import structlog
from eventsourcing.application import Application
from eventsourcing.persistence import RecordConflictError

from commands.clock import Clock
from commands.stored import stored
from domain.shared.errors import NotFoundError
from domain.statistics.filter_link import FilterLink, link_id
from domain.statistics.filters import FILTER_ID, FilterSet

log = structlog.get_logger("statistics.filters")


class FilterSetNotFoundError(NotFoundError):
    """No filter set is stored under the id."""


class FilterLinks:
    """Stores and finds shared filter sets in ``app``'s event store."""

    def __init__(self, app: Application[UUID], clock: Clock) -> None:
        self.app, self._clock = app, clock

    def share(self, filters: FilterSet) -> tuple[str, bool]:
        """Store the set under its short id; returns the id and whether it was new."""
        if self._stored(filters.id) is not None:
            return filters.id, False
        try:
            self.app.save(FilterLink.share(filters, self._clock()))
        except RecordConflictError:  # stored by a racing request an instant ago: the same set
            return filters.id, False
        log.info("filter_set_shared", filter_id=filters.id)
        return filters.id, True

    def get(self, filter_id: str) -> FilterSet:
        """The set stored under ``filter_id``; ``FilterSetNotFoundError`` when there is none."""
        found = self._stored(filter_id) if FILTER_ID.match(filter_id) else None
        if found is None:
            raise FilterSetNotFoundError(f"No filter set {filter_id!r} is stored.")
        return found.filter_set()

    def _stored(self, filter_id: str) -> FilterLink | None:
        return stored(self.app, link_id(filter_id), FilterLink)
