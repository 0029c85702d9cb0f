"""The Rehabstöd unit overview and summary through HTTP (the whole app: token, policy, view
query, case engine, JSON, served by uvicorn on a loopback port as ``intyg serve`` serves it:
``bench.loopback``; ``--test-client`` requests through Starlette's TestClient instead) beside
the raw SQL that fetches the same rows, in the same run, for one unit of ``--certificates``
LISJP certificates.

Each request is timed cold (nothing kept: SQL, engine for every row, encoding), after a change
at the unit (one patient's row written again by the view's own write, as when one of the
patient's certificates changes: a new revision, a new token for the unit, the change recorded;
the request follows the unit's changes since its result, reads, opens and computes that row and
takes the rest from the result before by revision), warm (the unit
unchanged: the token read, the access-log entry stored, the response kept for the same scope
and filters; ``api.runtime.unit_cases``), with other settings (maxGap cycled through 0-90 on
the same day, so each request is a result of its own for the same rows: the rows' revisions
read, each row's chain worked out, the engine's case for the rows whose chain another maxGap
made the same taken from the unit's latest result, the rows as opened for the unit before) and
on another day (each request a day later than the one before: as with other settings, but no
case taken over, the engine for every row).

The data set: patients with chains of one to four certificates renewed back to back (a few
days' gap now and then), made by the real Certificate aggregate (draft, sign, mostly sent, a
few revoked), folded into the rehabstod view of a PostgreSQL schema of this run's own as the
projection folds the published messages (no Kafka: only the view is measured). The raw
baseline runs the very SQL the overview runs when cold (one row per patient who may have a
current case), on the same pool, and fetches every row.
Run: ``.venv/bin/python bench/rehabstod.py --certificates 8000 2>/dev/null`` (PostgreSQL
running, see scripts/postgres.sh; stderr carries the request log); the targets are in README.md.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from functools import partial
from itertools import cycle
from pathlib import Path
from typing import Any

import jwt
import orjson
import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from api.http.app import create_app
from api.logging import configure_logging
from api.runtime.projections import ProjectionHost
from api.runtime.unit_cases_memo import SIZE
from bench.loopback import Client, served
from bench.rehabstod_floors import time_floors
from bench.support import bench_settings, sick_leave_events
from commands.access_log import AccessLog
from commands.history import history_line
from commands.settings import Settings
from domain.access.entry import Reader
from domain.shared.care import CareUnit, Role
from domain.sickleave.model import MAX_GAP_LIMIT
from projections.rehabstod import patient_certificates
from projections.sick_leave_timelines import overview_query, refresh
from streams.collector import relax_collection_for_process
from streams.schemas import parse_wire, to_wire
from tests.factories import care_unit, patient, staff_at, token_times

TODAY = date(2026, 11, 28)
VIEW = "rehabstod"
BATCH = 2000


def unit_messages(rng: random.Random, unit: CareUnit, count: int) -> list[Any]:
    """``count`` certificates of one unit: chains of 1-4 certificates per patient, starting on
    some day of the last 18 months."""
    doctors = [staff_at(unit) for _ in range(12)]
    messages: list[Any] = []
    made = 0
    while made < count:
        who, doctor = patient(), rng.choice(doctors)
        start = TODAY - timedelta(days=rng.randint(0, 540))
        for _ in range(min(rng.randint(1, 4), count - made)):
            signed = datetime.combine(start, datetime.min.time(), UTC) + timedelta(hours=9)
            events, end = sick_leave_events(rng, unit, doctor, who, signed, start,
                                            revoked_share=0.03)
            messages += [parse_wire(to_wire(history_line(e))) for e in events]
            start = end + timedelta(days=1 + (rng.randint(1, 10) if rng.random() < 0.2 else 0))
            made += 1
        if made % 5000 < 4:
            print(f"  made {made} certificates", file=sys.stderr)
    return messages


def fill_view(host: ProjectionHost, messages: list[Any]) -> None:
    view = host.views[VIEW]
    for start in range(0, len(messages), BATCH):
        with host.db.transaction() as tx:
            view.apply_many(tx, messages[start:start + BATCH])
    with host.db.transaction() as tx:  # as autovacuum does soon after a table has grown
        tx.execute(f"ANALYZE {view.table}")
    vacuumed(host.settings, "rehabstod_patients")


def vacuumed(settings: Settings, table: str) -> None:
    """``VACUUM`` of the table, as autovacuum does once many of its rows were rewritten (the
    timelines are, once per certificate): the pages marked all-visible, so that an index
    holding every column a query reads answers it alone. Not ``ANALYZE``: this data set holds
    one unit only, and statistics saying every row is the unit's would have the planner scan
    the whole table for the unit's window, where a table of many units is read by its index."""
    s = settings
    with psycopg.connect(host=s.postgres_host, port=s.postgres_port, dbname=s.postgres_db,
                         user=s.postgres_user, password=s.postgres_password.get_secret_value(),
                         autocommit=True) as conn:
        conn.execute(f"SET search_path TO {s.postgres_schema}")
        conn.execute(f"VACUUM {table}")


