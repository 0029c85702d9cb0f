"""The views drop what they were given before by the aggregate versions their documents hold
(a certificate's, and each of its conversations' own), keep no row per event, and store each
document once (issue "Throughput", deliverable 3)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from projections.base import DocumentView
from projections.registry import build_views
from streams.consumed import log_page
from streams.consumer import apply_batch, prepare
from streams.database import Database
from streams.sealing.view_seal import view_seal
from tests.factories import FakeClock
from tests.factories.contract_tour import tour
from tests.type_examples import TODAY


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Certificates, Database, dict[str, DocumentView]]]:
    settings = Settings(mode="embedded", data_dir=tmp_path)
    clock = FakeClock(TODAY)
    app = Certificates(eventsourcing_env(settings), clock=clock)
    tour(app, clock)  # every type, a whole conversation, discarded and locked drafts
    db = Database(settings)
    views = build_views(settings, view_seal(settings, db))
    for view in views.values():
        prepare(db, view)
    yield app, db, views
    app.close()


def every_message(app: Certificates) -> list[tuple[Any, str]]:
    page = log_page(app, 0, 100_000)
    assert page.unknown is None
    return page.items


def dumps(db: Database, views: dict[str, DocumentView]) -> dict[str, Any]:
    with db.transaction() as tx:
        return {name: (view.dump(tx), tx.execute(f"SELECT * FROM {view.table}_docs ORDER BY id"))
                for name, view in views.items()}


def test_every_message_given_again_changes_no_view_and_leaves_no_row_per_event(world):
    """A relay that crashed between sending and recording sends again (ARCHITECTURE.md
    invariant 6): each view drops the copies by the versions it holds, conversation events
    (their own aggregate, under the certificate's key) included."""
    app, db, views = world
    items = every_message(app)
    assert any(str(m.id) != str(getattr(m.data, "certificate_id", m.id)) for m, _ in items)
    with db.transaction() as tx:
        for view in views.values():
            assert apply_batch(tx, view, items) == 0
    once = dumps(db, views)
    again = items[len(items) // 2:] + items
    with db.transaction() as tx:
        for view in views.values():
            assert apply_batch(tx, view, again) == len(again)
        assert tx.execute("SELECT COUNT(*) FROM consumer_seen")[0][0] == 0
    assert dumps(db, views) == once


def test_a_copy_within_one_batch_is_dropped_too(world):
    """Each message twice in a row in one batch: the second is dropped, the views are as if
    each came once."""
    app, db, views = world
    items = every_message(app)
    with db.transaction() as tx:
        for view in views.values():
            apply_batch(tx, view, items)
    once = dumps(db, views)
    for view in views.values():
        with db.transaction() as tx:
            view.drop(tx)
        prepare(db, view)
    doubled = [item for pair in zip(items, items, strict=True) for item in pair]
    with db.transaction() as tx:
        for view in views.values():
            assert apply_batch(tx, view, doubled) == len(items)
    assert dumps(db, views) == once


def test_each_document_is_stored_once_listed_or_not(world):
    """A listed certificate's document is in its row only; one the view does not list (a
    discarded draft in Webcert, a draft in Mina intyg) only in ``{table}_docs``."""
    app, db, views = world
    messages = every_message(app)  # read before the write: the log opens with the data keys
    with db.transaction() as tx:
        for view in views.values():
            apply_batch(tx, view, messages)
        for name, view in views.items():
            listed = {row[0] for row in tx.execute(f"SELECT id FROM {view.table}")}
            unlisted = {row[0] for row in tx.execute(f"SELECT id FROM {view.table}_docs")}
            assert listed and unlisted, name
            assert not listed & unlisted, name
