"""/health under a burst of ``?after=`` reads (Hardening item 8), in two runs:

1. ``far``: ``intyg serve`` (embedded, a data directory of its own, the read models running);
   60 reads ask for a position far beyond the log's head.
2. ``stalled``: the same app with its read models not running (as behind a stalled consumer);
   60 reads ask for the position just written, which the views never reach.

Each run writes one draft, fires the burst and times /health during it. Prints the figures;
exits non-zero only when a server does not come up.

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
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from tempfile import TemporaryDirectory

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from api.http.dev_tokens import mint_staff_token  # noqa: E402
from commands.settings import Settings  # noqa: E402
from tests.factories import care_unit, personnummer, staff_at  # noqa: E402
from tests.factories.http import UNIT_BODY  # noqa: E402

SERVE = "import sys; from api.cli.main import main; sys.exit(main(['serve', '--port', '{port}']))"
STALLED = ("import uvicorn; from api.http.app import create_app; "
           "from commands.settings import Settings; uvicorn.run(create_app(Settings()), "
           "port={port}, lifespan='off', log_level='warning')")  # no lifespan: no read models


def serve(app_root: Path, data_dir: str, port: int, code: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(app_root), "INTYG_MODE": "embedded",
           "INTYG_DATA_DIR": data_dir, "INTYG_LOG_FORMAT": "json"}
    return subprocess.Popen([sys.executable, "-c", code.format(port=port)],  # noqa: S603
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


def burst(app_root: Path, port: int, reads: int, code: str, far: bool) -> str:
    unit = care_unit()
    auth = {"Authorization": f"Bearer {mint_staff_token(Settings(), staff_at(unit))}"}
    limits = httpx.Limits(max_connections=reads + 10)
    with TemporaryDirectory() as data_dir, httpx.Client(
            base_url=f"http://127.0.0.1:{port}", limits=limits, timeout=120) as client:
        server = serve(app_root, data_dir, port, code)
        try:
            wait_up(client)
            body = {"type": "lisjp", "patient": {"personnummer": personnummer()},
                    "careUnit": UNIT_BODY}
            written = client.post("/v1/certificates", json=body, headers=auth)
            after = 10**12 if far else written.json()["position"]
            path = f"/v1/units/{unit.hsa_id}/drafts?after={after}"
            quiet = timed_health(client, 20)
            with ThreadPoolExecutor(max_workers=reads) as pool:
                started = time.perf_counter()
                sent = [pool.submit(client.get, path, headers=auth) for _ in range(reads)]
                time.sleep(0.2)
                busy = timed_health(client, 10)
                statuses = Counter(f.result().status_code for f in sent)
                took = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=30)
    return (f"/health quiet: median {statistics.median(quiet) * 1000:.1f} ms, max "
            f"{max(quiet) * 1000:.1f} ms; during the burst: median "
            f"{statistics.median(busy) * 1000:.1f} ms, max {max(busy) * 1000:.1f} ms; "
            f"the burst: {dict(sorted(statuses.items()))}, all answered in {took:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8121)
    parser.add_argument("--reads", type=int, default=60)
    parser.add_argument("--app-root", type=Path, default=ROOT)
    args = parser.parse_args()
    print(f"code: {args.app_root}; {args.reads} concurrent reads")
    print("far (?after=10^12, read models running):",
          burst(args.app_root, args.port, args.reads, SERVE, far=True))
    print("stalled (?after=the position written, read models not running):",
          burst(args.app_root, args.port + 1, args.reads, STALLED, far=False))


if __name__ == "__main__":
    main()
