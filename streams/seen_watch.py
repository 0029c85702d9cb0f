"""Reads that wait for a view (``?after=``), without each of them polling the database.

``SeenWatch`` is one view's watcher: while any read waits on the view, one thread reads the
view's progress every ``interval`` seconds and wakes the waiting reads; each checks its own
position against that one reading. When nobody waits, nothing is read.

``WaitingReads`` is the door in front of the watchers: a position beyond the log's head is
refused at once (it cannot be reached by waiting), and at most ``most`` reads wait at a time
(the rest are told to come back, at once), so waiting reads never hold every worker thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from enum import Enum

import structlog

from streams.read_your_writes import Progress

log = structlog.get_logger("streams.seen_watch")


class ReadOutcome(Enum):
    SEEN = "seen"
    TIMED_OUT = "timed_out"
    NOT_WRITTEN = "not_written"  # beyond the log's head
    TOO_MANY_WAITING = "too_many_waiting"


class SeenWatch:
    """One view's progress, read by one thread on behalf of every read waiting on the view."""

    def __init__(self, name: str, read: Callable[[], Progress], stop: threading.Event,
                 interval: float = 0.02) -> None:
        self.name, self._read, self._stop, self._interval = name, read, stop, interval
        self._changed = threading.Condition()
        self._latest: Progress | None = None
        self._waiting = 0
        self._watcher: threading.Thread | None = None

    @property
    def waiting(self) -> int:
        """How many reads wait on the view now."""
        return self._waiting

    @property
    def watching(self) -> bool:
        """Whether the watcher thread runs (only while a read waits)."""
        return self._watcher is not None

    def wait(self, position: int, timeout: float) -> bool:
        """Whether the view saw ``position`` within ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        with self._changed:
            self._waiting += 1
            self._start_watcher()
            try:
                while self._latest is None or not self._latest.covers(position):
                    remaining = deadline - time.monotonic()
                    if remaining <= 0 or self._stop.is_set():
                        return False
                    self._changed.wait(remaining)
                return True
            finally:
                self._waiting -= 1

    def _start_watcher(self) -> None:
        if self._watcher is None:
            self._latest = None  # a reading from before nobody waited is stale
            self._watcher = threading.Thread(target=self._watch, name=f"watch-{self.name}",
                                             daemon=True)
            self._watcher.start()

    def _watch(self) -> None:
        while not self._stop.is_set():
            latest = self._read_or_none()
            with self._changed:
                if latest is not None:
                    self._latest = latest
                self._changed.notify_all()
                if self._waiting == 0:
                    self._watcher = None
                    return
            self._stop.wait(self._interval)
        with self._changed:
            self._watcher = None
            self._changed.notify_all()

    def _read_or_none(self) -> Progress | None:
        try:
            return self._read()
        except Exception as error:  # the waiting reads time out; the next tick tries again
            log.warning("view_progress_unreadable", view=self.name, error=type(error).__name__)
            return None


class WaitingReads:
    """Reads after a log position: refused beyond the head, at most ``most`` waiting at once."""

    def __init__(self, watches: Mapping[str, SeenWatch], read: Callable[[str], Progress],
                 head: Callable[[], int], most: int) -> None:
        self._watches, self._read, self._head, self._most = watches, read, head, most
        self._lock = threading.Lock()
        self._waiting = 0
        self._known_head = 0

    @property
    def waiting(self) -> int:
        """How many reads wait now, over every view."""
        return self._waiting

    def read_after(self, view: str, position: int, timeout: float) -> ReadOutcome:
        if position > self._known_head:
            self._known_head = self._head()  # read again only for a position beyond the last
            if position > self._known_head:
                return ReadOutcome.NOT_WRITTEN
        if self._read(view).covers(position):
            return ReadOutcome.SEEN
        with self._lock:
            if self._waiting >= self._most:
                return ReadOutcome.TOO_MANY_WAITING
            self._waiting += 1
        try:
            seen = self._watches[view].wait(position, timeout)
            return ReadOutcome.SEEN if seen else ReadOutcome.TIMED_OUT
        finally:
            with self._lock:
                self._waiting -= 1
