"""Certificate lifecycles per second through the application layer on PostgreSQL, against a raw
psycopg baseline in the same run; SQLite (embedded) for information.

``--writers N`` runs the lifecycles from N threads at once (their saves group-committed,
``commands.group_commit``); ``--no-group`` commits every command alone, as before group commit
(for before/after figures in one checkout). The baseline stays serial in every case: the target
is the application with concurrent writers at 1.0 of raw serial inserts or better.
``--no-store-sealing`` stores with the checked mapper alone, as before the event store sealed
patient data under each patient's data key (``streams.sealing.store``), for before/after figures.

A lifecycle is four commands: create draft, edit, sign, send (four stored events); with
``--orders`` an order's instead: receive (a new citizen each), read, accept with a text, done.
The app runs in production mode (events encrypted at rest) in a fresh schema, dropped
afterwards. The baseline inserts the same number of rows (four per lifecycle) into a plain table
shaped like the event table (id, version, topic, state), each row's state as many random bytes
as the app's stored events hold on average (measured in this run), one transaction per row as
the app commits each command. Run: ``.venv/bin/python bench/commands.py --lifecycles 500
[--writers 16] [--no-group] [--no-store-sealing] [--orders]``
(PostgreSQL running, see scripts/postgres.sh). The HTTP figures: ``bench/http_commands.py``.
"""

from __future__ import annotations

import argparse
import base64
import os
import sys
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from tempfile import TemporaryDirectory

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from commands.certificates import Certificates
from commands.group_commit import GroupCommitter
from commands.orders import Orders
from commands.settings import Settings, eventsourcing_env
from tests.factories import FakeClock, care_unit, lisjp_content, patient, staff_at
from tests.factories.orders import order_request

WARM_UP = 20
STORE_SEALING: dict[str, str] = {}  # ``--no-store-sealing``: the earlier mapper
TOPIC = "domain.certificates.certificate:Certificate.DraftEdited"


def lifecycles(app: Certificates, count: int) -> float:
    """Seconds for ``count`` lifecycles (create, edit, sign, send) through the use cases."""
    unit = care_unit()
    doctor = staff_at(unit)
    content = lisjp_content(app.clock().date())
    started = time.perf_counter()
    for _ in range(count):
        cert = app.create_draft(type_id="lisjp", patient=patient(), care_unit=unit,
                                author=doctor, content={}).id
        app.edit_draft(cert, based_on_version=1, content=content, by=doctor)
        app.sign_certificate(cert, based_on_version=2, by=doctor)
        app.send_certificate(cert, recipient="FKASSA", by=doctor.hsa_id)
    return time.perf_counter() - started


def order_lifecycles(app: Certificates, count: int) -> float:
    """Seconds for ``count`` order lifecycles (receive, read, accept with a text, done)."""
    orders, unit = Orders(app, app.clock), care_unit()
    staff = staff_at(unit)
    started = time.perf_counter()
    for _ in range(count):
        made = orders.create_order(order_request(unit), "AF").id
        orders.view_order(made, staff)
        orders.accept(made, staff, "Vi tar emot patienten i början av nästa vecka.")
        orders.mark_done(made, staff)
    return time.perf_counter() - started


LIFECYCLE: list[Callable[[Certificates, int], float]] = [lifecycles]  # ``--orders``: orders'


def stored_event_size(conn: psycopg.Connection, schema: str) -> int:
    """Mean bytes of state per stored event (compressed, encrypted), as the app wrote them."""
    row = conn.execute(f"SELECT avg(octet_length(state))::int FROM {schema}.certificates_events"
                       ).fetchone()
    return int(row[0]) if row and row[0] else 0


