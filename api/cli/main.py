"""The ``intyg`` command line: one entry point, the same Settings and application methods."""

from __future__ import annotations

import argparse
import base64
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from uuid import UUID

from api.cli.access import add_reader_options, patients_in, read_logged
from api.cli.keys import add_commands as add_key_commands
from api.cli.ledger import add_commands as add_ledger_commands
from api.cli.mail import add_command as add_mail_command
from api.cli.migrate import add_command as add_migrate_command
from api.cli.projections import add_commands as add_projection_commands
from api.cli.run import add_command as add_run_command
from api.cli.signals import stop_on_signals
from api.cli.tokens import add_command as add_token_command
from api.logging import configure_logging
from api.runtime.parent_death import stop_with_supervisor
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env

Handler = Callable[[argparse.Namespace, Settings], int]


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from api.http.app import create_app
    from streams.collector import relax_collection_for_process

    if args.workers > 1:  # each worker builds its app from the same environment
        if not settings.is_production or settings.projections_in_serve or (
                settings.relay_in_serve):
            print("intyg: serve --workers needs production mode with the relay and the views "
                  "in processes of their own (INTYG_RELAY_IN_SERVE=false, "
                  "INTYG_PROJECTIONS_IN_SERVE=false): `intyg run` starts them all",
                  file=sys.stderr)
            return 2
        uvicorn.run("api.cli.worker:worker_app", factory=True, workers=args.workers,
                    host=args.host, port=args.port, log_config=None, access_log=False)
        return 0
    app = create_app(settings)
    relax_collection_for_process()
    uvicorn.run(app, host=args.host, port=args.port, log_config=None, access_log=False)
    return 0


def _lock_drafts(args: argparse.Namespace, settings: Settings) -> int:
    app = Certificates(eventsourcing_env(settings))
    changed = app.lock_due_drafts()
    print(json.dumps({"drafts_locked_or_disposed": changed}))
    return 0


def _demo(args: argparse.Namespace, settings: Settings) -> int:
    from api.demo.orders import seed_orders
    from api.demo.seed import seed_demo

    app = Certificates(eventsourcing_env(settings))
    summary = seed_demo(app, patients=args.patients, seed=args.seed)
    print(json.dumps(summary | seed_orders(app, args.seed)))
    return 0


def _history(args: argparse.Namespace, settings: Settings) -> int:
    from commands.history import certificate_story

    app = Certificates(eventsourcing_env(settings))
    cert = app.get(args.certificate_id)
    if not read_logged(app, settings, args, "intyg history", [cert.patient.personnummer],
                       [cert.id]):
        return 1
    for line in certificate_story(app, args.certificate_id):
        print(json.dumps(line, ensure_ascii=False))
    return 0


def _relay(args: argparse.Namespace, settings: Settings) -> int:
    from streams.collector import relaxed_collection
    from streams.database import Database
    from streams.relay import Relay

    stop = stop_on_signals()
    relay = Relay(Certificates(eventsourcing_env(settings)), settings,
                  Database(settings, keep_idle=1))
    with relaxed_collection():  # a process of its own: its batches free what they make
        relay.run(stop)
    return 0


def _consume(args: argparse.Namespace, settings: Settings) -> int:
    from streams.consumer import KafkaFeed, run_from_log
    from streams.database import Database
    from streams.status_view import CertificateStatusView

    stop = stop_on_signals()
    db, view = Database(settings), CertificateStatusView(args.name)
    if settings.is_production:
        KafkaFeed(settings, db, view).run(stop)
    else:
        run_from_log(Certificates(eventsourcing_env(settings)), db, view, stop)
    return 0


def _replay(args: argparse.Namespace, settings: Settings) -> int:
    from streams.replay import ReplayError, print_lines, replay_certificate, replay_topic

    try:
        if args.certificate:
            lines = replay_certificate(settings, args.certificate)
            app = Certificates(eventsourcing_env(settings))
            if not read_logged(app, settings, args, "intyg replay --certificate",
                               patients_in(lines), [args.certificate]):
                return 1
            print_lines(lines)
        else:
            print_lines(replay_topic(settings, since=args.since, until=args.until,
                                     from_offset=args.from_offset, to_offset=args.to_offset))
    except ReplayError as error:
        print(f"intyg: {error}", file=sys.stderr)
        return 1
    return 0


