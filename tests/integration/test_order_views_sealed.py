"""The orders view keeps the ordered citizen sealed (issue 12 leftovers; docs/sealing.md):
the personnummer, the case reference and every timeline text rest under the citizen's data
key, the citizen named by blind index only; an authorised read opens them, and once the key
is destroyed they open to empty values. On PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from api.runtime.orders import OrdersRuntime
from commands.certificates import Certificates
from commands.orders import Orders
from commands.settings import Settings
from domain.access.entry import patient_index
from domain.orders.bestallning.status import Tab
from projections.orders import order_timeline, unit_orders
from streams.sealing.keys import DataKeys
from tests.factories import START, care_unit, personnummer, staff_at
from tests.factories.orders import order_request

ANSWER = "Vi tar emot beställningen om Kalle Kulas ryggvärk"
CASE = "AF-2026-4711"


@pytest.fixture
def runtime(settings: Settings, app: Certificates) -> Iterator[OrdersRuntime]:
    runtime = OrdersRuntime(settings, app, app.clock)
    yield runtime
    runtime.close()


def _dump(runtime: OrdersRuntime) -> str:
    """Every row of the view's tables, as text."""
    with runtime.db.transaction() as tx:
        rows = [row for table in ("orders", "orders_timeline", "orders_mail")
                for row in tx.execute(f"SELECT * FROM {table}")]
    return repr(rows)


def _ordered_and_answered(app: Certificates, who: str) -> tuple[Any, Any]:
    unit = care_unit()
    nurse = staff_at(unit)
    orders = Orders(app, app.clock)
    order_id = orders.create_order(order_request(unit, caseReference=CASE, citizen={
        "personnummer": who, "background": "Arbetssökande."}), "AF").id
    orders.view_order(order_id, nurse)
    orders.accept(order_id, nurse, ANSWER)
    return unit, order_id


def test_the_orders_view_rests_sealed_and_opens_for_a_read_when_the_key_lives(
        settings: Settings, app: Certificates, runtime: OrdersRuntime) -> None:
    """Hardening item 1 (issue 12 leftovers); ARCHITECTURE.md invariant 8."""
    who = personnummer()
    unit, order_id = _ordered_and_answered(app, who)
    listed = runtime.read(lambda tx: unit_orders(tx, runtime.view.seal, unit.hsa_id,
                                                 unit.care_giver_hsa_id, Tab.AKTUELLA,
                                                 START.date()))
    assert [(r["id"], r["personnummer"], r["case_reference"]) for r in listed] == [
        (str(order_id), who, CASE)]
    texts = runtime.read(lambda tx: order_timeline(tx, runtime.view.seal, str(order_id)))
    assert ANSWER in [line["text"] for line in texts]
    rested = _dump(runtime)
    for secret in (who, who[2:], CASE, "Kalle Kulas"):
        assert secret not in rested
    assert patient_index(who, settings.patient_index_secret) in rested


def test_a_forgotten_citizens_order_opens_to_empty_values_when_the_key_is_destroyed(
        settings: Settings, app: Certificates, runtime: OrdersRuntime) -> None:
    """Hardening item 1 (issue 12 leftovers): without a rebuild; ids and statuses stay."""
    who = personnummer()
    unit, order_id = _ordered_and_answered(app, who)
    runtime.catch_up()
    DataKeys(runtime.db, settings.master_key_bytes).forget(
        patient_index(who, settings.patient_index_secret), START)
    listed = runtime.read(lambda tx: unit_orders(tx, runtime.view.seal, unit.hsa_id,
                                                 unit.care_giver_hsa_id, Tab.AKTUELLA,
                                                 START.date()))
    assert [(r["id"], r["status"], r["personnummer"], r["case_reference"]) for r in listed] == [
        (str(order_id), "ACCEPTERAD", "", "")]
    texts = runtime.read(lambda tx: order_timeline(tx, runtime.view.seal, str(order_id)))
    assert [line["text"] for line in texts if line["event"] == "OrderAccepted"] == [None]


def test_an_orders_view_written_before_sealing_is_rebuilt_sealed_when_it_starts(
        settings: Settings, app: Certificates) -> None:
    """Hardening item 1 (issue 12 leftovers): the old layout (a clear ``personnummer``
    column) is dropped with its position and the view rebuilt from the store's log."""
    who = personnummer()
    unit, order_id = _ordered_and_answered(app, who)
    first = OrdersRuntime(settings, app, app.clock)
    with first.db.transaction() as tx:
        tx.execute("CREATE TABLE orders (id TEXT PRIMARY KEY, care_unit TEXT, care_giver TEXT, "
                   "status TEXT, authority TEXT, form TEXT, certificate_type TEXT, "
                   "received_at TEXT, updated_at TEXT, unit_email TEXT, personnummer TEXT, "
                   "case_reference TEXT)")
        tx.execute("INSERT INTO orders VALUES (?, ?, ?, 'OLAST', 'AF', '', '', '', '', '', ?, ?)",
                   (str(order_id), unit.hsa_id, unit.care_giver_hsa_id, who, CASE))
    first.close()
    runtime = OrdersRuntime(settings, app, app.clock)
    try:
        listed = runtime.read(lambda tx: unit_orders(tx, runtime.view.seal, unit.hsa_id,
                                                     unit.care_giver_hsa_id, Tab.AKTUELLA,
                                                     START.date()))
        assert [(r["status"], r["personnummer"]) for r in listed] == [("ACCEPTERAD", who)]
        assert who not in _dump(runtime)
    finally:
        runtime.close()
