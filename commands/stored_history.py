"""A stored event row that cannot be read back (its bytes altered, its topic unknown) is named
by its ids, so the API can answer with a clear problem and the log can say which row, never
what the row held.

The event store's mapper is chosen by ``MAPPER_TOPIC`` (``commands.settings``): the store
sealing mapper of ``streams.sealing.store``, named by its topic (this layer does not import it),
which seals the patient's fields under their data key and opens them again; it builds on the
checked mapper here, which only adds the error. The settings it needs reach it through the
application's environment (``STORE_SEALING``, a handle of ``sealing_handle``), never as values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar
from uuid import UUID

import structlog
from eventsourcing.persistence import Mapper, MapperDeserialisationError, StoredEvent
from eventsourcing.utils import TopicError

T = TypeVar("T")
log = structlog.get_logger("stored_history")

MAPPER_TOPIC = "streams.sealing.store:StoreSealingMapper"
SEALING_ENV = "STORE_SEALING"
_SETTINGS: dict[str, Any] = {}  # handle -> the settings the store's mapper seals with


def sealing_handle(settings: Any) -> str:
    """A name for these settings in the application's environment (kept in this process)."""
    handle = f"settings-{id(settings)}"
    _SETTINGS[handle] = settings
    return handle


def sealing_settings(env: Mapping[str, str]) -> Any:
    """The settings the environment's handle names (None without one)."""
    return _SETTINGS.get(env.get(SEALING_ENV) or "")


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


def read_or_hide(load: Callable[[UUID], T], repository: Any, aggregate_id: UUID,
                 hidden: Callable[[UUID], Exception], may_know: Callable[[Any], bool]) -> T:
    """``load(aggregate_id)``. When a stored row of the record cannot be read, a caller who may
    know of the record, judged on its creation event alone (``may_know`` of version 1), is told
    so (the error goes on, 503); anyone else gets ``hidden(aggregate_id)``, the answer an
    unknown id gets, and the row is logged by its ids. When the creation event itself cannot be
    read nobody can be judged, so everyone gets ``hidden``: a stranger never learns that the id
    exists."""
    try:
        return load(aggregate_id)
    except StoredHistoryUnreadableError as unreadable:
        try:
            insider = may_know(repository.get(aggregate_id, version=1))
        except StoredHistoryUnreadableError:
            insider = False
        if insider:
            raise
        log.error("stored_history_unreadable", aggregate_id=unreadable.aggregate_id,
                  version=unreadable.version, told="not found")
        raise hidden(aggregate_id) from None
