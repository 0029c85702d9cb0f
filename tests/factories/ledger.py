"""Builders for the ledger tests: settings with a digest key, and hands that change stored event
rows directly in the database, the way someone with access to it could."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from commands.settings import Settings
from streams.database import Database
from streams.ledger.signing import new_signing_key, public_key_of

ROOT = Path(__file__).resolve().parents[2]
SIGNING_KEY = new_signing_key()
PUBLIC_KEY = public_key_of(SIGNING_KEY)


def with_digest_key(settings: Settings) -> Settings:
    return settings.model_copy(update={"digest_signing_key": SecretStr(SIGNING_KEY)})


def _table(settings: Settings) -> tuple[str, str]:
    """The event table and its position column: eventsourcing's, per backend."""
    return ("certificates_events", "notification_id") if settings.is_production \
        else ("stored_events", "rowid")


def flip_one_byte(settings: Settings, position: int) -> None:
    table, column = _table(settings)
    with Database(settings).transaction() as tx:
        state = bytearray(tx.execute(f"SELECT state FROM {table} WHERE {column} = ?",
                                     (position,))[0][0])
        state[len(state) // 2] ^= 0x01
        tx.execute(f"UPDATE {table} SET state = ? WHERE {column} = ?", (bytes(state), position))


def delete_row(settings: Settings, position: int) -> None:
    table, column = _table(settings)
    with Database(settings).transaction() as tx:
        tx.execute(f"DELETE FROM {table} WHERE {column} = ?", (position,))


def swap_rows(settings: Settings, first: int, second: int) -> None:
    """The two rows trade places in the log (each takes the other's position)."""
    table, column = _table(settings)
    with Database(settings).transaction() as tx:
        for old, new in ((first, -1), (second, first), (-1, second)):
            tx.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (new, old))


def positions_of(app: Any, aggregate_id: Any) -> list[int]:
    """The log positions of one aggregate's stored events."""
    return [n.id for n in app.recorder.select_notifications(1, 10_000)
            if n.originator_id == aggregate_id]


def intyg(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """The ``intyg`` command line in a subprocess, with exactly this environment."""
    return subprocess.run([sys.executable, "-m", "api.cli.main", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def bare_env() -> dict[str, str]:
    """An environment with no INTYG_ setting at all: no database, no broker, no key."""
    return {k: v for k, v in os.environ.items() if not k.startswith("INTYG_")}


def findings_of(output: str) -> list[dict[str, Any]]:
    """The finding lines ``intyg verify`` printed (the last line is its summary)."""
    return [json.loads(line) for line in output.splitlines()[:-1]]
