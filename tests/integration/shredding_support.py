"""Helpers of the crypto-shredding and migration tests: the command line on these settings, and
the views run until they have read everything stored."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from api.runtime.projections import ProjectionHost
from commands.certificates import Certificates
from commands.settings import Settings
from streams.read_your_writes import wait_until_seen
from tests.integration.kafka_support import cli_env

ROOT = Path(__file__).parents[2]


def intyg(settings: Settings, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "api.cli.main", *args], cwd=ROOT,
                          env=cli_env(settings), capture_output=True, text=True, input=stdin,
                          timeout=120)


def views_caught_up(host: ProjectionHost, settings: Settings, app: Certificates) -> None:
    """Runs the views until each has read everything stored, then stops them."""
    host.start()
    try:
        last = app.recorder.max_notification_id() or 0
        for name in host.views:
            assert wait_until_seen(host.db, settings, name, last, timeout=90), name
    finally:
        host.stop()
