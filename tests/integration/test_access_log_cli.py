"""A certificate's history read on the command line is a read of patient data like any other
(issue 12, deliverable 2): ``intyg history`` leaves one access entry naming the operator and the
reason, and prints nothing when the entry cannot be stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.cli.main import main
from commands.access_log import AccessLog
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from tests.factories import FakeClock, care_unit, staff_at
from tests.flows import signed

_BLOCK = ("CREATE TRIGGER access_log_down BEFORE INSERT ON stored_events "
          "WHEN NEW.topic LIKE 'domain.access.%' BEGIN SELECT RAISE(ABORT, 'down'); END")


def test_history_on_the_command_line_leaves_one_entry_or_prints_nothing_when_unlogged(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """ARCHITECTURE.md invariant 8 (PDL): logged with who and why, and fail closed."""
    monkeypatch.setenv("INTYG_MODE", "embedded")
    monkeypatch.setenv("INTYG_DATA_DIR", str(tmp_path))
    settings = Settings()
    app = Certificates(eventsourcing_env(settings), clock=FakeClock())
    try:
        unit = care_unit()
        cert = signed(app, unit, staff_at(unit))
        access = AccessLog(app, settings.patient_index_secret, app.clock)
        argv = ["history", str(cert), "--by", "SE2321000016-A001", "--reason", "granskning"]
        assert main(argv) == 0
        assert '"event": "CertificateSigned"' in capsys.readouterr().out
        [entry] = list(access.entries())
        assert (entry.reader["role"], entry.reader["hsa_id"], entry.reason, entry.what,
                entry.certificate_ids) == ("operator", "SE2321000016-A001", "granskning",
                                           "intyg history", [str(cert)])
        with app.recorder.datastore.transaction(commit=True) as cursor:
            cursor.execute(_BLOCK)
        assert main(argv) == 1
        printed = capsys.readouterr()
        assert printed.out == ""
        assert "access log" in printed.err
        assert access.count() == 1
    finally:
        app.close()
