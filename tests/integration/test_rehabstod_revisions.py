"""Rehabstöd's patient timelines (DOMAIN.md §7) carry a revision that each write of a row
replaces, so the overview reads the revisions of a unit's rows and only the rows of revisions it
has not seen (issue 17, deliverable 2), on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from commands.certificates import Certificates
from commands.settings import Settings
from projections.rehabstod import RehabstodView
from projections.sick_leave_timelines import UnitRows, rows_of
from streams.consumed import log_page
from streams.consumer import apply_batch, prepare
from streams.database import Database
from streams.sealing.view_seal import view_seal
from tests.factories import care_unit, patient, staff_at
from tests.flows import signed


@pytest.fixture
def view(store_settings: Settings) -> Iterator[tuple[Database, RehabstodView]]:
    db = Database(store_settings)
    found = RehabstodView(view_seal(store_settings, db))
    prepare(db, found)
    yield db, found
    db.close()


def caught_up(db: Database, view: RehabstodView, app: Certificates, after: int) -> int:
    """The view fed every message after position ``after``; the last position."""
    page = log_page(app, after, 10_000)
    with db.transaction() as tx:
        apply_batch(tx, view, page.items)
    return app.recorder.max_notification_id() or 0


def test_a_rewritten_row_has_a_new_revision_and_its_old_one_reads_nothing(
        view: tuple[Database, RehabstodView], certificates: Certificates):
    db, rehabstod = view
    unit = care_unit()
    doctor, renewed, unchanged = staff_at(unit), patient(), patient()
    signed(certificates, unit, doctor, renewed)
    signed(certificates, unit, doctor, unchanged)
    at = caught_up(db, rehabstod, certificates, 0)
    today = certificates.clock().date()
    with db.transaction() as tx:
        before = set(UnitRows(tx, rehabstod.seal, unit.hsa_id, today, 0).revisions())
    start = today + timedelta(days=14)
    signed(certificates, unit, doctor, renewed, sjukskrivningar=[{
        "sjukskrivningsgrad": "HELT_NEDSATT",
        "period": {"from": start.isoformat(), "tom": (start + timedelta(days=6)).isoformat()}}],
        arbetstidsforlaggning=None)
    caught_up(db, rehabstod, certificates, at)
    with db.transaction() as tx:
        rows = UnitRows(tx, rehabstod.seal, unit.hsa_id, today, 0)
        after = set(rows.revisions())
        [new] = after - before
        [kept] = after & before
        [gone] = before - after
        assert rows_of(tx, unit.hsa_id, [gone]) == []
        [(revision, *_)] = rows_of(tx, unit.hsa_id, [new])
        [opened] = rows.opened(rows.of([new]))
    assert revision == new != kept
    assert opened is not None and opened[0] == renewed.personnummer
