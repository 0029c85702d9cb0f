"""The patient's published age (schema version 3, docs/sealing.md) is for Intygsstatistik:
the views that seal patient data (Webcert, Mina intyg, Rehabstöd) keep it sealed with the
personnummer, and a forgotten patient's document opens without it."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from commands.settings import Settings
from projections.sealing import open_docs, seal_docs
from streams.database import Database
from streams.sealing.keys import DataKeys
from streams.sealing.view_seal import ViewSeal

PNR = "191212121212"
DOC = {"id": "cert-1", "state": "SIGNED", "content": {"diagnoser": [{"kod": "M544"}]},
       "patient": {"personnummer": PNR, "name": "Tolvan Tolvansson", "age": 113,
                   "test_indicated": False}}


def test_a_views_document_rests_without_the_age_in_clear_when_sealed(tmp_path: Path):
    db = Database(Settings(mode="embedded", data_dir=tmp_path))
    seal = ViewSeal(DataKeys(db, os.urandom(32)), "an-index-key")
    with db.transaction() as tx:
        [resting] = seal_docs(tx, seal, [DOC])
        assert "age" not in resting["patient"] and set(resting["patient"]) == {"test_indicated"}
        [opened] = open_docs(tx, seal, [resting])
    assert opened["patient"] == DOC["patient"]
    seal.keys.forget(seal.index(PNR), datetime.now(UTC))
    with db.transaction() as tx:
        [forgotten] = open_docs(tx, seal, [resting])
    assert forgotten["patient"] == {"personnummer": "", "name": "", "test_indicated": False}