def _topics(args: argparse.Namespace, settings: Settings) -> int:
    from streams.topics import ensure_topics

    ensure_topics(settings)
    return 0


def _contract(args: argparse.Namespace, settings: Settings) -> int:
    from streams.contract import export

    for path in export():
        print(path)
    return 0


def _keygen(args: argparse.Namespace) -> int:
    """Needs no settings: it is what production mode asks for when its key is missing."""
    print(base64.b64encode(os.urandom(32)).decode())
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="intyg", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the HTTP API (embedded default)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1,
                       help="HTTP worker processes (more than one: see `intyg run`)")
    serve.set_defaults(handler=_serve)
    add_token_command(sub)
    lock = sub.add_parser("lock-drafts", help="lock drafts older than 14 days")
    lock.set_defaults(handler=_lock_drafts)
    demo = sub.add_parser("demo", help="seed realistic demo data (deterministic with --seed)")
    demo.add_argument("--patients", type=int, default=300)
    demo.add_argument("--seed", type=int, default=7804)
    demo.set_defaults(handler=_demo)
    hist = sub.add_parser("history", help="print one certificate's whole story (its events "
                          "and its conversation's) from the store")
    hist.add_argument("certificate_id", type=UUID)
    add_reader_options(hist)
    hist.set_defaults(handler=_history)
    relay = sub.add_parser("relay", help="publish the event store's events to Kafka")
    relay.set_defaults(handler=_relay)
    consume = sub.add_parser("consume", help="run the example certificate-status consumer "
                             "(Kafka in production, the notification log embedded)")
    consume.add_argument("--name", default="certificate-status",
                         help="the consumer's name, and the name of its table")
    consume.set_defaults(handler=_consume)
    replay = sub.add_parser("replay", help="print history from Kafka as JSON lines (with "
                            "--certificate: what `intyg history ID` prints)")
    replay.add_argument("--certificate", type=UUID)
    replay.add_argument("--since", type=datetime.fromisoformat)
    replay.add_argument("--until", type=datetime.fromisoformat)
    replay.add_argument("--from-offset", type=int)
    replay.add_argument("--to-offset", type=int)
    add_reader_options(replay)
    replay.set_defaults(handler=_replay)
    topics = sub.add_parser("topics", help="create the Kafka topics if missing")
    topics.set_defaults(handler=_topics)
    contract = sub.add_parser("contract", help="write the JSON Schemas and AsyncAPI document")
    contract.add_argument("action", nargs="?", choices=["export"], default="export")
    contract.set_defaults(handler=_contract)
    keygen = sub.add_parser("keygen", help="print a new INTYG_CIPHER_KEY (or INTYG_MASTER_KEY)")
    keygen.set_defaults(handler=_keygen, needs_settings=False)
    add_projection_commands(sub)
    add_ledger_commands(sub)
    add_mail_command(sub)
    add_key_commands(sub)
    add_migrate_command(sub)
    add_run_command(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    stop_with_supervisor(os.environ)  # a child of ``intyg run``: never outlives it
    args = _parser().parse_args(argv)
    if not getattr(args, "needs_settings", True):
        settings_free: Callable[[argparse.Namespace], int] = args.handler
        return settings_free(args)
    try:
        settings = Settings()
    except ValueError as error:
        print(f"intyg: invalid settings: {error}", file=sys.stderr)
        return 2
    configure_logging(settings.log_format)
    handler: Handler = args.handler
    try:
        return handler(args, settings)
    except Exception as error:
        from domain.shared.errors import DomainError

        if isinstance(error, DomainError):
            print(f"intyg: {error}", file=sys.stderr)
            return 1
        raise


if __name__ == "__main__":
    sys.exit(main())
