"""Intygsstatistik at scale (issue 13): the statistik view's rebuild rate from Kafka, national
and filtered care-giver report latency through ``intyg serve`` (HTTP), the serve process's peak
RSS, and the time from a signed certificate to its appearance in a report.

The data set: ``--base`` LISJP certificates made by the real aggregate and published to a topic
of this run's own (as bench/projections.py), the statistik view rebuilt from it (timed), then
its rows copied in SQL up to ``--certificates`` (each copy a new patient, certificate and case
id: the measurement of issue 13 scaled rows the same way). Then ``intyg serve`` runs on that
schema (port ``--port``) with the relay and the read models, and the figures are taken.
Needs PostgreSQL and Kafka. Run:
``.venv/bin/python bench/statistik.py --certificates 100000 2>/dev/null``.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this file's folder leads sys.path and its name would shadow the standard
# library's ``statistics`` for every module imported after it.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import hashlib  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
from datetime import date  # noqa: E402
from typing import Any  # noqa: E402

import httpx  # noqa: E402
import jwt  # noqa: E402
import psycopg  # noqa: E402
from kafka.record import util as kafka_record_util  # noqa: E402
from pydantic import SecretStr  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.projections import percentiles, produce  # noqa: E402
from bench.support import bench_settings  # noqa: E402
from commands.certificates import Certificates  # noqa: E402
from commands.settings import Settings, eventsourcing_env  # noqa: E402
from domain.shared.care import CareUnit, Staff  # noqa: E402
from projections.registry import build_views  # noqa: E402
from projections.statistik.rows import CASE_COLUMNS, MESSAGE_COLUMNS  # noqa: E402
from streams.database import Database  # noqa: E402
from streams.rebuild import rebuild  # noqa: E402
from streams.sealing.view_seal import view_seal  # noqa: E402
from tests.factories import lisjp_content, personnummer, staff_at, token_times  # noqa: E402
from tests.factories.http import UNIT_BODY  # noqa: E402

SERVE = "import sys; from api.cli.main import main; sys.exit(main(['serve', '--port', '{port}']))"
NATIONAL = "/v1/statistik/national/reports/sjukfall-per-diagnoskapitel"
FILTERED = ("/v1/statistik/care_giver/reports/sjukfall-per-aldersgrupp?id={giver}"
            "&chapter=XIII&chapter=V&degree=100&degree=50&sex=F")


def doctor_token(settings: Settings, who: Staff) -> str:
    """A token as the identity provider issues it (production mode mints none itself)."""
    claims = {"sub": who.hsa_id, "name": who.name, "role": who.role.value,
              "care_unit": who.care_unit_hsa_id, "care_giver": who.care_giver_hsa_id,
              "iss": settings.jwt_issuer, **token_times(hours=8)}
    return jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm="HS256")


def crc_implementation() -> str:
    """Which CRC-32C kafka-python checks fetched record batches with: the ``crc32c`` package
    (a dependency, C) when it imports, else kafka-python's own pure-Python loop."""
    return ("crc32c package (C)" if kafka_record_util.crc32c_c is not None
            else "kafka-python's pure Python")


def rebuild_views(settings: Settings) -> float:
    """Every view rebuilt from the topic (so serve starts caught up); the statistik rate."""
    print(f"kafka-python CRC-32C check: {crc_implementation()}")
    app, db = Certificates(eventsourcing_env(settings)), Database(settings)
    rate = 0.0
    for name, view in build_views(settings, view_seal(settings, db)).items():
        def drop(view: Any = view) -> None:
            with db.transaction() as tx:
                view.drop(tx)

        done = rebuild(settings, app, db, view, drop)
        if name == "statistik":
            rate = done.per_second
            print(f"statistik view rebuilt from Kafka: {done.per_second:.0f} events/s "
                  f"({done.events} events, {done.seconds:.1f} s)")
    app.close()
    db.close()
    return rate


DIGESTED = ("statistik", "statistik_docs", "statistik_cases", "statistik_case_months",
            "statistik_messages", "statistik_pending", "statistik_case_rollup",
            "statistik_month_rollup", "statistik_certificate_rollup")


def _rows_as_text(table: str) -> str:
    """A table's rows as text; a document without the times the data set was made at (the
    aggregate stamps its events with the clock, not the seed)."""
    if table in ("statistik", "statistik_docs"):
        return ("(to_jsonb(t) - 'doc')::text || "
                "(t.doc::jsonb - 'created_at' - 'updated_at')::text")
    return "t::text"


