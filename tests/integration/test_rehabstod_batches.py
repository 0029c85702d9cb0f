"""Rehabstöd's patient timelines (DOMAIN.md §7) do not depend on how the messages were cut into
batches: a batch takes the engine inputs of the rows it writes as it made them, and opens the
stored ones of the patient's earlier certificates (those of other units left out)."""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from projections.rehabstod import RehabstodView
from projections.sick_leave_timelines import all_unit_timelines
from streams.consumed import log_page
from streams.consumer import apply_batch, prepare
from streams.database import Database
from streams.sealing.view_seal import view_seal
from tests.factories import FakeClock, care_unit, patient, staff_at
from tests.flows import signed
from tests.type_examples import TODAY


def _timelines(tmp_path: Path, name: str, batches: list[list[Any]], unit: str) -> list[Any]:
    settings = Settings(mode="embedded", data_dir=tmp_path / name)
    db = Database(settings)
    seal = view_seal(settings, db)
    view = RehabstodView(seal)
    prepare(db, view)
    for batch in batches:
        with db.transaction() as tx:
            apply_batch(tx, view, batch)
    with db.transaction() as tx:
        return sorted(all_unit_timelines(tx, seal, unit))


def test_a_patients_timeline_is_the_same_fed_in_one_batch_or_one_message_at_a_time(tmp_path):
    clock = FakeClock(datetime.combine(TODAY, time(9), UTC))
    app = Certificates(eventsourcing_env(Settings(mode="embedded", data_dir=tmp_path / "app")),
                       clock=clock)
    unit, other_unit = care_unit(), care_unit()
    doctor, who = staff_at(unit), patient()
    try:
        for _ in range(3):  # two weeks each from the day signed, three weeks apart
            signed(app, unit, doctor, who)
            clock.advance(weeks=3)
        signed(app, other_unit, staff_at(other_unit), who)
        page = log_page(app, 0, 10_000)
    finally:
        app.close()
    items = page.items
    at_once = _timelines(tmp_path, "at-once", [items], unit.hsa_id)
    one_by_one = _timelines(tmp_path, "one-by-one", [[item] for item in items], unit.hsa_id)
    assert len(at_once) == 1 and len(at_once[0].entries) == 3
    assert one_by_one == at_once
