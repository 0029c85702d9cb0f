"""Group commit: the stored events of commands that arrive together are inserted in one
transaction, so concurrent commands share one table lock, one round of statements and one
synchronous commit (the fsync) instead of paying for each alone.

The first caller to find no commit under way leads: it takes every request queued so far (at
most ``max_batch``) and inserts them all with the recorder's ``insert_events`` (one
transaction). Callers that arrive while it commits queue up and form the next group. Every
caller gets its own notification ids, and only after the group's transaction committed, so an
acknowledged command is durable (``synchronous_commit`` stays on). When the group's insert
conflicts (one command's aggregate was changed at the same time, or two commands of the group
wrote the same aggregate version), the whole transaction rolled back and each request of the
group is inserted again alone: the conflicting one fails with ``RecordConflictError``, the
others succeed. Any other error fails every request of the group (none of it was stored).

The recorder still locks the event table per transaction (``LOCK TABLE ... IN EXCLUSIVE
MODE``): notification ids come from a sequence at insert time, so without the lock a
transaction holding lower ids could commit after one holding higher ids, and a reader tailing
the log (the relay) would pass over the gap and miss those events for good. Grouping keeps the
lock and the order but takes it once per group instead of once per command.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

from eventsourcing.persistence import ApplicationRecorder, RecordConflictError, StoredEvent

MAX_BATCH = 64


@dataclass
class _Request:
    events: Sequence[StoredEvent]
    ids: Sequence[int] | None = None
    error: BaseException | None = None
    done: bool = False


class GroupCommitter:
    """Inserts stored events for many threads, grouped into shared transactions."""

    def __init__(self, recorder: ApplicationRecorder, max_batch: int = MAX_BATCH) -> None:
        self._recorder = recorder
        self._max_batch = max_batch
        self._ready = threading.Condition()
        self._queue: list[_Request] = []
        self._leading = False
        self.arrived = 0  # commands handed in so far
        self.transactions = 0  # committed, and the commands in them: how well they group
        self.commands = 0

    def insert(self, events: Sequence[StoredEvent]) -> Sequence[int]:
        """The notification ids of ``events``, once they are committed (with others' events
        when they arrived together). Raises what the insert raised for these events."""
        request = _Request(events)
        with self._ready:
            self._queue.append(request)
            self.arrived += 1
        while True:
            with self._ready:
                while self._leading and not request.done:
                    self._ready.wait()
                if request.done:
                    return _outcome(request)
                self._leading = True  # lead the oldest requests (perhaps not yet this one)
                group, self._queue = (self._queue[:self._max_batch],
                                      self._queue[self._max_batch:])
            try:
                self._commit(group)
            finally:
                with self._ready:
                    self._leading = False
                    self._ready.notify_all()

    def _commit(self, group: list[_Request]) -> None:
        if len(group) == 1:
            self._alone(group[0])
            return
        try:
            ids = self._recorder.insert_events([e for r in group for e in r.events])
        except RecordConflictError:
            for request in group:  # the group rolled back: each again alone
                self._alone(request)
            return
        except BaseException as error:  # nothing of the group was stored
            _finish(group, error=error)
            return
        self._count(len(group))
        _finish(group, ids=list(ids or ()))

    def _alone(self, request: _Request) -> None:
        try:
            ids = self._recorder.insert_events(request.events)
        except BaseException as error:
            request.error, request.done = error, True
            return
        request.ids, request.done = list(ids or ()), True
        self._count(1)

    def _count(self, commands: int) -> None:
        self.transactions += 1
        self.commands += commands


def _finish(group: list[_Request], *, ids: list[int] | None = None,
            error: BaseException | None = None) -> None:
    start = 0
    for request in group:
        count = len(request.events)
        if ids is not None:
            request.ids = ids[start:start + count]
        request.error, request.done = error, True
        start += count


def _outcome(request: _Request) -> Sequence[int]:
    if request.error is not None:
        raise request.error
    return request.ids or []
