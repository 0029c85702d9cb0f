"""``intyg send-mail --once`` in a subprocess against a test's store and a real SMTP server on
127.0.0.1, and the run that kills it (SIGKILL) while the server holds its second mail."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from commands.settings import Settings
from tests.factories.mail import Inbox, smtp_server
from tests.integration.kafka_support import cli_env


def send_mail_env(settings: Settings, port: int, **extra: str) -> dict[str, str]:
    """The environment of a sender on ``settings``' store, mailing to 127.0.0.1:``port``."""
    mail = {"INTYG_SMTP_HOST": "127.0.0.1", "INTYG_SMTP_PORT": str(port),
            "INTYG_LOG_FORMAT": "json", **extra}
    if settings.is_production:
        return {**cli_env(settings), **mail}
    return {**os.environ, "INTYG_MODE": "embedded", "INTYG_DATA_DIR": str(settings.data_dir),
            **mail}


def _send_mail_once(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "api.cli.main", "send-mail", "--once"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)


def killed_then_restarted(env: dict[str, str], port: int) -> tuple[Inbox, int]:
    """A sender killed while the server holds its second mail (only the first accepted), then
    a new one run to its end: what arrived, and how many the new one reports sent."""
    with smtp_server(Inbox(hold_after=1), port) as inbox:
        killed = _send_mail_once(env)
        assert inbox.holding.wait(60), "the sender never reached its second mail"
        killed.kill()
        killed.wait(30)
        inbox.release.set()
        assert len(inbox.mails) == 1
        inbox.hold_after = None
        again = _send_mail_once(env)
        out, _ = again.communicate(timeout=120)
        assert again.returncode == 0
    return inbox, len(json.loads(out.splitlines()[-1])["sent"])
