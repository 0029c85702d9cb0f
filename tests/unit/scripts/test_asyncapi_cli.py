"""The AsyncAPI CLI (pinned, installed by scripts/asyncapi.sh) finds the committed document
valid with no diagnostic at any level, and does report one in a broken copy."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from streams.contract import CONTRACT_DIR

ROOT = Path(__file__).parents[3]


def validate(document: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ROOT / "scripts" / "asyncapi.sh"), "validate", str(document),
         "--fail-severity", "hint", "--diagnostics-format", "json"],
        capture_output=True, text=True, timeout=240, check=False)


def test_committed_asyncapi_document_is_valid_without_any_diagnostic():
    result = validate(CONTRACT_DIR / "asyncapi.json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "[]" in result.stdout  # the diagnostics list is empty: no error, warning or hint
    assert "WARNING" not in result.stderr


def test_cli_reports_a_diagnostic_when_a_message_reference_dangles(tmp_path: Path):
    """The check above can fail: a copy whose channel lists a message that does not exist."""
    copy = tmp_path / "contract"
    shutil.copytree(CONTRACT_DIR, copy)
    document = json.loads((copy / "asyncapi.json").read_text())
    document["channels"]["deadletter"]["messages"]["Lost"] = {
        "$ref": "#/components/messages/Lost"}
    (copy / "asyncapi.json").write_text(json.dumps(document))
    result = validate(copy / "asyncapi.json")
    assert result.returncode != 0
