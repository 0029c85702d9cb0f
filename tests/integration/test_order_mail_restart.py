"""The mail sender across restarts (issue 14, acceptance): restarting the sender in the middle of
a run sends no mail twice and loses none, on SQLite and on PostgreSQL, with a real SMTP server
on 127.0.0.1."""

from __future__ import annotations

import smtplib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from api.runtime.orders import OrdersRuntime
from commands.certificates import Certificates
from commands.orders import Orders
from commands.settings import Settings
from tests.factories import FakeClock, care_unit
from tests.factories.mail import SMTP_PORTS, Inbox, restarted_after_first_mail, smtp_server
from tests.factories.orders import order_request
from tests.integration.kafka_support import own_store
from tests.integration.mail_cli import killed_then_restarted, send_mail_env

PORT = SMTP_PORTS[1]


@pytest.fixture(params=["sqlite", "postgres"])
def store_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    """A store of this test's own: every due mail in it is this test's (the session's shared
    PostgreSQL schema would hold other tests' orders)."""
    with own_store(request.param, tmp_path) as settings:
        yield settings


def _mail_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": PORT})


def _three_orders(certificates: Certificates, clock: FakeClock) -> list[str]:
    orders = Orders(certificates, clock)
    requests = []
    for n in range(3):
        unit = care_unit()
        request = order_request(unit)
        to = request.care_unit.model_copy(update={"email": f"enhet{n}@region.example"})
        requests.append(request.model_copy(update={"care_unit": to}))
    return [str(orders.create_order(r, "AF").id) for r in requests]


def _sent(inbox: Inbox) -> list[tuple[str, str]]:
    return sorted((str(m["To"]), str(m["Message-ID"])) for m in inbox.mails)


def test_sender_stopped_after_one_mail_sends_the_rest_once_when_started_again(
        store_settings, certificates, clock):
    """Issue 14 acceptance: one mail per (type, recipient, order) across a restart."""
    _three_orders(certificates, clock)
    settings = _mail_settings(store_settings)
    inbox, counts = restarted_after_first_mail(
        lambda: OrdersRuntime(settings, certificates, clock), PORT)
    assert counts == [1, 2, 0]
    assert len(inbox.mails) == 3
    assert len(set(_sent(inbox))) == 3
    assert {str(m["To"]) for m in inbox.mails} == {f"enhet{n}@region.example" for n in range(3)}


def test_mail_the_server_refused_mid_run_is_sent_once_when_the_sender_runs_again(
        store_settings, certificates, clock):
    """Issue 14 acceptance: a server failing mid-run loses nothing and repeats nothing: what it
    refused stays due."""
    order_ids = _three_orders(certificates, clock)
    settings = _mail_settings(store_settings)
    with smtp_server(Inbox(refuse_after=1), PORT) as inbox:
        failing = OrdersRuntime(settings, certificates, clock)
        with pytest.raises(smtplib.SMTPDataError):
            failing.send_due_mail()
        failing.close()
        inbox.refuse_after = None
        restarted = OrdersRuntime(settings, certificates, clock)
        assert len(restarted.send_due_mail()) == 2
        restarted.close()
    assert len(set(_sent(inbox))) == len(inbox.mails) == 3
    bodies = " ".join(str(m.get_body(("plain",)).get_content()) for m in inbox.mails)
    assert all(order_id in bodies for order_id in order_ids)


def test_sender_killed_mid_run_sends_no_mail_twice_and_loses_none_when_started_again(
        store_settings, certificates):
    """Issue 14 acceptance: ``intyg send-mail`` killed (SIGKILL) while the server holds its
    second mail; the restarted process sends the two not accepted, the first not again."""
    now = FakeClock(datetime.now(UTC))  # the process reads the real clock: no reminder is due
    _three_orders(certificates, now)
    inbox, sent_again = killed_then_restarted(send_mail_env(store_settings, SMTP_PORTS[2]),
                                              SMTP_PORTS[2])
    assert sent_again == 2
    assert len(set(_sent(inbox))) == len(inbox.mails) == 3