def digest(settings: Settings) -> str:
    """One hash over every statistik table's rows in a fixed order (a rollup's counts of
    zero left out: they count nothing). A seed makes the same data set, so two versions of the
    view that rebuild it alike print the same digest."""
    db = Database(settings)
    with db.transaction() as tx:
        found = [str(tx.execute(
            f"SELECT md5(coalesce(string_agg({_rows_as_text(table)}, '|' ORDER BY "
            f"{_rows_as_text(table)}), '')) FROM {table} t"
            f"{' WHERE n <> 0' if 'rollup' in table else ''}")[0][0]) for table in DIGESTED]
    db.close()
    return hashlib.md5("".join(found).encode()).hexdigest()  # noqa: S324


def _copy(table: str, columns: list[str], renamed: dict[str, str], copies: int) -> str:
    values = [renamed.get(name, f"t.{name}") for name in columns]
    return (f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(values)} "
            f"FROM {table} t, generate_series(1, {copies}) k")


def scale(settings: Settings, copies: int) -> None:
    """Each row copied ``copies`` times as new certificates of new patients."""
    if copies < 1:
        return
    db = Database(settings)
    cases = [name for name, _ in CASE_COLUMNS]
    fresh = {"case_id": "t.case_id || ':' || k", "patient": "t.patient || ':' || k",
             "id": "t.id || ':' || k", "certificate_id": "t.certificate_id || ':' || k"}
    with db.transaction() as tx:
        tx.execute(_copy("statistik_cases", cases, fresh, copies))
        tx.execute(_copy("statistik_case_months", [*cases, "month"], fresh, copies))
        tx.execute(_copy("statistik_messages", [n for n, _ in MESSAGE_COLUMNS], fresh, copies))
        view = build_views(settings, view_seal(settings, db))["statistik"]
        tx.execute(_copy("statistik", ["id", *(n for n, _ in view.columns), "doc", "versions"],
                         {**fresh, "doc": "'{}'", "versions": "'{}'"}, copies))
        for rollup in ("statistik_case_rollup", "statistik_month_rollup",
                       "statistik_certificate_rollup"):  # a copy counts where its original does
            tx.execute(f"UPDATE {rollup} SET n = n * {copies + 1}")
    db.close()
    with psycopg.connect(host=settings.postgres_host, port=settings.postgres_port,
                         dbname=settings.postgres_db, user=settings.postgres_user,
                         password=settings.postgres_password.get_secret_value(),
                         autocommit=True) as conn:  # as autovacuum would, after a bulk load
        conn.execute(f"SET search_path TO {settings.postgres_schema}")
        for table in ("statistik", "statistik_cases", "statistik_case_months",
                      "statistik_messages", "statistik_case_rollup", "statistik_month_rollup",
                      "statistik_certificate_rollup"):
            conn.execute(f"VACUUM ANALYZE {table}")


