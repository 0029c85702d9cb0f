"""Reads waiting for a view (Hardening item 8): one reader per view however many wait, refused at
once beyond the log's head, and never more waiting than the cap."""

from __future__ import annotations

import threading
from collections.abc import Callable

from streams.read_your_writes import Progress
from streams.seen_watch import ReadOutcome, SeenWatch, WaitingReads


class View:
    """A view whose progress a test moves, recording which threads read it."""

    def __init__(self, at: int = 0) -> None:
        self.at = at
        self.readers: list[int] = []
        self.lock = threading.Lock()

    def read(self, *_: object) -> Progress:
        with self.lock:
            self.readers.append(threading.get_ident())
        return Progress(production=False, seen={0: self.at})


def waiting(count: int, target: Callable[[], None]) -> list[threading.Thread]:
    threads = [threading.Thread(target=target) for _ in range(count)]
    for thread in threads:
        thread.start()
    return threads


def test_one_thread_reads_the_view_for_every_waiting_read_when_many_wait() -> None:
    """Hardening item 8: no polling of the database per waiting request."""
    view, stop = View(at=3), threading.Event()
    watch = SeenWatch("webcert", view.read, stop, interval=0.005)
    results: list[bool] = []
    threads = waiting(12, lambda: results.append(watch.wait(7, timeout=30)))
    while watch.waiting < 12:
        threading.Event().wait(0.005)
    with view.lock:
        view.readers.clear()
    threading.Event().wait(0.05)  # several ticks while all twelve wait
    view.at = 7
    for thread in threads:
        thread.join(timeout=30)
    assert results == [True] * 12
    assert len(set(view.readers)) == 1
    assert view.readers[0] not in {t.ident for t in threads}
    stop.set()


def test_a_waiting_read_gives_up_when_the_view_never_gets_there() -> None:
    view, stop = View(at=1), threading.Event()
    assert SeenWatch("webcert", view.read, stop, interval=0.005).wait(2, timeout=0.05) is False
    stop.set()


def test_nothing_is_read_when_no_read_waits() -> None:
    view, stop = View(at=5), threading.Event()
    watch = SeenWatch("webcert", view.read, stop, interval=0.005)
    assert watch.wait(5, timeout=5)
    while watch.watching:
        threading.Event().wait(0.005)
    before = len(view.readers)
    threading.Event().wait(0.05)
    assert len(view.readers) == before
    stop.set()


def reads(view: View, head: int, most: int, stop: threading.Event) -> WaitingReads:
    watch = SeenWatch("webcert", view.read, stop, interval=0.005)
    return WaitingReads({"webcert": watch}, view.read, lambda: head, most)


def test_a_position_beyond_the_head_is_refused_without_waiting() -> None:
    """Hardening item 8: ?after=10^12 cannot be reached by waiting, so it is not waited for."""
    view, stop = View(at=10), threading.Event()
    gate = reads(view, head=10, most=4, stop=stop)
    assert gate.read_after("webcert", 10**12, timeout=30) is ReadOutcome.NOT_WRITTEN
    assert view.readers == []
    assert gate.read_after("webcert", 10, timeout=30) is ReadOutcome.SEEN
    stop.set()


def test_reads_beyond_the_cap_are_turned_away_at_once() -> None:
    """Hardening item 8: at most ``most`` reads wait; the next is told to come back."""
    view, stop = View(at=1), threading.Event()
    gate = reads(view, head=9, most=2, stop=stop)
    outcomes: list[ReadOutcome] = []
    holders = waiting(2, lambda: outcomes.append(gate.read_after("webcert", 9, timeout=30)))
    while gate.waiting < 2:
        threading.Event().wait(0.005)
    assert gate.read_after("webcert", 9, timeout=30) is ReadOutcome.TOO_MANY_WAITING
    view.at = 9
    for thread in holders:
        thread.join(timeout=30)
    assert outcomes == [ReadOutcome.SEEN, ReadOutcome.SEEN]
    stop.set()


def test_no_read_waits_when_the_cap_is_zero() -> None:
    view, stop = View(at=1), threading.Event()
    gate = reads(view, head=9, most=0, stop=stop)
    assert gate.read_after("webcert", 9, timeout=30) is ReadOutcome.TOO_MANY_WAITING
    assert gate.read_after("webcert", 1, timeout=30) is ReadOutcome.SEEN
