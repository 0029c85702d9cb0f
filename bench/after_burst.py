"""/health under a burst of ``?after=`` reads (Hardening item 8): how long /health takes while
60 reads ask for a position far beyond the log's head.

Starts ``intyg serve`` (embedded, a data directory of its own, the read models running) on a
port of its own, writes one draft, then fires the burst and times /health during it. Prints
the figures; exits non-zero only when the server does not come up.

Run: ``.venv/bin/python bench/after_burst.py [--port 8121] [--reads 60] [--app-root DIR]``.
``--app-root`` serves the code of another checkout (e.g. ``git archive`` of an earlier commit
unpacked in /tmp) with this venv, to compare before and after.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from tempfile import TemporaryDirectory

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from api.http.auth import mint_staff_token  # noqa: E402
from commands.settings import Settings  # noqa: E402
from tests.factories import care_unit, personnummer, staff_at  # noqa: E402
from tests.factories.http import UNIT_BODY  # noqa: E402


def serve(app_root: Path, data_dir: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(app_root), "INTYG_MODE": "embedded",
           "INTYG_DATA_DIR": data_dir, "INTYG_LOG_FORMAT": "json"}
    code = "import sys; from api.cli.main import main; sys.exit(main())"
    return subprocess.Popen([sys.executable, "-c", code, "serve", "--port", str(port)],  # noqa: S603
                            cwd=app_root, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def wait_up(client: httpx.Client, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if client.get("/health").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit("intyg serve did not come up")


def timed_health(client: httpx.Client, count: int) -> list[float]:
    took = []
    for _ in range(count):
        started = time.perf_counter()
        client.get("/health", timeout=60)
        took.append(time.perf_counter() - started)
    return took


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8121)
    parser.add_argument("--reads", type=int, default=60)
    parser.add_argument("--app-root", type=Path, default=ROOT)
    args = parser.parse_args()
    unit = care_unit()
    auth = {"Authorization": f"Bearer {mint_staff_token(Settings(), staff_at(unit))}"}
    far = f"/v1/units/{unit.hsa_id}/drafts?after={10**12}"
    limits = httpx.Limits(max_connections=args.reads + 10)
    with TemporaryDirectory() as data_dir, httpx.Client(
            base_url=f"http://127.0.0.1:{args.port}", limits=limits, timeout=120) as client:
        server = serve(args.app_root, data_dir, args.port)
        try:
            wait_up(client)
            body = {"type": "lisjp", "patient": {"personnummer": personnummer()},
                    "careUnit": UNIT_BODY}
            client.post("/v1/certificates", json=body, headers=auth).raise_for_status()
            quiet = timed_health(client, 20)
            with ThreadPoolExecutor(max_workers=args.reads) as pool:
                started = time.perf_counter()
                burst = [pool.submit(client.get, far, headers=auth) for _ in range(args.reads)]
                time.sleep(0.2)
                busy = timed_health(client, 10)
                statuses = sorted({f.result().status_code for f in burst})
                burst_took = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"code: {args.app_root}")
    print(f"/health quiet: median {statistics.median(quiet) * 1000:.1f} ms, "
          f"max {max(quiet) * 1000:.1f} ms")
    print(f"/health during {args.reads} reads of ?after=10^12: median "
          f"{statistics.median(busy) * 1000:.1f} ms, max {max(busy) * 1000:.1f} ms")
    print(f"the burst: statuses {statuses}, all answered in {burst_took:.2f} s")


if __name__ == "__main__":
    main()
