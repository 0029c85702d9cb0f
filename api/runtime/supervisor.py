"""Keeps a set of child processes running (``intyg run``): each is started, and started again
after it exits (a crash, a kill -9), waiting longer after each quick exit; SIGTERM or SIGINT
stops them all (SIGTERM first, so each finishes its unit of work; SIGKILL after a grace time).

A child that ran for ``steady_seconds`` counts as healthy again: its next restart waits the
shortest time. Every start and exit is logged with the child's name and process id, never its
output (the children log for themselves to the same stream). A child stops by itself when the
supervisor dies, even by SIGKILL (``api.runtime.parent_death``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import structlog

from api.runtime.parent_death import supervised_env

log = structlog.get_logger("api.supervisor")


@dataclass(frozen=True)
class Child:
    """One supervised process: its name in the log, its command line and environment."""

    name: str
    argv: Sequence[str]
    env: Mapping[str, str]


@dataclass
class _Running:
    child: Child
    process: subprocess.Popen[bytes] | None = None
    started: float = 0.0
    backoff: float = 0.0
    due: float = 0.0  # when a restart is due, after an exit
    restarts: int = 0


class Supervisor:
    def __init__(self, children: Sequence[Child], *, first_backoff: float = 0.5,
                 max_backoff: float = 30.0, steady_seconds: float = 30.0,
                 grace_seconds: float = 30.0, tick: float = 0.1) -> None:
        self._running = [_Running(child) for child in children]
        self.first_backoff, self.max_backoff = first_backoff, max_backoff
        self.steady_seconds, self.grace_seconds, self.tick = steady_seconds, grace_seconds, tick

    def process_of(self, name: str) -> subprocess.Popen[bytes] | None:
        """The running process of child ``name`` (None while a restart is due)."""
        return next(r.process for r in self._running if r.child.name == name)

    def restarts_of(self, name: str) -> int:
        return next(r.restarts for r in self._running if r.child.name == name)

    def run(self, stop: threading.Event) -> None:
        """Start every child, keep them running until ``stop`` is set, then stop them."""
        for running in self._running:
            self._start(running)
        while not stop.wait(self.tick):
            now = time.monotonic()
            for running in self._running:
                self._watch(running, now)
        self._stop_all()

    def _watch(self, running: _Running, now: float) -> None:
        process = running.process
        if process is not None:
            code = process.poll()
            if code is None:
                return
            lived = now - running.started
            running.backoff = (self.first_backoff if lived >= self.steady_seconds
                               else min(max(running.backoff * 2, self.first_backoff),
                                        self.max_backoff))
            running.due, running.process = now + running.backoff, None
            log.warning("process_exited", process_name=running.child.name, pid=process.pid,
                        exit_code=code, restart_in=running.backoff)
        elif now >= running.due:
            running.restarts += 1
            self._start(running)

    def _start(self, running: _Running) -> None:
        child = running.child
        # the command lines are our own (`intyg run` builds them), never from a request
        running.process = subprocess.Popen(list(child.argv),  # noqa: S603
                                           env=supervised_env(child.env))
        running.started = time.monotonic()
        log.info("process_started", process_name=child.name, pid=running.process.pid,
                 restarts=running.restarts)

    def _stop_all(self) -> None:
        alive = [r.process for r in self._running
                 if r.process is not None and r.process.poll() is None]
        for process in alive:
            process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + self.grace_seconds
        for process in alive:
            try:
                process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log.warning("process_killed_after_grace", pid=process.pid)
                process.kill()
                process.wait()
        log.info("processes_stopped", count=len(alive), supervisor=os.getpid())
