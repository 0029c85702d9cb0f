"""``scripts/kafka.sh`` finds an interpreter with kafka-python by itself. Each run stops before
anything starts: a temporary data dir and a java that is not there (no broker is touched)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "scripts" / "kafka.sh"


def _start(script: Path, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``kafka.sh start`` with a python3 on PATH that cannot import kafka-python and a java
    that does not exist: it gets past the interpreter check or stops at it."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    fake = bin_dir / "python3"
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    base = {key: value for key, value in os.environ.items()
            if key != "PYTHON" and not key.startswith("INTYG_KAFKA")}
    base.update(PATH=f"{bin_dir}{os.pathsep}{base.get('PATH', '')}",
                INTYG_KAFKA_CACHE=str(tmp_path / "cache"), INTYG_KAFKA_DATA=str(tmp_path / "data"),
                INTYG_KAFKA_PORT="8149", INTYG_KAFKA_CONTROLLER_PORT="8148",
                JAVA=str(tmp_path / "no-java"), **env)
    return subprocess.run([str(script), "start"], env=base, capture_output=True, text=True,
                          timeout=60, check=False)


def test_kafka_script_uses_the_project_venv_when_python_is_not_set(tmp_path):
    """Hardening item 15: `scripts/kafka.sh start` run alone gets past the readiness
    interpreter check (it stops only at the missing java)."""
    run = _start(SCRIPT, tmp_path)
    assert run.returncode == 1
    assert "no-java' not found" in run.stderr, run.stderr
    assert "kafka-python" not in run.stderr


def test_kafka_script_still_honours_python_when_it_is_set(tmp_path):
    """Hardening item 15: an explicit PYTHON wins over the project's venv."""
    run = _start(SCRIPT, tmp_path, PYTHON=str(tmp_path / "bin" / "python3"))
    assert run.returncode == 1
    assert "cannot import kafka-python" in run.stderr, run.stderr


def test_kafka_script_falls_back_to_python3_when_there_is_no_venv(tmp_path):
    """Hardening item 15: without a .venv beside the scripts, python3 on PATH is tried, and the
    error says how to get one."""
    copy = tmp_path / "clone" / "scripts"
    copy.mkdir(parents=True)
    shutil.copy(SCRIPT, copy / "kafka.sh")
    run = _start(copy / "kafka.sh", tmp_path)
    assert run.returncode == 1
    assert "PYTHON=python3 cannot import kafka-python" in run.stderr, run.stderr
    assert "scripts/venv.sh" in run.stderr
