"""Intygsstatistik after ``intyg forget`` (DOMAIN.md section 8; issue 12): a forgotten patient
is counted exactly as before, from the facts a version 3 message carries clear."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from domain.access.entry import patient_index
from projections.base import FOLD_VERSION
from projections.document import fold
from projections.statistik.view import StatistikView
from streams.database import Transaction
from streams.schemas import parse_wire
from streams.sealing.fields import open_message

KEY, INDEX_KEY, PNR = "a-key-for-the-tests-only", "an-index-key", "191212121212"
GOLDEN_DIR = Path(__file__).parents[2] / "golden"
GOLDEN_KEYS = {"9" * 64: bytes(range(32))}  # tests/golden/regenerate.py seals under these


def _kept(view: StatistikView, patient: dict[str, Any]) -> dict[str, Any]:
    doc = {"type": "lisjp", "patient": patient, "content": {"facts": {}}}
    return dict(view.keep(doc)["patient"])


def test_a_forgotten_patient_keeps_pseudonym_sex_and_age_when_the_facts_are_clear():
    """A version 3 message publishes the age (docs/sealing.md): the view keeps that number,
    opened or forgotten, and no birth date."""
    view = StatistikView(KEY, INDEX_KEY)
    known = _kept(view, {"personnummer": PNR, "name": "Tolvan", "test_indicated": False,
                         "age": 113})
    forgotten = _kept(view, {"personnummer": "", "name": "", "test_indicated": False,
                             "index": patient_index(PNR, INDEX_KEY), "sex": "M", "age": 113})
    assert forgotten == known
    assert PNR not in str(known)
    assert "birth_date" not in known and known["age"] == 113


def test_a_version_1_or_2_patient_keeps_the_birth_date_when_no_age_is_published():
    """Messages before version 3 carry no age: the view counts it from the personnummer."""
    view = StatistikView(KEY, INDEX_KEY)
    kept = _kept(view, {"personnummer": PNR, "name": "Tolvan", "test_indicated": False})
    assert (kept["birth_date"], "age" in kept) == ("1912-12-12", False)


def test_a_forgotten_patient_is_left_out_when_the_message_had_no_clear_facts():
    """A version 2 message (the content sealed whole) names nothing the statistics can use."""
    view = StatistikView(KEY, INDEX_KEY)
    assert _kept(view, {"personnummer": "", "name": ""}) == {"forgotten": True}


def test_a_statistics_view_of_earlier_pseudonyms_is_outdated_when_its_consumer_starts():
    """Its pseudonyms were made of the personnummer: dropped and replayed, never mixed."""
    tx = Transaction(sqlite3.connect(":memory:", isolation_level=None), is_postgres=False)
    view = StatistikView(KEY, INDEX_KEY)
    view.setup(tx)
    assert not view.outdated(tx)
    tx.execute("UPDATE view_fold_version SET version = ? WHERE view = ?",
               (FOLD_VERSION, view.table))
    assert view.outdated(tx)


def _golden(name: str, **data: Any) -> Any:
    """A golden version 3 message as a reader with key access parses it."""
    value = json.loads((GOLDEN_DIR / f"{name}.json").read_text())
    value["data"] |= data
    return parse_wire(open_message(value, GOLDEN_KEYS))


def test_an_edited_drafts_published_age_replaces_the_created_ones_when_folded():
    """The age belongs to the content: a DraftEdited's ``patient_age`` (its new periods) is
    what the view counts, the personnummer opened or not."""
    view = StatistikView(KEY, INDEX_KEY)
    doc = view.keep(fold(None, _golden("DraftCreated.v3")))
    assert doc["patient"]["age"] == 113 and "birth_date" not in doc["patient"]
    doc = view.keep(fold(doc, _golden("DraftEdited.v3", patient_age=114)))
    assert doc["patient"]["age"] == 114
    assert doc["patient"]["pseudonym"] == view.keep(
        fold(None, _golden("DraftCreated.v3")))["patient"]["pseudonym"]
