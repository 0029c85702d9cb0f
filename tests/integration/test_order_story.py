"""An order's story (issue 14, acceptance), production mode with the real PostgreSQL, Kafka and an
SMTP server on 127.0.0.1: created -> e-mail to the unit -> unread for more than the first
reminder delay -> exactly one reminder -> read -> accepted -> done, with the answer to the
orderer observed on its Kafka topic."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.http.app import create_app
from api.runtime.orders import OrdersRuntime
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from streams.database import Database
from streams.relay import Relay
from streams.topics import order_answers_topic, orders_topic
from tests.e2e.conftest import token_for
from tests.factories import FakeClock, care_unit, staff_at
from tests.factories.http import recipient_auth
from tests.factories.mail import SMTP_PORTS, body_of, smtp_server
from tests.factories.orders import UNIT_EMAIL, order_body
from tests.integration.kafka_support import headers_of, kafka_settings, read_topic, value_of

pytestmark = pytest.mark.kafka


def _with_mail(settings: Settings) -> Settings:
    return settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": SMTP_PORTS[0],
                                       "smtp_from": "intyg@region.example"})


def test_order_story_mails_the_unit_once_reminds_once_and_answers_the_orderer_on_kafka():
    """ORDERS.md §2 and DOMAIN.md §10: NY_BESTALLNING on creation, NY_BESTALLNING_PAMINNELSE_1
    once after more than 7 days unread, nothing more once read; ACCEPTERAT on the orderer's
    topic; mails carry a link only."""
    with kafka_settings() as settings, smtp_server() as inbox:
        clock = FakeClock()  # Monday 2 November 2026
        app = Certificates(eventsourcing_env(settings), clock=clock)
        runtime = OrdersRuntime(_with_mail(settings), app, clock)
        unit = care_unit()
        auth = {"Authorization": f"Bearer {token_for(settings, staff_at(unit), clock)}"}
        body = order_body(unit)
        try:
            with TestClient(create_app(settings, certificates_app=app)) as client:
                created = client.post("/v1/recipient/orders", json=body,
                                      headers=recipient_auth(settings, clock, "AF"))
                assert created.status_code == 201, created.text
                order_id = created.json()["id"]
                assert [d.type for d in runtime.send_due_mail()] == ["NY_BESTALLNING"]
                clock.advance(days=7)  # 7 days: not more than the first delay yet
                assert runtime.send_due_mail() == []
                clock.advance(days=1)  # Tuesday, 8 days unread
                listed = client.get(f"/v1/units/{unit.hsa_id}/orders", headers=auth).json()
                assert [(r["id"], r["overdue"]) for r in listed] == [(order_id, True)]
                assert [d.type for d in runtime.send_due_mail()] == \
                    ["NY_BESTALLNING_PAMINNELSE_1"]
                assert runtime.send_due_mail() == []
                assert client.get(f"/v1/orders/{order_id}", headers=auth).json()["status"] \
                    == "LAST"
                accepted = client.post(f"/v1/orders/{order_id}/accept", headers=auth,
                                       json={"text": "Välkommen"})
                assert accepted.status_code == 200, accepted.text
                done = client.post(f"/v1/orders/{order_id}/done", headers=auth)
                assert done.json()["status"] == "KLAR"
                clock.advance(days=7)  # 15 days, but read: no second reminder
                assert runtime.send_due_mail() == []
                timeline = client.get(f"/v1/orders/{order_id}/timeline", headers=auth).json()
            assert [e["answer"] for e in timeline if e["event"] == "NotificationSent"] == \
                ["NY_BESTALLNING", "NY_BESTALLNING_PAMINNELSE_1"]
            assert [str(m["To"]) for m in inbox.mails] == [UNIT_EMAIL, UNIT_EMAIL]
            for mail in inbox.mails:
                text = body_of(mail)
                assert order_id in text
                for private in (body["citizen"]["personnummer"], body["citizen"]["background"],
                                body["purpose"], body["caseReference"]):
                    assert private not in text and private not in str(mail["Subject"])
            Relay(app, settings, Database(settings)).run_until_caught_up()
            answers = read_topic(settings, order_answers_topic(settings, "AF"))
            assert [(r.key.decode(), value_of(r)["answer"], value_of(r)["text"])
                    for r in answers] == [(order_id, "ACCEPTERAT", "Välkommen")]
            assert headers_of(answers[0])["ce_type"] == "se.intyg.order.OrderAnswer.v1"
            events = [value_of(r)["event"] for r in read_topic(settings, orders_topic(settings))]
            assert events == ["OrderReceived", "OrderRead", "OrderAccepted", "OrderDone"]
        finally:
            runtime.close()
            app.close()
