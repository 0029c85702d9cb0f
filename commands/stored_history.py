"""A stored event row that cannot be read back (its bytes altered, its topic unknown) is named
by its ids, so the API can answer with a clear problem and the log can say which row, never
what the row held.

The event store's mapper is chosen by ``MAPPER_TOPIC`` (``commands.settings``): this one only
adds the error; rows it can read map exactly as the library's mapper maps them.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.persistence import Mapper, MapperDeserialisationError, StoredEvent
from eventsourcing.utils import TopicError

MAPPER_TOPIC = "commands.stored_history:CheckedMapper"


class StoredHistoryUnreadableError(MapperDeserialisationError):
    """A stored event of the aggregate does not open with the store key or names no known
    event class. Its text names the aggregate and the version only."""

    def __init__(self, aggregate_id: object, version: int) -> None:
        super().__init__(f"The stored event {version} of {aggregate_id} cannot be read.")
        self.aggregate_id = str(aggregate_id)
        self.version = version


class CheckedMapper(Mapper[UUID]):
    def to_domain_event(self, stored_event: StoredEvent) -> Any:
        try:
            return super().to_domain_event(stored_event)
        except (MapperDeserialisationError, TopicError):
            # the library's text quotes the cause; ours names the row by its ids only
            raise StoredHistoryUnreadableError(stored_event.originator_id,
                                               stored_event.originator_version) from None
