"""The patients' data keys in the event store's database, on SQLite and PostgreSQL (issue 12,
deliverable 1): made on first need, stored only wrapped and under the blind index, destroyed
for good by ``forget``, rewrapped by a master-key rotation."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from domain.access.entry import patient_index
from streams.database import Database
from streams.schemas import HISTORY_KEYS, to_wire
from streams.sealing.envelope import WrongMasterKeyError
from streams.sealing.fields import still_sealed
from streams.sealing.keys import DataKeys
from streams.sealing.opener import Opener
from streams.sealing.sealer import Sealer
from tests.integration.kafka_support import own_store

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
GOLDEN_DIR = Path(__file__).parents[1] / "golden"


def _index() -> str:
    return os.urandom(32).hex()


@pytest.fixture(params=["sqlite", "postgres"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """The store's database, its own schema on PostgreSQL (one master key per store)."""
    with own_store(request.param, tmp_path) as settings:
        yield Database(settings)


def test_a_data_key_is_made_once_and_kept_only_wrapped_when_first_needed(db: Database):
    master, patient = os.urandom(32), _index()
    keys = DataKeys(db, master)
    made = keys.ensure([patient], NOW)[patient]
    assert made is not None and len(made) == 32
    assert DataKeys(db, master).ensure([patient], NOW) == {patient: made}
    with db.transaction() as tx:
        rows = tx.execute("SELECT wrapped, master_key FROM patient_data_keys "
                          "WHERE patient_index = ?", (patient,))
    assert len(rows) == 1 and made.hex() not in rows[0][0] and rows[0][1] == keys.master_id


def test_a_forgotten_patients_key_is_gone_and_never_made_again_when_forgotten(db: Database):
    keys, patient, other = DataKeys(db, os.urandom(32)), _index(), _index()
    keys.ensure([patient, other], NOW)
    assert keys.forget(patient, NOW) is True
    assert keys.forget(patient, NOW) is False
    assert keys.load([patient, other])[patient] is None
    assert keys.ensure([patient], NOW) == {patient: None}
    assert keys.load([other])[other] is not None
    with db.transaction() as tx:
        rows = tx.execute("SELECT wrapped, forgotten_at FROM patient_data_keys "
                          "WHERE patient_index = ?", (patient,))
    assert rows[0][0] is None and rows[0][1]


def test_every_data_key_opens_under_the_new_master_only_when_the_master_key_is_rotated(
        db: Database):
    old, new, patient = os.urandom(32), os.urandom(32), _index()
    made = DataKeys(db, old).ensure([patient], NOW)[patient]
    assert DataKeys(db, old).rotate(new) >= 1
    assert DataKeys(db, new).load([patient]) == {patient: made}
    with pytest.raises(WrongMasterKeyError) as refused:
        DataKeys(db, old).load([patient])
    assert made.hex() not in str(refused.value)
    assert DataKeys(db, new).rotate(new) == 0  # a second run finds nothing to do


def test_a_forgotten_patients_later_message_never_opens_when_the_relay_seals_it(db: Database):
    """An event of a forgotten patient published after the forget (stored before it and not
    yet relayed, or re-sent) is sealed under a throwaway key: same shape, never opens, and
    readers get the forgotten values."""
    old = json.loads((GOLDEN_DIR / "DraftEdited.v1.json").read_text())
    message = to_wire({key: old[key] for key in HISTORY_KEYS})
    personnummer = "191212121212"
    keys = DataKeys(db, os.urandom(32))
    index = patient_index(personnummer, "index-key")
    sealer = Sealer(keys, "index-key", lambda certificate: personnummer)
    keys.forget(index, NOW)
    [sealed] = sealer.seal_all([message], NOW)
    assert still_sealed(sealed) == ["content"]
    assert sealed["data"]["content"]["funktionsnedsattning"]["key_ref"] == index
    assert "Lumbago" not in json.dumps(sealed, ensure_ascii=False)
    [opened] = Opener(keys).open_all([sealed])
    assert isinstance(opened, dict) and "Lumbago" not in json.dumps(opened, ensure_ascii=False)
    assert "funktionsnedsattning" not in opened["data"]["content"]
