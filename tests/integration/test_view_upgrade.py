"""A view whose tables have another shape than the code writes (after an upgrade) is dropped
and replayed from the beginning when its consumer starts, instead of failing on every batch."""

from __future__ import annotations

from pathlib import Path

from commands.settings import Settings
from projections.base import DocumentView
from projections.rehabstod import RehabstodView
from projections.webcert import WebcertView
from streams.consumer import positions, prepare
from streams.database import Database


def assert_replayed_from_an_older_shape(tmp_path: Path, view: DocumentView,
                                        old_columns: str, old_row: str) -> None:
    """The view's table made with ``old_columns`` and one row: its consumer starting drops it
    (and its position) to replay it in the current shape."""
    db = Database(Settings(mode="embedded", data_dir=tmp_path))
    prepare(db, view)
    with db.transaction() as tx:
        view.drop(tx)
        tx.execute(f"CREATE TABLE {view.table} (id TEXT PRIMARY KEY, {old_columns})")
        tx.execute(f"INSERT INTO {view.table} VALUES ('old', {old_row})")
        tx.execute(f"INSERT INTO consumer_position VALUES ('{view.name}', 'log', 0, 42)")
        assert view.outdated(tx)
    prepare(db, view)
    with db.transaction() as tx:
        assert not view.outdated(tx)
        assert tx.execute(f"SELECT COUNT(*) FROM {view.table}")[0][0] == 0
    assert positions(db, view.name, "log") == {}


def test_an_outdated_view_is_dropped_and_its_positions_forgotten(tmp_path: Path):
    assert_replayed_from_an_older_shape(tmp_path, WebcertView(), "care_unit TEXT, doc TEXT",
                                        "'unit', '{}'")


def test_a_current_view_keeps_its_rows_and_positions(tmp_path: Path):
    db = Database(Settings(mode="embedded", data_dir=tmp_path))
    view = WebcertView()
    prepare(db, view)
    with db.transaction() as tx:
        tx.execute("INSERT INTO consumer_position VALUES ('webcert', 'log', 0, 42)")
    prepare(db, view)
    assert positions(db, "webcert", "log") == {0: 42}


def test_a_view_written_by_an_earlier_fold_is_rebuilt_when_its_columns_are_unchanged(
        tmp_path: Path):
    """Same columns, other meaning (e.g. statuses once oldest first): the fold version differs,
    so the view is dropped and replayed rather than served with documents of the old fold."""
    restarted_after(tmp_path, WebcertView(),
                    "UPDATE view_fold_version SET version = 1 WHERE view = 'webcert'")


def test_a_view_from_before_fold_versions_is_rebuilt_when_it_has_rows(tmp_path: Path):
    db = Database(Settings(mode="embedded", data_dir=tmp_path))
    view = WebcertView()
    prepare(db, view)
    with db.transaction() as tx:
        tx.execute("DROP TABLE view_fold_version")
        tx.execute("INSERT INTO consumer_position VALUES ('webcert', 'log', 0, 42)")
    prepare(db, view)
    assert positions(db, "webcert", "log") == {}


def test_a_rehabstod_view_without_the_engine_input_is_rebuilt_when_its_consumer_starts(
        tmp_path: Path):
    """The rehabstod view once kept only the documents; rows without the ready engine input
    (column ``engine``) would be read as no certificate at all, so such a view is replayed."""
    assert_replayed_from_an_older_shape(
        tmp_path, RehabstodView(),
        "care_unit TEXT, care_giver TEXT, personnummer TEXT, signer TEXT, start_date TEXT, "
        "end_date TEXT, doc TEXT NOT NULL",
        "'unit', 'giver', 'pnr', 'doctor', '2026-03-01', '2026-03-10', '{}'")


def test_a_rehabstod_view_without_the_patients_timelines_is_rebuilt_when_its_consumer_starts(
        tmp_path: Path):
    """A rehabstod view written before the patients' timelines (``rehabstod_patients``) has
    its certificates' rows in the current shape but no timeline: the overview would list no
    patient, so the view is dropped and replayed, and comes back with the timelines' table."""
    db = restarted_after(tmp_path, RehabstodView(), "DROP TABLE rehabstod_patients")
    with db.transaction() as tx:
        assert tx.execute("SELECT COUNT(*) FROM rehabstod_patients")[0][0] == 0


def restarted_after(tmp_path: Path, view: DocumentView, *changes: str) -> Database:
    """A current view with a position, changed by the SQL ``changes`` into an outdated one:
    its consumer starting again drops and replays it (no position left) in the current shape."""
    db = Database(Settings(mode="embedded", data_dir=tmp_path))
    prepare(db, view)
    with db.transaction() as tx:
        tx.execute(f"INSERT INTO consumer_position VALUES ('{view.name}', 'log', 0, 42)")
        for change in changes:
            tx.execute(change)
        assert view.outdated(tx)
    prepare(db, view)
    with db.transaction() as tx:
        assert not view.outdated(tx)
    assert positions(db, view.name, "log") == {}
    return db
