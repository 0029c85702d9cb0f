"""``intyg migrate seal-patient-data``: seal what a store written before sealing keeps in clear
outside the event store (``streams.sealing.migration``), rebuild every view, and record the
migration as an event. A second run finds it applied and does nothing. Prints counts only."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from typing import Any

from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env


def _reseal_kafka(settings: Settings, app: Certificates) -> Counter[str]:
    from streams.database import Database
    from streams.relay import Relay
    from streams.sealing.migration import reseal_topic
    from streams.topics import certificates_topic, recipient_topics

    sealer = Relay(app, settings, Database(settings)).sealer  # seals as the relay does
    done: Counter[str] = Counter()
    for topic in (certificates_topic(settings), *recipient_topics(settings)):
        found = reseal_topic(settings, topic, sealer, app.clock())
        done.update({"kafka_records_copied": found.copied,
                     "kafka_messages_sealed": found.sealed,
                     "kafka_records_cut_off": found.deleted_before})
    return done


def _rebuild_views(settings: Settings, app: Certificates) -> int:
    from projections.registry import build_views
    from streams.database import Database
    from streams.rebuild import rebuild
    from streams.sealing.view_seal import view_seal

    db = Database(settings)
    views = build_views(settings, view_seal(settings, db))
    for view in views.values():

        def drop(view: Any = view) -> None:
            with db.transaction() as tx:
                view.drop(tx)

        rebuild(settings, app, db, view, drop)
    return len(views)


def _migrate(args: argparse.Namespace, settings: Settings) -> int:
    from commands.migrations import applied, record_migration
    from domain.shared.identities import check_hsa_id
    from streams.sealing.migration import NAME

    try:
        by = check_hsa_id(args.by)
    except ValueError:
        print("intyg: --by must be the HSA id of who runs the migration.", file=sys.stderr)
        return 2
    app = Certificates(eventsourcing_env(settings))
    found = applied(app, NAME)
    if found is not None:
        print(json.dumps({"migration": NAME, "already_applied": True,
                          "at": found.at.isoformat(), "by": found.by}))
        return 0
    done = _reseal_kafka(settings, app) if settings.is_production else Counter[str]()
    done["views_rebuilt"] = _rebuild_views(settings, app)
    record = record_migration(app, NAME, by, dict(done), app.clock)
    print(json.dumps({"migration": NAME, "applied": True, "event_id": str(record),
                      "done": dict(done)}))
    return 0


def add_command(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    migrate = sub.add_parser("migrate", help="apply a migration of what rests outside the "
                             "event store (recorded as an event; run with serve stopped)")
    migrate.add_argument("name", choices=("seal-patient-data",))
    migrate.add_argument("--by", required=True, metavar="HSA_ID", help="who runs it")
    migrate.set_defaults(handler=_migrate)
