"""Certificate lifecycles per second through the application layer on PostgreSQL.

A lifecycle is four commands: create draft, edit, sign, send. The raw baseline inserts the same
number of rows (four per lifecycle, each about the size of a stored event, one transaction per
row as the application does) with plain psycopg into a table in the same database, in the same
run. Run: ``.venv/bin/python bench/commands.py --lifecycles 500`` (PostgreSQL running, see
scripts/postgres.sh).
"""

from __future__ import annotations

import argparse
import base64
import os
import sys
import time
import uuid
from pathlib import Path
from tempfile import TemporaryDirectory

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from tests.factories import FakeClock, care_unit, lisjp_content, patient, staff_at

ROW_BYTES = 900


def lifecycles(app: Certificates, count: int) -> float:
    unit = care_unit()
    doctor = staff_at(unit)
    today = app.clock().date()
    started = time.perf_counter()
    for _ in range(count):
        cert = app.create_draft(type_id="lisjp", patient=patient(), care_unit=unit,
                                author=doctor, content={}).id
        app.edit_draft(cert, based_on_version=1, content=lisjp_content(today), by=doctor)
        app.sign_certificate(cert, based_on_version=2, by=doctor)
        app.send_certificate(cert, recipient="FKASSA", by=doctor.hsa_id)
    return time.perf_counter() - started


def raw_inserts(dsn: str, schema: str, rows: int) -> float:
    payload = os.urandom(ROW_BYTES)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE TABLE {schema}.raw_rows (id uuid, version int, state bytea, "
                     "PRIMARY KEY (id, version))")
        started = time.perf_counter()
        for _ in range(rows // 4):
            row_id = uuid.uuid4()
            for version in range(1, 5):
                with conn.transaction():
                    conn.execute(f"INSERT INTO {schema}.raw_rows VALUES (%s, %s, %s)",
                                 (row_id, version, payload))
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lifecycles", type=int, default=500)
    count = parser.parse_args().lifecycles
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    base = Settings()
    dsn = (f"host={base.postgres_host} port={base.postgres_port} dbname={base.postgres_db} "
           f"user={base.postgres_user} password={base.postgres_password.get_secret_value()}")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        settings = Settings(mode="production", postgres_schema=schema,
                            cipher_key=base64.b64encode(os.urandom(32)).decode(),
                            jwt_secret="bench-secret-" + uuid.uuid4().hex)
        app = Certificates(eventsourcing_env(settings), clock=FakeClock())
        lifecycles(app, min(20, count))  # warm up: tables, pool, caches
        app_seconds = lifecycles(app, count)
        app.close()
        raw_seconds = raw_inserts(dsn, schema, count * 4)
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
    with TemporaryDirectory() as tmp:
        sqlite_app = Certificates(eventsourcing_env(Settings(data_dir=Path(tmp))),
                                  clock=FakeClock())
        sqlite_seconds = lifecycles(sqlite_app, count)
        sqlite_app.close()
    app_rate, raw_rate = count / app_seconds, count / raw_seconds
    print(f"lifecycles: {count} (4 commands each: create, edit, sign, send)")
    print(f"application on PostgreSQL (encrypted): {app_rate:8.1f} lifecycles/s "
          f"({app_rate * 4:.0f} commands/s)")
    print(f"raw psycopg, same rows, 1 tx/row:      {raw_rate:8.1f} lifecycles/s "
          f"({raw_rate * 4:.0f} rows/s)")
    print(f"ratio application / raw:               {app_rate / raw_rate:8.2f}")
    print(f"application on SQLite (embedded):      {count / sqlite_seconds:8.1f} lifecycles/s")


if __name__ == "__main__":
    main()