def raw_inserts(conn: psycopg.Connection, schema: str, rows: int, size: int) -> float:
    """Seconds to insert ``rows`` rows of ``size`` state bytes, one transaction per row."""
    conn.execute(f"CREATE TABLE {schema}.raw_events (originator_id uuid, "
                 "originator_version bigint, topic text, state bytea, "
                 "PRIMARY KEY (originator_id, originator_version))")
    insert = f"INSERT INTO {schema}.raw_events VALUES (%s, %s, %s, %s)"

    def write(count: int) -> None:
        for _ in range(count // 4):
            row_id = uuid.uuid4()
            for version in range(1, 5):
                with conn.transaction():
                    conn.execute(insert, (row_id, version, TOPIC, os.urandom(size)))

    write(WARM_UP * 4)
    started = time.perf_counter()
    write(rows)
    return time.perf_counter() - started


def concurrently(app: Certificates, count: int, writers: int) -> float:
    """Seconds for ``count`` lifecycles shared out among ``writers`` threads."""
    if writers == 1:
        return LIFECYCLE[0](app, count)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=writers) as pool:
        shares = [count // writers + (i < count % writers) for i in range(writers)]
        for done in [pool.submit(LIFECYCLE[0], app, share) for share in shares]:
            done.result()
    return time.perf_counter() - started


def postgres_dsn(base: Settings) -> str:
    return (f"host={base.postgres_host} port={base.postgres_port} dbname={base.postgres_db} "
            f"user={base.postgres_user} password={base.postgres_password.get_secret_value()}")


def postgres_run(count: int, writers: int = 1,
                 grouped: bool = True) -> tuple[float, float, int, float]:
    """(app seconds, raw seconds, mean event bytes, commands per transaction) in a fresh
    schema, dropped afterwards."""
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    base = Settings()
    settings = Settings(mode="production", postgres_schema=schema,
                        cipher_key=base64.b64encode(os.urandom(32)).decode(),
                        jwt_secret="bench-secret-" + uuid.uuid4().hex,
                        postgres_pool_size=max(base.postgres_pool_size, writers))
    with psycopg.connect(postgres_dsn(base), autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
        try:
            app = Certificates({**eventsourcing_env(settings), **STORE_SEALING}, clock=FakeClock())
            if not grouped:
                app.committer = GroupCommitter(app.recorder, max_batch=1)
            try:
                LIFECYCLE[0](app, WARM_UP)  # tables, pool, caches
                before = app.committer.transactions, app.committer.commands
                app_seconds = concurrently(app, count, writers)
                grouping = ((app.committer.commands - before[1])
                            / max(1, app.committer.transactions - before[0]))
            finally:
                app.close()
            size = stored_event_size(conn, schema)
            raw_seconds = raw_inserts(conn, schema, count * 4, size)
        finally:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
    return app_seconds, raw_seconds, size, grouping


def sqlite_run(count: int) -> float:
    with TemporaryDirectory() as tmp:
        app = Certificates({**eventsourcing_env(Settings(data_dir=Path(tmp))), **STORE_SEALING},
                           clock=FakeClock())
        try:
            LIFECYCLE[0](app, WARM_UP)
            return LIFECYCLE[0](app, count)
        finally:
            app.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lifecycles", type=int, default=500)
    parser.add_argument("--writers", type=int, default=1)
    parser.add_argument("--no-group", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--no-store-sealing", action="store_true")
    parser.add_argument("--orders", action="store_true")
    args = parser.parse_args()
    if args.orders:
        LIFECYCLE[0] = order_lifecycles
    if args.no_store_sealing:
        STORE_SEALING["MAPPER_TOPIC"] = "commands.stored_history:CheckedMapper"
    count, writers = args.lifecycles, args.writers
    app_seconds, raw_seconds, size, grouping = postgres_run(count, writers,
                                                            grouped=not args.no_group)
    app_rate, raw_rate = count / app_seconds, count / raw_seconds
    kind = "receive, read, accept, done" if args.orders else "create, edit, sign, send"
    print(f"lifecycles: {count} (4 commands each: {kind}); "
          f"mean stored event state: {size} bytes; writers: {writers}; "
          f"group commit: {'off' if args.no_group else 'on'} "
          f"({grouping:.1f} commands per transaction); "
          f"store sealing: {'off' if args.no_store_sealing else 'on'}")
    print(f"application on PostgreSQL (production, encrypted): {app_rate:8.1f} lifecycles/s "
          f"({app_rate * 4:.0f} commands/s)")
    print(f"raw psycopg, same rows and size, 1 tx per row:     {raw_rate:8.1f} lifecycles/s "
          f"({raw_rate * 4:.0f} rows/s)")
    print(f"ratio application / raw:                           {app_rate / raw_rate:8.2f}")
    if not args.no_sqlite:
        print(f"application on SQLite (embedded, for information): "
              f"{count / sqlite_run(count):8.1f} lifecycles/s")


if __name__ == "__main__":
    main()