def serve(settings: Settings, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "INTYG_MODE": "production",
           "INTYG_POSTGRES_SCHEMA": settings.postgres_schema or "",
           "INTYG_CIPHER_KEY": settings.cipher_key.get_secret_value(),
           "INTYG_JWT_SECRET": settings.jwt_secret.get_secret_value(),
           "INTYG_KAFKA_TOPIC_PREFIX": settings.kafka_topic_prefix,
           "INTYG_RELAY_IN_SERVE": "true", "INTYG_PROJECTIONS_IN_SERVE": "true",
           "INTYG_LOG_FORMAT": "json"}
    return subprocess.Popen([sys.executable, "-c", SERVE.format(port=port)],  # noqa: S603
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def timed_get(client: httpx.Client, path: str, repeat: int,
              headers: dict[str, str] | None = None) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        got = client.get(path, headers=headers)
        samples.append(time.perf_counter() - started)
        if got.status_code != 200:
            raise SystemExit(f"{path}: {got.status_code} {got.text[:300]}")
    return samples


def _healthy(client: httpx.Client) -> bool:
    try:
        return client.get("/health").status_code == 200
    except httpx.TransportError:
        return False


def wait_up(client: httpx.Client, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not _healthy(client):
        if time.monotonic() > deadline:
            raise SystemExit("intyg serve did not come up")
        time.sleep(0.2)


def signed_to_report(client: httpx.Client, settings: Settings, rounds: int) -> list[float]:
    """Sign a LISJP through the API, then read the unit's cases report (no ``?after=``) until
    it counts one more case: seconds from the sign response to that report."""
    unit = CareUnit(hsa_id="SE2321000016-BENCH1", care_giver_hsa_id="SE2321000016-BENCHG",
                    name=UNIT_BODY["name"], postal_address=UNIT_BODY["postalAddress"],
                    postal_code=UNIT_BODY["postalCode"], postal_town=UNIT_BODY["postalTown"],
                    phone=UNIT_BODY["phone"], lan="01")
    auth = {"Authorization": f"Bearer {doctor_token(settings, staff_at(unit))}"}
    path = f"/v1/statistik/care_unit/reports/sjukfall-per-sjukskrivningsgrad?id={unit.hsa_id}"

    def cases() -> int:
        got = client.get(path, headers=auth)
        return sum(int(row["values"][2]) for row in got.json()["rows"])

    took = []
    for _ in range(rounds):
        before = cases()
        body = {"type": "lisjp", "patient": {"personnummer": personnummer()},
                "careUnit": UNIT_BODY, "content": lisjp_content(date.today())}
        made = client.post("/v1/certificates", json=body, headers=auth)
        cert = made.json()["id"]
        signed = client.post(f"/v1/certificates/{cert}/sign", json={"version": 1},
                             headers=auth)
        if signed.status_code != 200:
            raise SystemExit(f"sign: {signed.status_code} {signed.text[:300]}")
        started = time.perf_counter()
        while cases() == before and time.perf_counter() - started < 30:
            time.sleep(0.02)
        took.append(time.perf_counter() - started)
    return took


def measure(settings: Settings, port: int, repeat: int, giver: str) -> None:
    server = serve(settings, port)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
            wait_up(client, seconds=120)
            staff = staff_at(CareUnit(hsa_id="SE2321000016-BENCHU", care_giver_hsa_id=giver,
                                      name="x", postal_address="x", postal_code="111 22",
                                      postal_town="x", phone="08-1", lan="01"))
            auth = {"Authorization": f"Bearer {doctor_token(settings, staff)}"}
            timed_get(client, NATIONAL, 3)
            p50, p99 = percentiles(timed_get(client, NATIONAL, repeat))
            print(f"national report (HTTP): p50 {p50:.1f} ms, p99 {p99:.1f} ms")
            filtered = FILTERED.format(giver=giver)
            p50, p99 = percentiles(timed_get(client, filtered, repeat, auth))
            print(f"care-giver report, three filters (HTTP): p50 {p50:.1f} ms, p99 {p99:.1f} ms")
            took = sorted(signed_to_report(client, settings, 5))
            print(f"signed certificate to report: median {took[2]:.2f} s, max {took[-1]:.2f} s")
            print(f"serve peak RSS: {peak_rss_mb(server.pid):.0f} MB")
    finally:
        server.terminate()
        server.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--certificates", type=int, default=100_000)
    parser.add_argument("--base", type=int, default=10_000,
                        help="certificates made and published; the rest are SQL copies")
    parser.add_argument("--repeat", type=int, default=100, help="requests timed per figure")
    parser.add_argument("--port", type=int, default=8740)
    parser.add_argument("--seed", type=int, default=7804)
    args = parser.parse_args()
    base = min(args.base, args.certificates)
    random.seed(args.seed)  # the factories' patients, units and doctors
    with bench_settings() as settings:
        settings = settings.model_copy(update={"statistics_key": SecretStr("bench-statistics-key")})
        started = time.perf_counter()
        events, big_unit = produce(settings, base, args.seed)
        print(f"published: {base} certificates, {events} events "
              f"({time.perf_counter() - started:.0f} s)")
        rebuild_views(settings)
        print(f"statistik tables digest (seed {args.seed}): {digest(settings)}")
        started = time.perf_counter()
        scale(settings, args.certificates // base - 1)
        print(f"scaled to {args.certificates // base * base} certificates in SQL "
              f"({time.perf_counter() - started:.0f} s)")
        db = Database(settings)
        with db.transaction() as tx:
            [(giver,)] = tx.execute("SELECT care_giver FROM statistik WHERE care_unit = ? "
                                    "LIMIT 1", (big_unit,))
            [(case_rows,)] = tx.execute("SELECT COUNT(*) FROM statistik_cases")
        db.close()
        print(f"case rows (national and per care giver): {case_rows}")
        measure(settings, args.port, args.repeat, str(giver))
    print(f"command: {' '.join(sys.argv)}")


if __name__ == "__main__":
    main()
