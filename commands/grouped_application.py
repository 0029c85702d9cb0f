"""An eventsourcing Application whose saves are group-committed (``commands.group_commit``):
commands saved at the same time from several threads share one transaction, each still gets
its own recordings (notification ids) or its own conflict."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.application import Application, ProcessingEvent
from eventsourcing.persistence import Mapper, Notification, Recording
from eventsourcing.utils import EnvType

from commands.group_commit import GroupCommitter


class GroupedApplication(Application[UUID]):
    """``save`` as the library's, but the insert is handed to a ``GroupCommitter``."""

    def __init__(self, env: EnvType | None = None) -> None:
        super().__init__(env)
        self.committer = GroupCommitter(self.recorder)

    def construct_mapper(self) -> Mapper[UUID]:
        """The library's, bound to the store's data keys when it seals patient data."""
        mapper = super().construct_mapper()
        bind = getattr(mapper, "bind", None)
        if bind is not None:
            bind(self.env)
        return mapper

    def _record(self, processing_event: ProcessingEvent[UUID]) -> list[Recording[UUID]]:
        if processing_event.tracking is not None or processing_event.saved_kwargs:
            return super()._record(processing_event)  # not a plain command: as the library
        events = processing_event.events
        if not events:
            return []
        stored = [self.mapper.to_stored_event(event) for event in events]
        ids = self.committer.insert(stored)
        recordings = [
            Recording(event, Notification(id=n, originator_id=s.originator_id,
                                          originator_version=s.originator_version,
                                          topic=s.topic, state=s.state))
            for event, s, n in zip(events, stored, ids, strict=True)
        ]
        if self.repository.cache and not self.repository.fastforward:
            for aggregate_id, aggregate in processing_event.aggregates.items():
                self.repository.cache.put(aggregate_id, aggregate)
        return recordings
