"""The FMU investigations' view keeps the citizen and the comments sealed (issue 12 leftovers;
docs/sealing.md): a comment written before the citizen is named rests under the
investigation's own key until the citizen is recorded, then under the citizen's; forgetting
the citizen leaves the lists working, the citizen and comments unreadable. On the real stores
(SQLite file and PostgreSQL)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from api.runtime.investigations import InvestigationLists
from commands.investigations import Investigations
from domain.access.entry import patient_index
from domain.orders.fmu.codes import Answer, AssessmentKind
from projections.investigations import facts_of
from streams.sealing.keys import DataKeys
from tests.factories import START, fmu, personnummer

ANSWER = "Vi kan ta utredningen, Stina Stråle har lediga tider"
UPDATE = "Medborgaren Olle Ostronsson har flyttat"


@pytest.fixture
def lists(store_settings: Any, certificates: Any, clock: Any) -> Iterator[InvestigationLists]:
    found = InvestigationLists(store_settings, certificates, clock)
    yield found
    found.close()


def _dump(lists: InvestigationLists) -> str:
    with lists.db.transaction() as tx:
        return repr([row for table in ("fmu_investigations", "fmu_investigation_steps")
                     for row in tx.execute(f"SELECT * FROM {table}")])


def _investigated(certificates: Any, clock: Any, lists: InvestigationLists,
                  citizen: str | None) -> Any:
    """An AFU request answered with a comment and assigned; with ``citizen``, ordered for
    that citizen and updated with a comment. The view caught up."""
    who = fmu.callers()
    investigations = Investigations(certificates, clock=clock)
    made = investigations.receive_request(who["fk"], kind=AssessmentKind.AFU,
                                          landsting=fmu.LANDSTING, fk_answer_by=date(2026, 11, 4))
    investigations.ask_units(made.id, who["samordnare"], [fmu.UNIT])
    investigations.answer_request(made.id, who["vardadmin"], Answer.ACCEPTERA, ANSWER,
                                  fmu.performer(date(2026, 11, 2)))
    investigations.assign(made.id, who["samordnare"], fmu.UNIT)
    if citizen is not None:
        investigations.receive_order(made.id, who["fk"], fmu.UNIT, date(2026, 12, 11), True,
                                     False, citizen=citizen)
        investigations.update_order(made.id, who["fk"], None, True, UPDATE, None, None)
    lists.catch_up()
    return made.id


def test_a_comment_rests_sealed_under_the_investigations_key_before_a_citizen_is_named(
        lists: InvestigationLists, certificates: Any, clock: Any) -> None:
    """Hardening item 1 (issue 12 leftovers): sealed from the first step on."""
    _investigated(certificates, clock, lists, None)
    assert "Stina" not in _dump(lists)


def test_the_citizen_and_comments_rest_sealed_and_fold_for_a_read_when_the_key_lives(
        lists: InvestigationLists, certificates: Any, clock: Any, store_settings: Any) -> None:
    """Hardening item 1 (issue 12 leftovers); ARCHITECTURE.md invariant 8: the view folds
    the facts the aggregate folds, while nothing of the citizen rests in clear."""
    citizen = personnummer()
    inv_id = _investigated(certificates, clock, lists, citizen)
    with lists.db.transaction() as tx:
        folded = facts_of(tx, lists.view.seal, [str(inv_id)])[str(inv_id)]
    assert folded == certificates.repository.get(inv_id).facts
    assert folded.citizen == citizen
    rested = _dump(lists)
    for secret in (citizen, citizen[2:], "Stina", "Ostronsson"):
        assert secret not in rested
    assert patient_index(citizen, store_settings.patient_index_secret) in rested


def test_forgetting_the_citizen_empties_the_citizen_and_moves_no_comment_back_to_clear(
        lists: InvestigationLists, certificates: Any, clock: Any, store_settings: Any) -> None:
    """Hardening item 1 (issue 12 leftovers): the comment written before the citizen was
    named went under the citizen's key too, so one destroyed key covers every value."""
    citizen = personnummer()
    index = patient_index(citizen, store_settings.patient_index_secret)
    inv_id = _investigated(certificates, clock, lists, citizen)
    with lists.db.transaction() as tx:
        rows = tx.execute("SELECT step, sealed FROM fmu_investigation_steps WHERE "
                          "investigation_id = ? AND sealed <> '' ORDER BY version", (str(inv_id),))
    assert [(step, json.loads(sealed)["key_ref"]) for step, sealed in rows] == [
        ("UnitAnswered", index), ("CitizenRecorded", index), ("OrderUpdated", index)]
    DataKeys(lists.db, store_settings.master_key_bytes).forget(index, START)
    with lists.db.transaction() as tx:
        folded = facts_of(tx, lists.view.seal, [str(inv_id)])[str(inv_id)]
    assert folded.citizen == ""
    assert folded.assigned_unit == fmu.UNIT
