"""Intygsstatistik after ``intyg forget`` (DOMAIN.md section 8; issue 12): a forgotten patient
is counted exactly as before, from the facts a version 3 message carries clear."""

from __future__ import annotations

import sqlite3
from typing import Any

from domain.access.entry import patient_index
from projections.base import FOLD_VERSION
from projections.statistik.view import StatistikView
from streams.database import Transaction

KEY, INDEX_KEY, PNR = "a-key-for-the-tests-only", "an-index-key", "191212121212"


def _kept(view: StatistikView, patient: dict[str, Any]) -> dict[str, Any]:
    doc = {"type": "lisjp", "patient": patient, "content": {"facts": {}}}
    return dict(view.keep(doc)["patient"])


def test_a_forgotten_patient_keeps_pseudonym_sex_and_birth_date_when_the_facts_are_clear():
    view = StatistikView(KEY, INDEX_KEY)
    known = _kept(view, {"personnummer": PNR, "name": "Tolvan", "test_indicated": False})
    forgotten = _kept(view, {"personnummer": "", "name": "", "test_indicated": False,
                             "index": patient_index(PNR, INDEX_KEY), "sex": "M",
                             "birth_date": "1912-12-12"})
    assert forgotten == known
    assert PNR not in str(known)


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
