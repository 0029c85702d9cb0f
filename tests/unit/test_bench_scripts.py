"""Every benchmark runs as the README says (``.venv/bin/python bench/NAME.py``): it imports and
shows its options. A bench that cannot start (an import that moved, a module of bench/ that
shadows the standard library for every script there) fails here, not on the day it is needed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HELPERS = ("__init__.py", "support.py", "loopback.py", "rehabstod_floors.py")
"""Modules the scripts import, not scripts themselves."""
SCRIPTS = sorted(p for p in (ROOT / "bench").glob("*.py") if p.name not in HELPERS)


def test_no_bench_module_shadows_the_standard_library_when_bench_is_on_the_path():
    shadowing = [p.name for p in (ROOT / "bench").glob("*.py")
                 if p.stem in sys.stdlib_module_names]
    assert shadowing == []


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_bench_shows_its_options_when_run_as_a_script(script: Path):
    done = subprocess.run([sys.executable, str(script), "--help"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "usage:" in done.stdout
