"""The Investigation replays from the event store to the same facts, and a reader folding its
events (as a read model folds published ones) reaches the same facts: one meaning per event."""

from __future__ import annotations

from datetime import date

from eventsourcing.application import Application

from domain.orders.fmu import fold
from domain.orders.fmu.codes import Actor, CausedBy, PaymentIdKind
from domain.orders.fmu.status import resolve_status
from tests.factories import fmu


def _full_case():
    inv = fmu.complement_requested()
    inv.receive_complement_questions(received_on=date(2026, 4, 29), unit=fmu.UNIT,
                                     now=fmu.at(date(2026, 4, 29)), by=fmu.VARDADMIN)
    inv.record_payment_id(kind=PaymentIdKind.FAKTURA_VE_ID, value="F-1", actor=Actor.VARDADMIN,
                          acting_for=fmu.UNIT, now=fmu.at(date(2026, 4, 29)), by=fmu.VARDADMIN)
    return inv


def test_an_investigation_reloads_with_the_same_facts_when_saved_and_read_back():
    app = Application()
    inv = _full_case()
    events = fmu.history(inv)
    app.save(inv)
    back = app.repository.get(inv.id)
    assert back.facts == inv.facts
    assert back.version == len(events)
    assert resolve_status(back.facts, date(2026, 4, 29)).value == (
        "KOMPLETTERANDE_FRAGESTALLNING_MOTTAGEN")


def test_folding_the_events_gives_the_aggregates_facts_when_read_outside_it():
    inv = fmu.with_visit(date(2026, 3, 2), date(2026, 4, 24), fmu.at(date(2026, 3, 16)),
                         date(2026, 3, 4))
    inv.receive_deviation(visit_id="v1", deviation_id="d1", caused_by=CausedBy.PATIENT,
                          deviation_at=fmu.at(date(2026, 3, 16)), citizen_failed_to_arrive=True,
                          now=fmu.at(date(2026, 3, 16)), by=fmu.FK_SYSTEM)
    facts = None
    for name, data in fmu.history(inv):
        facts = fold.apply(facts, name, dict(data))
    assert facts == inv.facts
