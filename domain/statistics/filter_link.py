"""A shared filter set (delad rapportlänk): one filter set stored once under its short id, so
a link to a report with those filters can be opened by a colleague (DOMAIN.md §8).

The aggregate id is derived from the short id (``link_id``): sharing the same set twice finds
the one already stored instead of writing it again. Holds ids and codes only, no patient data.
Event style as in every aggregate (see ``domain.certificates.certificate``): the creation event
by ``@event`` on ``__init__``; the clock comes from the caller.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from eventsourcing.domain import Aggregate, event

from domain.statistics.filters import FilterSet

_NAMESPACE = uuid.UUID("5b0d7c4e-2f61-4a93-8c1e-7d4a6f0b9e23")


def link_id(filter_id: str) -> uuid.UUID:
    """The aggregate id of the filter set with this short id."""
    return uuid.uuid5(_NAMESPACE, f"filter-set:{filter_id}")


class FilterLink(Aggregate):
    """One filter set, stored once, never changed."""

    @event("FilterSetShared")
    def __init__(self, filter_id: str, filters: dict[str, Any], shared_at: datetime) -> None:
        self.filter_id = filter_id
        self.filters = filters
        self.shared_at = shared_at

    @classmethod
    def share(cls, filters: FilterSet, shared_at: datetime) -> FilterLink:
        shared = cls.FilterSetShared  # type: ignore[attr-defined]
        return cls._create(shared, id=link_id(filters.id), filter_id=filters.id,
                           filters=filters.model_dump(mode="json", by_alias=True),
                           shared_at=shared_at)

    def filter_set(self) -> FilterSet:
        return FilterSet.model_validate(self.filters)
