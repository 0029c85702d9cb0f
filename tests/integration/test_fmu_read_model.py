"""The FMU lists and timeline read from their read model (issue 14: "Lists use the read-model
runtime"; ARCHITECTURE.md invariant 6), on the real stores (SQLite file and PostgreSQL): the
view folds the facts the aggregate folds, overdue is computed when read, and a dropped view
rebuilt from the log lists the same. The clock starts Monday 2 November 2026 09:00 UTC. The
PostgreSQL store is shared by the session's tests: each looks at its own investigations."""

from __future__ import annotations

from datetime import date

import pytest

from api.runtime.investigations import InvestigationLists
from commands.investigation_views import Tab
from commands.investigations import Investigations
from domain.orders.fmu.codes import AssessmentKind
from domain.orders.fmu.errors import InvestigationNotFoundError
from projections.investigations import facts_of
from tests.factories import fmu, personnummer


@pytest.fixture
def lists(store_settings, certificates, clock):
    found = InvestigationLists(store_settings, certificates, clock)
    yield found
    found.close()


def _mine(items, *ids):
    return [item for item in items if item.id in ids]


def _asked(certificates, clock, who):
    """FK's AFU request (answer by Wednesday 4 November), the region's unit asked."""
    investigations = Investigations(certificates, clock=clock)
    made = investigations.receive_request(who["fk"], kind=AssessmentKind.AFU,
                                          landsting=fmu.LANDSTING,
                                          fk_answer_by=date(2026, 11, 4))
    investigations.ask_units(made.id, who["samordnare"], [fmu.UNIT])
    return made.id


def test_the_view_folds_the_facts_the_aggregate_folds_when_an_order_has_a_visit(
        lists, certificates, clock):
    """Hardening: issue 14; STYLE's one fold, ``fold.apply`` called by both."""
    who = fmu.callers()
    investigations = Investigations(certificates, clock=clock)
    inv_id = fmu.assigned_through(investigations, who)
    investigations.receive_order(inv_id, who["fk"], fmu.UNIT, date(2026, 12, 11), True, False,
                                 citizen=personnummer())
    investigations.book_visit(inv_id, who["vardadmin"],
                              fmu.booking("v1", fmu.at(date(2026, 11, 16)), date(2026, 11, 5)))
    lists.catch_up()
    with lists.db.transaction() as tx:
        folded = facts_of(tx, lists.view.seal, [str(inv_id)])[str(inv_id)]
    assert folded == certificates.repository.get(inv_id).facts
    steps = [s.step for s in lists.detail(inv_id, who["vardadmin"])[1]]
    assert steps == ["RequestReceived", "UnitsAsked", "UnitAnswered", "UnitAssigned",
                     "OrderReceived", "CitizenRecorded", "VisitBooked"]


def test_fks_answer_date_turns_overdue_without_an_event_when_the_list_is_read_later(
        lists, certificates, clock):
    """Hardening: issue 14; ORDERS.md §1.6: the answer to FK is overdue once its date passed,
    computed at reading from the stored date and today, never stored."""
    who = fmu.callers()
    inv_id = _asked(certificates, clock, who)
    [before] = _mine(lists.list_for(who["samordnare"], Tab.CURRENT, None), inv_id)
    assert (before.id, before.overdue) == (inv_id, False)
    clock.advance(days=3)  # Thursday 5 November: 4 November has passed, nothing stored since
    [after] = _mine(lists.list_for(who["samordnare"], Tab.CURRENT, None), inv_id)
    assert (after.id, after.overdue, after.summary.overdue.fk_answer_overdue) == \
        (inv_id, True, True)


def test_a_caller_of_another_region_learns_nothing_when_the_view_is_read(
        lists, certificates, clock):
    """Hardening: issue 14; ORDERS.md §1.2: another region's list is empty and the id is the
    unknown id's 404."""
    who, stranger = fmu.callers(), fmu.callers(unit=fmu.OTHER_UNIT)
    inv_id = _asked(certificates, clock, who)
    assert _mine(lists.list_for(stranger["vardadmin"], Tab.CURRENT, None), inv_id) == []
    with pytest.raises(InvestigationNotFoundError):
        lists.detail(inv_id, stranger["vardadmin"])


def test_a_dropped_view_lists_the_same_when_rebuilt_from_the_log(
        store_settings, lists, certificates, clock):
    """Hardening: issue 14; ARCHITECTURE.md invariant 6: read models are disposable."""
    who = fmu.callers()
    asked = _asked(certificates, clock, who)
    assigned = fmu.assigned_through(Investigations(certificates, clock=clock), who)
    first = lists.list_for(who["samordnare"], Tab.CURRENT, None)
    with lists.db.transaction() as tx:
        for table in ("fmu_investigations", "fmu_investigation_units",
                      "fmu_investigation_steps"):
            tx.execute(f"DROP TABLE {table}")
        tx.execute("DELETE FROM consumer_position WHERE consumer = ?", (lists.view.name,))
    rebuilt = InvestigationLists(store_settings, certificates, clock)
    try:
        assert rebuilt.list_for(who["samordnare"], Tab.CURRENT, None) == first
        assert [i.id for i in _mine(first, asked, assigned)] == [asked, assigned]
    finally:
        rebuilt.close()
