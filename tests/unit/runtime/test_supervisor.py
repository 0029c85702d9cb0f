"""The supervisor of ``intyg run`` (``api.runtime.supervisor``) with real child processes."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from api.runtime.supervisor import Child, Supervisor

EXITS_AT_ONCE = "import sys; sys.exit(3)"
SLEEPS = "import time; time.sleep(60)"
IGNORES_SIGTERM = ("import pathlib, signal, sys, time; "
                   "signal.signal(signal.SIGTERM, signal.SIG_IGN); "
                   "pathlib.Path(sys.argv[1]).touch(); time.sleep(60)")


def child(name: str, code: str) -> Child:
    return Child(name, [sys.executable, "-c", code], dict(os.environ))


@contextmanager
def supervising(supervisor: Supervisor) -> Iterator[threading.Event]:
    stop = threading.Event()
    thread = threading.Thread(target=supervisor.run, args=(stop,))
    thread.start()
    try:
        yield stop
    finally:
        stop.set()
        thread.join(timeout=30)
        assert not thread.is_alive()


def wait_for(condition: Callable[[], Any], seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_a_child_is_started_again_each_time_it_exits_when_supervised():
    """Issue 16, process model: a crashed child is restarted, waiting longer after each quick
    exit (0.1, 0.2, then at most 0.3 s here): five restarts take at least 1.2 s."""
    supervisor = Supervisor([child("crashes", EXITS_AT_ONCE)], first_backoff=0.1,
                            max_backoff=0.3, tick=0.01)
    started = time.monotonic()
    with supervising(supervisor):
        wait_for(lambda: supervisor.restarts_of("crashes") >= 5)
    assert time.monotonic() - started >= 0.1 + 0.2 + 0.3 + 0.3 + 0.3


def test_every_child_stops_when_the_supervisor_is_told_to_stop():
    """Issue 16, process model: a clean stop (SIGTERM to ``intyg run``) ends every child."""
    supervisor = Supervisor([child("one", SLEEPS), child("two", SLEEPS)], tick=0.01)
    with supervising(supervisor):
        wait_for(lambda: supervisor.process_of("one") and supervisor.process_of("two"))
        processes = [supervisor.process_of("one"), supervisor.process_of("two")]
    assert all(p is not None and p.poll() is not None for p in processes)


def test_a_child_that_ignores_sigterm_is_killed_when_the_grace_time_runs_out(tmp_path):
    """Issue 16, process model: a stop never hangs on a child that does not end."""
    ready = tmp_path / "ignoring-sigterm"
    stubborn = Child("stubborn", [sys.executable, "-c", IGNORES_SIGTERM, str(ready)],
                     dict(os.environ))
    supervisor = Supervisor([stubborn], grace_seconds=0.5, tick=0.01)
    with supervising(supervisor) as stop:
        wait_for(ready.exists)  # its handler is in place before the stop is asked for
        process = supervisor.process_of("stubborn")
        stop.set()
    assert process is not None and process.poll() == -9
