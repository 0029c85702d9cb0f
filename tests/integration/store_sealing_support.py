"""Helpers of the tests of sealing in the event store: a store of each kind (SQLite, PostgreSQL),
its rows decrypted with the store key alone, and ``intyg forget`` run on it."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from eventsourcing.cryptography import AESCipher
from eventsourcing.utils import Environment

from commands.certificates import Certificates
from commands.settings import Settings
from tests.factories.ledger import with_digest_key
from tests.integration.kafka_support import cli_env, kafka_settings
from tests.integration.shredding_support import ROOT

PRE_STORE_SEALING = {"MAPPER_TOPIC": "commands.stored_history:CheckedMapper"}
"""The mapper of a store written before the store sealed patient data."""


@contextmanager
def sealing_store(kind: str, tmp_path: Path) -> Iterator[Settings]:
    """Settings of an embedded SQLite store (``kind`` "sqlite") or of PostgreSQL with a schema
    and topics of their own."""
    if kind == "sqlite":
        key = base64.b64encode(os.urandom(16)).decode()
        yield with_digest_key(Settings(mode="embedded", data_dir=tmp_path, cipher_key=key,
                                       projections_in_serve=False))
        return
    with kafka_settings() as settings:
        yield with_digest_key(settings)


def in_clear_with_the_store_key(app: Certificates, settings: Settings,
                                secrets: tuple[str, ...]) -> list[tuple[int, str]]:
    """Each stored row decrypted with the store key alone, as the library's cipher does, and
    the secrets found in it (by position)."""
    assert settings.cipher_key is not None
    cipher = AESCipher(Environment(env={"CIPHER_KEY": settings.cipher_key.get_secret_value()}))
    rows = app.recorder.select_notifications(1, 10_000)
    assert rows
    return [(row.id, secret) for row in rows for secret in secrets
            if secret.encode() in cipher.decrypt(row.state)]


def forget(settings: Settings, personnummer: str) -> None:
    """``intyg forget`` in a subprocess on these settings."""
    assert settings.cipher_key is not None
    env = cli_env(settings) if settings.is_production else {
        **os.environ, "INTYG_MODE": "embedded", "INTYG_DATA_DIR": str(settings.data_dir),
        "INTYG_CIPHER_KEY": settings.cipher_key.get_secret_value()}
    done = subprocess.run([sys.executable, "-m", "api.cli.main", "forget", "-", "--reason",
                           "raderingsbeslut", "--by", "SE2321000016-A001"], cwd=ROOT, env=env,
                          capture_output=True, text=True, input=personnummer + "\n",
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert personnummer not in done.stdout + done.stderr
