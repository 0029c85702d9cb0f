"""``intyg run``: production's process model in one command. The HTTP API with several worker
processes, the relay, and each read model in processes of their own, supervised
(``api.runtime.supervisor``): a process that exits is started again, SIGTERM stops them all.

Before the children start, the store's tables, the topics and the views' tables are made once
here, so the children never race to create them. The API's workers then read the views (and
wait for them, ``?after=``) through the database only; the views run nowhere in the API.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from api.cli.signals import stop_on_signals
from api.runtime.supervisor import Child, Supervisor
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from projections.registry import NAMES

# What the API's workers leave to the processes beside them.
_API_ENV = {"INTYG_RELAY_IN_SERVE": "false", "INTYG_PROJECTIONS_IN_SERVE": "false",
            "INTYG_PROJECTIONS_ELSEWHERE": "true", "INTYG_DIGEST_IN_SERVE": "false",
            "INTYG_SMTP_HOST": ""}


def children(args: argparse.Namespace, settings: Settings) -> list[Child]:
    """The processes of ``intyg run``, by name: api, relay, view-NAME[-n], mail, digest."""
    cli = [sys.executable, "-m", "api.cli.main"]
    env = dict(os.environ)
    found = [Child("relay", [*cli, "relay"], env)]
    if args.workers:
        found.insert(0, Child("api", [*cli, "serve", "--host", args.host, "--port",
                                      str(args.port), "--workers", str(args.workers)],
                              {**env, **_API_ENV}))
    grouped = {**env, "INTYG_VIEW_GROUPS": "true"} if args.view_processes > 1 else env
    for name in args.views:
        for n in range(args.view_processes):
            suffix = f"-{n + 1}" if args.view_processes > 1 else ""
            found.append(Child(f"view-{name}{suffix}", [*cli, "project", name], grouped))
    if settings.smtp_host:
        found.append(Child("mail", [*cli, "send-mail"], env))
    if settings.digest_in_serve:
        found.append(Child("digest", [*cli, "digest"], env))
    return found


def prepare_once(settings: Settings, views: list[str]) -> None:
    """The store's tables, the topics, the views' tables (an outdated view dropped once)."""
    from api.runtime.projections import ProjectionHost
    from streams.topics import ensure_topics

    app = Certificates(eventsourcing_env(settings))
    try:
        ensure_topics(settings)
        ProjectionHost(settings, app, views).db.close()
    finally:
        app.close()


def _run(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.is_production:
        print("intyg: run is production's process model (INTYG_MODE=production); embedded, "
              "`intyg serve` runs everything in one process", file=sys.stderr)
        return 2
    prepare_once(settings, args.views)
    Supervisor(children(args, settings)).run(stop_on_signals())
    return 0


def add_command(sub: Any) -> None:
    run = sub.add_parser("run", help="production: the API's workers, the relay and every read "
                         "model in processes of their own, supervised (restarted on exit)")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8000)
    run.add_argument("--workers", type=int, default=2,
                     help="HTTP worker processes (0: no API, only the relay and the views)")
    run.add_argument("--views", nargs="*", choices=NAMES, default=list(NAMES),
                     help="the read models to run (default: all)")
    run.add_argument("--view-processes", type=int, default=1,
                     help="processes per read model; more than one share the topic's "
                          "partitions in a consumer group (INTYG_VIEW_GROUPS)")
    run.set_defaults(handler=_run)
