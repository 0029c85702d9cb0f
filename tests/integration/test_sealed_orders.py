"""Orders from authorities sealed on Kafka (issue 14's gap: issue 12's rule that patient data on
Kafka is sealed; ARCHITECTURE.md invariant 8), on the real broker and PostgreSQL: a reader
without the key sees no citizen, a key holder opens the order, ``intyg forget`` shreds it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from commands.certificates import Certificates
from commands.orders import Orders
from commands.settings import Settings, eventsourcing_env
from domain.access.entry import patient_index
from streams.database import Database
from streams.relay import Relay
from streams.topics import order_answers_topic, orders_topic
from streams.unseal import read_opened
from tests.factories import FakeClock, care_unit, staff_at
from tests.factories.orders import order_request
from tests.integration.kafka_support import cli_env, read_topic, value_of

pytestmark = pytest.mark.kafka
ROOT = Path(__file__).parents[2]
REJECTION = "Ingen läkare med rätt kompetens för Tolvans utredning."


def _relayed_order(app: Certificates, settings: Settings) -> tuple[str, Any]:
    """An order read and rejected, relayed: its citizen's personnummer and the order."""
    unit = care_unit()
    staff = staff_at(unit)
    request = order_request(unit)
    orders = Orders(app, FakeClock())
    order_id = orders.create_order(request, "AF").id
    orders.view_order(order_id, staff)
    orders.reject(order_id, staff, REJECTION)
    Relay(app, settings, Database(settings)).run_until_caught_up()
    return request.citizen.personnummer, request


def _on_orders_topic(settings: Settings, event: str) -> Any:
    return next(r for r in read_topic(settings, orders_topic(settings))
                if value_of(r)["event"] == event)


def test_a_reader_without_the_key_sees_no_citizen_when_an_order_is_relayed(settings):
    """Hardening: issue 14 on issue 12's rule, the orders topic sealed like the certificates."""
    app = Certificates(eventsourcing_env(settings), clock=FakeClock())
    try:
        personnummer, request = _relayed_order(app, settings)
        records = read_topic(settings, orders_topic(settings))
        raw = b"".join(r.value for r in records).decode()
        for secret in (personnummer, request.citizen.background,
                       request.purpose, request.planned_actions, request.case_reference,
                       REJECTION):
            assert secret not in raw
        received = value_of(_on_orders_topic(settings, "OrderReceived"))
        assert received["type"] == "se.intyg.order.OrderReceived.v2"
        assert received["data"]["citizen"]["key_ref"] == \
            patient_index(personnummer, settings.patient_index_secret)
        assert received["data"]["care_unit"]["hsa_id"] == request.care_unit.hsa_id  # clear
        read = value_of(_on_orders_topic(settings, "OrderRead"))
        assert read["type"] == "se.intyg.order.OrderRead.v1"
        answers = read_topic(settings, order_answers_topic(settings, "AF"))
        assert personnummer not in b"".join(r.value for r in answers).decode()
    finally:
        app.close()


def test_the_order_opens_with_the_key_and_never_again_when_the_citizen_is_forgotten(settings):
    """Hardening: issue 14 on issue 12's rule; crypto-shredding (docs/sealing.md)."""
    app = Certificates(eventsourcing_env(settings), clock=FakeClock())
    try:
        personnummer, request = _relayed_order(app, settings)
        received = _on_orders_topic(settings, "OrderReceived")
        rejected = _on_orders_topic(settings, "OrderRejected")
        where = (orders_topic(settings), received.partition)
        opened = read_opened(settings, *where, received.offset)["value"]["data"]
        assert opened["citizen"]["personnummer"] == personnummer
        assert (opened["purpose"], opened["case_reference"]) == \
            (request.purpose, request.case_reference)
        assert read_opened(settings, *where, rejected.offset)["value"]["data"]["text"] == \
            REJECTION
        done = subprocess.run(
            [sys.executable, "-m", "api.cli.main", "forget", "-", "--reason", "gallring",
             "--by", "SE2321000016-A001"], cwd=ROOT, env=cli_env(settings),
            capture_output=True, text=True, input=personnummer + "\n", timeout=120)
        assert json.loads(done.stdout)["forgotten"] is True, done.stderr
        shredded = read_opened(settings, *where, received.offset)
        assert shredded["value"]["data"]["citizen"] == {}
        assert shredded["forgotten"] == ["citizen", "purpose", "planned_actions",
                                         "case_reference"]
        assert read_opened(settings, *where, rejected.offset)["value"]["data"]["text"] == ""
    finally:
        app.close()
