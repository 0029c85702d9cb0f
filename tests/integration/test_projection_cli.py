"""`intyg project NAME` runs one read model on its own and stops cleanly on SIGTERM;
`intyg projections rebuild NAME` replays it with its rate (embedded mode)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from api.demo.seed import seed_demo
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from streams.database import Database
from tests.factories import FakeClock

INTYG = [sys.executable, "-m", "api.cli.main"]


def seeded(tmp_path: Path) -> dict[str, str]:
    settings = Settings(mode="embedded", data_dir=tmp_path)
    app = Certificates(eventsourcing_env(settings), clock=FakeClock())
    seed_demo(app, patients=20, seed=5)
    app.close()
    return {**os.environ, "INTYG_MODE": "embedded", "INTYG_DATA_DIR": str(tmp_path),
            "INTYG_LOG_FORMAT": "json"}


def rows(tmp_path: Path, table: str) -> int:
    db = Database(Settings(mode="embedded", data_dir=tmp_path))
    try:
        with db.transaction() as tx:
            return int(tx.execute(f"SELECT COUNT(*) FROM {table}")[0][0])
    except Exception:  # the table is made when the projection starts
        return 0


def test_project_runs_one_view_alone_and_stops_on_sigterm(tmp_path):
    env = seeded(tmp_path)
    process = subprocess.Popen([*INTYG, "project", "webcert"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while rows(tmp_path, "webcert") == 0 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert rows(tmp_path, "webcert") > 0
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=30)
    assert process.returncode == 0, err[-2000:]
    assert rows(tmp_path, "mina_intyg") == 0  # only the one view ran


def test_rebuild_reports_its_rate_and_fills_the_view(tmp_path):
    env = seeded(tmp_path)
    done = subprocess.run([*INTYG, "projections", "rebuild", "statistik"], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "rebuilt from the log" in done.stdout and "events/s" in done.stdout
    assert "100%" in done.stderr  # the progress bar reached the end
    assert rows(tmp_path, "statistik") > 0
