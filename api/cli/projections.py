"""``intyg project NAME`` (run one read model alone) and ``intyg projections rebuild NAME``
(drop it and replay from the start, with a progress bar and the rate achieved; ``all``: every
read model from one pass over the input)."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from api.cli.signals import stop_on_signals
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from projections.registry import NAMES

ALL = "all"


def _project(args: argparse.Namespace, settings: Settings) -> int:
    from api.runtime.projections import ProjectionHost
    from streams.collector import relaxed_collection

    stop = stop_on_signals()
    host = ProjectionHost(settings, Certificates(eventsourcing_env(settings)), [args.name])
    with relaxed_collection():  # a process that only consumes (streams/collector.py)
        host.start()
        stop.wait()
        host.stop()
    return 0


class ProgressBar:
    """``[#####.....] 50% 5000/10000 events`` on stderr, redrawn at most ten times a second."""

    def __init__(self, name: str, width: int = 30) -> None:
        self.name, self.width, self._drawn = name, width, 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self._drawn < 0.1 and done < total:
            return
        self._drawn = now
        share = min(done / total, 1.0) if total else 1.0
        filled = int(share * self.width)
        sys.stderr.write(f"\r{self.name} [{'#' * filled}{'.' * (self.width - filled)}] "
                         f"{share:4.0%} {done}/{total} events")
        sys.stderr.flush()


def _rebuild(args: argparse.Namespace, settings: Settings) -> int:
    from projections.registry import build_views
    from streams.database import Database
    from streams.rebuild import rebuild_all
    from streams.sealing.view_seal import view_seal

    db = Database(settings)
    views = build_views(settings, view_seal(settings, db))
    chosen = list(views.values()) if args.name == ALL else [views[args.name]]
    progress = None if args.quiet else ProgressBar(args.name)
    report = rebuild_all(settings, Certificates(eventsourcing_env(settings)), db, chosen,
                         progress)
    if progress:
        sys.stderr.write("\n")
    print(f"{args.name}: rebuilt from {'Kafka' if settings.is_production else 'the log'}: "
          f"{report.events} events in {report.seconds:.2f} s, {report.per_second:.0f} events/s")
    return 0


def add_commands(sub: Any) -> None:
    project = sub.add_parser("project", help="run one read model (projection) on its own")
    project.add_argument("name", choices=NAMES)
    project.set_defaults(handler=_project)
    projections = sub.add_parser("projections", help="manage the read models")
    actions = projections.add_subparsers(dest="action", required=True)
    rebuild = actions.add_parser("rebuild", help="drop a read model and replay it from the "
                                 "start (Kafka in production, the log embedded)")
    rebuild.add_argument("name", choices=(*NAMES, ALL),
                         help=f"a read model, or {ALL!r}: every one, from one pass")
    rebuild.add_argument("--quiet", action="store_true", help="no progress bar")
    rebuild.set_defaults(handler=_rebuild)
