"""The mail run reads only the orders that can be due a mail (ORDERS.md §2): the unread, whose
reminders may fall due, and those whose NY_BESTALLNING is not sent yet; an order read (or
answered) after its first mail, or deleted, is not read again. The mails sent stay those the
rule gives. On PostgreSQL, with a real SMTP server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from api.runtime.orders import OrdersRuntime
from commands.certificates import Certificates
from commands.orders import Orders
from commands.settings import Settings
from projections.orders import mail_facts
from tests.factories import FakeClock, care_unit, staff_at
from tests.factories.mail import SMTP_PORTS, smtp_server
from tests.factories.orders import order_request


@pytest.fixture
def runtime(settings: Settings, app: Certificates) -> Iterator[OrdersRuntime]:
    mail = settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": SMTP_PORTS[1],
                                       "smtp_from": "intyg@region.example"})
    runtime = OrdersRuntime(mail, app, app.clock)
    yield runtime
    runtime.close()


def test_mail_run_reads_only_orders_that_can_be_due_when_others_are_read_or_deleted(
        app: Certificates, runtime: OrdersRuntime) -> None:
    """ORDERS.md §2 (NY_BESTALLNING once, NY_BESTALLNING_PAMINNELSE_1 while unread after the
    form's first delay; nothing for a deleted order). Hardening item 4 of the review
    leftovers: the run reads no order that can be due nothing, and sends the same mails."""
    assert isinstance(app.clock, FakeClock)  # Monday 2 November 2026
    unit = care_unit()
    nurse, orders = staff_at(unit), Orders(app, app.clock)
    unread = orders.create_order(order_request(unit), "AF").id
    answered = orders.create_order(order_request(unit), "AF").id
    with smtp_server(port=SMTP_PORTS[1]) as inbox:
        first = runtime.send_due_mail()
        assert sorted((d.type, d.order_id) for d in first) == sorted(
            [("NY_BESTALLNING", str(unread)), ("NY_BESTALLNING", str(answered))])
        orders.view_order(answered, nurse)
        orders.accept(answered, nurse, "Välkommen")
        accepted_unmailed = orders.create_order(order_request(unit), "AF").id
        orders.view_order(accepted_unmailed, nurse)
        orders.accept(accepted_unmailed, nurse, "Välkommen")
        deleted = orders.create_order(order_request(unit), "AF").id
        orders.view_order(deleted, nurse)
        orders.delete(deleted, nurse, "Fel mottagare")
        app.clock.advance(days=8)  # Tuesday: 8 days unread, past AF00213's first delay

        read = {facts.order_id for facts, _ in runtime.read(mail_facts)}
        assert read == {str(unread), str(accepted_unmailed)}
        second = runtime.send_due_mail()
        assert sorted((d.type, d.order_id) for d in second) == sorted(
            [("NY_BESTALLNING_PAMINNELSE_1", str(unread)),
             ("NY_BESTALLNING", str(accepted_unmailed))])
        assert runtime.send_due_mail() == []
    assert len(inbox.mails) == 4
