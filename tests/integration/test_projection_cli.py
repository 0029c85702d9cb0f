"""`intyg project NAME` runs one read model on its own and stops cleanly on SIGTERM;
`intyg projections rebuild NAME` replays it with its rate (embedded mode)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from api.demo.seed import seed_demo
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from domain.statistics.catalogue import entry_at
from domain.statistics.facts import NATIONAL, ReportPeriod, Scope, ScopeLevel
from projections.statistik.reports import REPORTS, report
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


NEEDS_INPUT = ("jamforda-diagnoser", "sjukfall-per-enhet-per-1000-listade")
"""Reports that need the diagnoses to compare or a unit list."""


def _every_report(tmp_path: Path) -> dict[str, Any]:
    db = Database(Settings(mode="embedded", data_dir=tmp_path))
    whole = ReportPeriod(first=date(2000, 1, 1), last=date(2099, 12, 31))
    with db.transaction() as tx:
        givers = [row[0] for row in tx.execute("SELECT DISTINCT care_giver FROM statistik")]
        scopes = [NATIONAL, *(Scope(level=ScopeLevel.CARE_GIVER, id=g) for g in givers)]
        found: dict[str, Any] = {f"{scope.id}:{name}": report(tx, name, scope, whole)
                                 for scope in scopes for name in REPORTS
                                 if entry_at(name, scope.level) and name not in NEEDS_INPUT}
        found["cases"] = tx.execute("SELECT * FROM statistik_cases ORDER BY case_id")
        found["months"] = tx.execute("SELECT * FROM statistik_case_months "
                                     "ORDER BY case_id, month")
    return found


def test_statistics_reports_are_identical_when_the_view_is_dropped_and_rebuilt(tmp_path):
    """The statistik view's cases are a projection: dropping and replaying it gives the same
    case rows and every report the same table, at national and care-giver level."""
    env = seeded(tmp_path)

    def rebuilt() -> dict[str, Any]:
        done = subprocess.run([*INTYG, "projections", "rebuild", "statistik"], env=env,
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr[-2000:]
        return _every_report(tmp_path)

    first = rebuilt()
    assert first["cases"], "the demo seed makes sick-leave cases"
    assert rebuilt() == first