def coordinator_token(settings: Settings, unit: CareUnit) -> str:
    who = staff_at(unit, Role.REHAB_COORDINATOR)
    claims = {"sub": who.hsa_id, "name": who.name, "role": who.role.value,
              "care_unit": who.care_unit_hsa_id, "care_giver": who.care_giver_hsa_id,
              "iss": settings.jwt_issuer, **token_times(hours=8)}
    return jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm="HS256")


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    middle = len(ordered) // 2
    median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return median * 1000, ordered[max(int(len(ordered) * 0.99) - 1, 0)] * 1000


def timed(action: Any, repeat: int, warm_up: int = 3,
          before: Any = None) -> tuple[list[float], float]:
    """Wall seconds of each call, and the mean CPU seconds this process spent per call (the
    machine may be shared: CPU time shows the work, whatever else runs). ``before`` runs
    before each call, untimed."""
    samples, cpu = [], 0.0
    for n in range(warm_up + repeat):
        if before is not None:
            before()
        cpu_started, started = time.process_time(), time.perf_counter()
        action()
        if n >= warm_up:
            samples.append(time.perf_counter() - started)
            cpu += time.process_time() - cpu_started
    return samples, cpu / repeat


def time_requests(client: Client, host: ProjectionHost, unit: CareUnit, token: str,
                  raw_p50: float, repeat: int, only: set[str]) -> list[dict[str, Any]]:
    """The overview and the summary, each cold (nothing kept: every row computed), after a
    change (one patient's row written again by the view: that row computed anew, the others
    taken from the result before), warm (the unit
    unchanged since the request before), with other settings (a maxGap not asked for since the
    results kept now: every row's chain worked out, none opened) and on another day (every row
    computed, none opened); the cases listed. ``only`` names the figures to take
    (``overview:changed``), all when empty."""
    base, headers = f"/v1/rehabstod/units/{unit.hsa_id}", {"Authorization": f"Bearer {token}"}
    query: dict[str, Any] = {"today": TODAY.isoformat()}
    _, body = client.get(f"{base}/sjukfall", query, headers)
    cases = orjson.loads(body)
    changes = {"cold": host.unit_cases.clear, "changed": partial(one_row_changed, host, unit,
                                                                 cases[0]["personnummer"]),
               "warm": None, "other": None, "day": None}
    gaps = cycle(range(MAX_GAP_LIMIT + 1))  # more than the results kept: each one computed
    days = cycle(range(1, SIZE + 5))  # the days after: more than the results kept
    for name, path in (("overview", "sjukfall"), ("summary", "summary")):
        for memo, change in changes.items():
            if only and f"{name}:{memo}" not in only:
                continue

            def request(path: str = path, memo: str = memo) -> None:
                asked: dict[str, Any] = query
                if memo == "other":
                    asked = {**query, "maxGap": next(gaps)}
                elif memo == "day":
                    asked = {"today": (TODAY + timedelta(days=next(days))).isoformat()}
                status, _ = client.get(f"{base}/{path}", asked, headers)
                if status != 200:
                    raise RuntimeError(f"GET {path}: {status}")

            samples, cpu = timed(request, repeat, before=change)
            p50, p99 = percentiles(samples)
            print(f"GET {name:<8} {memo:<7} ({len(cases)} cases): p50 {p50:6.1f} ms, "
                  f"p99 {p99:6.1f} ms, CPU here {cpu * 1000:5.1f} ms, "
                  f"p50 ratio to raw SQL {p50 / raw_p50:.2f}")
    listed: list[dict[str, Any]] = cases
    return listed


def one_row_changed(host: ProjectionHost, unit: CareUnit, personnummer: str) -> None:
    """One patient's row written again by the view's own write (``refresh``: the timeline
    rebuilt from the patient's certificates, a new revision, a new token for the unit and the
    change recorded), as when one of the patient's certificates changes."""
    with host.db.transaction() as tx:
        certs = patient_certificates(tx, host.seal, unit.hsa_id, personnummer)
        refresh(tx, host.seal, [(unit.hsa_id, personnummer)],
                {(unit.hsa_id, personnummer): certs})


