"""How a long-running CLI command learns it should stop."""

from __future__ import annotations

import signal
import threading


def stop_on_signals() -> threading.Event:
    """SIGTERM and SIGINT end the current unit of work, then the loop, then the process."""
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    return stop
