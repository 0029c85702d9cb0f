"""Certificate commands per second over HTTP (``intyg serve``, production, PostgreSQL), against
raw serial psycopg inserts measured in the same run, one figure per command:

- ``--clients 32``: 32 clients each run full lifecycles (create, edit, sign, send) back to
  back for ``--seconds``; prints commands/s, latency p50/p99 and the ratio to raw serial
  one-row-per-transaction inserts (target: 0.5 or more).
- ``--rate 300``: the same clients pace their commands to 300/s in all; prints the achieved
  rate and the latency p99, measured from each command's scheduled start (target < 100 ms).

The server runs in a process of its own, on a schema of its own (dropped afterwards), the relay
and the read models off (this is the write path). Run:
``.venv/bin/python bench/http_commands.py --clients 32 [--rate 300] [--seconds 20] [--port 8870]
[--workers N]`` (``--workers``: the API in N worker processes, as ``intyg run`` starts it);
``--app-root DIR`` serves another checkout's code (e.g. ``git archive`` of an earlier commit
unpacked in /tmp) with this venv, for before/after figures.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import jwt
import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.commands import postgres_dsn, raw_inserts, stored_event_size  # noqa: E402
from bench.support import bench_settings  # noqa: E402
from commands.settings import Settings  # noqa: E402
from domain.shared.care import Staff  # noqa: E402
from tests.factories import (  # noqa: E402
    care_unit,
    lisjp_content,
    personnummer,
    staff_at,
    token_times,
)
from tests.factories.http import UNIT_BODY  # noqa: E402

SERVE = ("import sys; from api.cli.main import main; "
         "sys.exit(main(['serve', '--port', '{port}', '--workers', '{workers}']))")


def serve(settings: Settings, port: int, app_root: Path,
          workers: int = 1) -> subprocess.Popen[bytes]:
    cipher_key = settings.cipher_key.get_secret_value() if settings.cipher_key else ""
    env = {**os.environ, "PYTHONPATH": str(app_root), "INTYG_MODE": "production",
           "INTYG_POSTGRES_SCHEMA": settings.postgres_schema, "INTYG_CIPHER_KEY": cipher_key,
           "INTYG_JWT_SECRET": settings.jwt_secret.get_secret_value(),
           "INTYG_RELAY_IN_SERVE": "false", "INTYG_PROJECTIONS_IN_SERVE": "false"}
    return subprocess.Popen([sys.executable, "-c", SERVE.format(port=port, workers=workers)],  # noqa: S603
                            cwd=app_root, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def token(settings: Settings, staff: Staff) -> str:
    """A doctor's token as the identity provider would sign it (production mints none)."""
    claims = {"sub": staff.hsa_id, "name": staff.name, "role": staff.role.value,
              "care_unit": staff.care_unit_hsa_id, "care_giver": staff.care_giver_hsa_id,
              "iss": settings.jwt_issuer, **token_times()}
    return jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm="HS256")


def wait_up(base_url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(base_url + "/health").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit("intyg serve did not come up")


class Client:
    """One user running lifecycles; ``interval`` seconds between command starts (0: flat out)."""

    def __init__(self, base_url: str, token: str, content: dict[str, Any],
                 interval: float) -> None:
        self.http = httpx.Client(base_url=base_url, timeout=60,
                                 headers={"Authorization": f"Bearer {token}"})
        self.content, self.interval = content, interval
        self.latencies: list[float] = []
        self.failures = 0

    def _command(self, scheduled: float, method: str, path: str, body: Any) -> Any:
        if self.interval:
            time.sleep(max(0.0, scheduled - time.perf_counter()))
        else:
            scheduled = time.perf_counter()
        answer = self.http.request(method, path, json=body)
        self.latencies.append(time.perf_counter() - scheduled)
        if answer.status_code >= 300:
            self.failures += 1
            return None
        return answer.json()

    def run(self, until: float) -> None:
        next_at = time.perf_counter()
        while time.perf_counter() < until:
            steps: list[tuple[str, str, Any]] = [("POST", "/v1/certificates", {
                "type": "lisjp", "patient": {"personnummer": personnummer()},
                "careUnit": UNIT_BODY})]
            created = self._command(next_at, *steps[0])
            next_at += self.interval
            if created is None:
                continue
            path = f"/v1/certificates/{created['id']}"
            for method, suffix, body in [("PUT", "/content", {"version": 1,
                                                             "content": self.content}),
                                         ("POST", "/sign", {"version": 2}),
                                         ("POST", "/send", {"recipient": "FKASSA"})]:
                self._command(next_at, method, path + suffix, body)
                next_at += self.interval


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def run(clients: int, seconds: float, rate: float, port: int, app_root: Path,
        workers: int = 1) -> None:
    with bench_settings() as settings:
        base_url = f"http://127.0.0.1:{port}"
        server = serve(settings, port, app_root, workers)
        try:
            wait_up(base_url)
            bearer = token(settings, staff_at(care_unit()))
            content = lisjp_content(date.today())
            interval = clients / rate if rate else 0.0
            users = [Client(base_url, bearer, content, interval) for _ in range(clients)]
            Client(base_url, bearer, content, 0).run(time.perf_counter() + 2)  # warm up
            started = time.perf_counter()
            threads = [threading.Thread(target=u.run, args=(started + seconds,)) for u in users]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            took = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=30)
        latencies = [t for u in users for t in u.latencies]
        failures = sum(u.failures for u in users)
        with psycopg.connect(postgres_dsn(settings), autocommit=True) as conn:
            size = stored_event_size(conn, settings.postgres_schema)
            raw_seconds = raw_inserts(conn, settings.postgres_schema, 4000, size)
    achieved, raw_rate = len(latencies) / took, 4000 / raw_seconds
    pace = f"paced to {rate:.0f} commands/s" if rate else "flat out"
    print(f"code: {app_root}; {workers} API worker process(es); "
          f"HTTP lifecycles (create, edit, sign, send), {clients} clients, "
          f"{pace}, {seconds:.0f} s; "
          f"mean stored event state: {size} bytes")
    print(f"commands over HTTP:                      {achieved:8.1f} commands/s "
          f"(failed: {failures}); latency p50 {percentile(latencies, 0.5) * 1000:.1f} ms, "
          f"p99 {percentile(latencies, 0.99) * 1000:.1f} ms")
    print(f"raw psycopg serial inserts, 1 tx per row: {raw_rate:8.1f} rows/s")
    print(f"ratio HTTP / raw:                         {achieved / raw_rate:8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--rate", type=float, default=0, help="commands/s in all (0: flat out)")
    parser.add_argument("--port", type=int, default=8870)
    parser.add_argument("--workers", type=int, default=1,
                        help="API worker processes (intyg serve --workers)")
    parser.add_argument("--app-root", type=Path, default=ROOT,
                        help="serve another checkout's code (before/after), with this venv")
    args = parser.parse_args()
    run(args.clients, args.seconds, args.rate, args.port, args.app_root, args.workers)


if __name__ == "__main__":
    main()