def raw_figure(raw: Any, rows: int, repeat: int, when: str) -> float:
    """The raw SQL's p50 (ms), printed: taken before the requests and again after them, so a
    baseline slowed by the machine shows (the ratios take the first)."""
    samples, cpu = timed(raw, repeat)
    p50, p99 = percentiles(samples)
    print(f"raw SQL of the overview's rows ({rows} rows), {when}: p50 {p50:6.1f} ms, "
          f"p99 {p99:6.1f} ms, CPU here {cpu * 1000:5.1f} ms")
    return p50


def time_access_entry(access_log: AccessLog, unit: CareUnit, cases: list[dict[str, Any]],
                      repeat: int) -> None:
    """The PDL access entry that every overview request stores (part of the figures above),
    alone: the same patients and certificates, the same store."""
    reader = Reader(role=Role.REHAB_COORDINATOR.value, hsa_id="SE2321000016-BENCH",
                    care_unit=unit.hsa_id, care_giver=unit.care_giver_hsa_id)
    patients = [case["personnummer"] for case in cases]
    ids = [cid for case in cases for cid in case["certificateIds"]]
    samples, cpu = timed(lambda: access_log.record(reader, "GET /v1/rehabstod/units/"
                                                   "{unit_id}/sjukfall", patients, ids), repeat)
    p50, p99 = percentiles(samples)
    print(f"  of which the overview's access entry alone ({len(patients)} patients, {len(ids)} "
          f"certificates): p50 {p50:6.1f} ms, p99 {p99:6.1f} ms, CPU here {cpu * 1000:5.1f} ms")
    what = "GET /v1/rehabstod/units/{unit_id}/sjukfall"
    subjects = access_log.subjects(patients, ids)
    samples, cpu = timed(lambda: access_log.record_subjects(reader, what, subjects), repeat)
    p50, p99 = percentiles(samples)
    print(f"  the same entry with its patients packed before (a warm overview's): p50 {p50:6.1f} "
          f"ms, p99 {p99:6.1f} ms, CPU here {cpu * 1000:5.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--certificates", type=int, default=8000)
    parser.add_argument("--repeat", type=int, default=100, help="requests timed per figure")
    parser.add_argument("--seed", type=int, default=1717)
    parser.add_argument("--test-client", action="store_true",
                        help="request through Starlette's TestClient instead of uvicorn")
    parser.add_argument("--only", action="append", default=[],
                        help="take only this figure, e.g. overview:changed (repeatable)")
    args = parser.parse_args()
    configure_logging("json")  # one JSON line per request to stderr, as `intyg serve` writes
    rng = random.Random(args.seed)
    random.seed(args.seed)  # the factories' personnummer and HSA ids: the same set every run
    unit = care_unit()
    with bench_settings() as settings:
        started = time.perf_counter()
        messages = unit_messages(rng, unit, args.certificates)
        app = create_app(settings)
        host = ProjectionHost(settings, app.state.certificates, names=[VIEW])
        app.state.projections = host
        fill_view(host, messages)
        made = len(messages)
        del messages  # a server holds none of them: its collector does not walk them either
        gc.collect()
        relax_collection_for_process()  # as `intyg serve` runs, the raw SQL's timing too
        print(f"data set: one unit, {args.certificates} certificates, {made} messages "
              f"(made and folded in {time.perf_counter() - started:.0f} s)")
        sql, params = overview_query(unit.hsa_id, TODAY, 0)

        def raw() -> int:  # without BEGIN and COMMIT, as the overview reads
            with host.db.reading() as tx:
                return len(tx.execute(sql, params))

        rows = raw()
        raw_p50 = raw_figure(raw, rows, args.repeat, "before the requests")
        with served(app, test_client=args.test_client) as client:
            cases = time_requests(client, host, unit, coordinator_token(settings, unit),
                                  raw_p50, args.repeat, set(args.only))
        after = raw_figure(raw, rows, args.repeat, "after them")
        if after < raw_p50:
            print(f"  (the ratios above are to {raw_p50:.1f} ms; to {after:.1f} ms they are "
                  f"{raw_p50 / after:.2f} times as large)")
        time_access_entry(app.state.access_log, unit, cases, args.repeat)
        if not args.only:
            time_floors(host, unit, TODAY, raw_p50, min(args.repeat, 20))
        host.db.close()
        app.state.certificates.close()
    print(f"command: {' '.join(sys.argv)}")


if __name__ == "__main__":
    main()
