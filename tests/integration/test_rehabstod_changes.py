"""Each write of a unit's Rehabstöd rows records its change (``projections.unit_changes``): a
reader that computed at one token of the unit follows the changes to the token now and reads
only the rows written since (issue 17, deliverable 2), on SQLite and on PostgreSQL. When the
changes do not lead there it is told so, and reads the window's revisions as before."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from commands.certificates import Certificates
from commands.settings import Settings
from domain.shared.care import Staff
from domain.shared.patient import Patient
from projections import unit_changes
from projections.rehabstod import RehabstodView
from projections.sick_leave_timelines import UnitRows, unit_revision
from streams.consumed import log_page
from streams.consumer import apply_batch, prepare
from streams.database import Database
from streams.sealing.view_seal import view_seal
from tests.factories import care_unit, patient, staff_at
from tests.flows import signed

View = tuple[Database, RehabstodView]


@pytest.fixture
def view(store_settings: Settings) -> Iterator[View]:
    db = Database(store_settings)
    found = RehabstodView(view_seal(store_settings, db))
    prepare(db, found)
    yield db, found
    db.close()


class Unit:
    """One unit's certificates, written to the view as the projection writes them."""

    def __init__(self, view: View, app: Certificates) -> None:
        self.db, self.view, self.app = *view, app
        self.unit, self.at = care_unit(), 0
        self.doctor: Staff = staff_at(self.unit)
        self.today: date = app.clock().date()

    def sign(self, who: Patient, starting_in: int = 0) -> str | None:
        """A certificate for ``who`` signed and fed to the view; the unit's token after."""
        start = self.today + timedelta(days=starting_in)
        signed(self.app, self.unit, self.doctor, who, sjukskrivningar=[{
            "sjukskrivningsgrad": "HELT_NEDSATT", "period": {
                "from": start.isoformat(), "tom": (start + timedelta(days=6)).isoformat()}}],
            arbetstidsforlaggning=None)
        page = log_page(self.app, self.at, 10_000)
        with self.db.transaction() as tx:
            apply_batch(tx, self.view, page.items)
        self.at = self.app.recorder.max_notification_id() or 0
        return self.token()

    def token(self) -> str | None:
        with self.db.reading() as tx:
            return unit_revision(tx, self.unit.hsa_id)

    def revisions(self) -> set[str]:
        with self.db.reading() as tx:
            return set(self.rows(tx).revisions())

    def rows(self, tx: object, tokens: tuple[str | None, str | None] | None = None) -> UnitRows:
        return UnitRows(tx, self.view.seal, self.unit.hsa_id, self.today, 0, tokens)  # type: ignore[arg-type]

    def changed(self, since: str | None, now: str | None,
                ) -> tuple[set[str], list[tuple[str, str, str]]] | None:
        with self.db.reading() as tx:
            return self.rows(tx, (since, now)).changed()


@pytest.fixture
def unit(view: View, certificates: Certificates) -> Unit:
    return Unit(view, certificates)


def test_the_changes_since_a_token_end_a_rewritten_rows_revision_and_give_its_new_row(unit: Unit):
    renewed, unchanged = patient(), patient()
    unit.sign(renewed)
    token = unit.sign(unchanged)
    before = unit.revisions()
    now = unit.sign(renewed, starting_in=7)
    after = unit.revisions()
    found = unit.changed(token, now)
    assert found is not None
    ended, written = found
    assert ended == before - after and len(ended) == 1
    assert [row[0] for row in written] == list(after - before)
    with unit.db.reading() as tx:
        [opened] = unit.rows(tx).opened(written)
    assert opened is not None and opened[0] == renewed.personnummer


def test_the_changes_are_followed_over_several_writes_and_the_first_write_of_a_unit(unit: Unit):
    first = patient()
    now = None
    for _ in range(3):
        now = unit.sign(first if now is None else patient())
    found = unit.changed(None, now)  # the unit had no token before its first write
    assert found is not None
    assert {row[0] for row in found[1]} == unit.revisions()
    assert unit.changed(now, now) == (set(), [])


def test_a_row_written_twice_since_is_given_once_and_its_middle_revision_ended(unit: Unit):
    again = patient()
    token = unit.sign(patient())
    unit.sign(again)
    middle = unit.revisions()
    now = unit.sign(again, starting_in=7)
    found = unit.changed(token, now)
    assert found is not None
    ended, written = found
    assert [row[0] for row in written] == list(unit.revisions() - middle)
    assert middle - unit.revisions() <= ended


def test_a_row_outside_the_days_window_is_ended_but_not_given(unit: Unit):
    later = patient()
    token = unit.sign(patient())
    now = unit.sign(later, starting_in=30)  # not yet current: outside today's window
    found = unit.changed(token, now)
    assert found is not None and found[1] == [] and found[0] == set()


def test_a_token_older_than_the_changes_kept_is_not_followed(unit: Unit):
    oldest = unit.sign(patient())
    for _ in range(unit_changes.KEPT):
        now = unit.sign(patient())
    assert unit.changed(oldest, now) is not None  # the change from it is the oldest kept
    now = unit.sign(patient())
    assert unit.changed(oldest, now) is None
    assert unit.changed(None, now) is None


def test_a_row_rewritten_after_the_token_now_was_read_makes_the_changes_unusable(unit: Unit):
    again = patient()
    token = unit.sign(patient())
    now = unit.sign(again)
    unit.sign(again, starting_in=7)  # after the reader read ``now``
    assert unit.changed(token, now) is None


def test_a_view_without_its_changes_table_yet_answers_none(unit: Unit):
    token = unit.sign(patient())
    now = unit.sign(patient())
    with unit.db.transaction() as tx:
        unit_changes.drop(tx)
    assert unit.changed(token, now) is None
    with unit.db.reading() as tx:  # and the connection reads on
        assert len(unit.rows(tx).revisions()) == 2
