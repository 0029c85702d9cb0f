"""Orders leave the store through the relay (issue 14 part B): every event on the orders topic,
each answer also on the ordering authority's topic, never on the certificates topic; each
message fits the committed AsyncAPI contract. A recording producer stands in for the broker
(the story test reads the real one)."""

from __future__ import annotations

import json

import jsonschema

from commands.orders import Orders
from streams.contract import CONTRACT_DIR
from streams.database import Database
from streams.relay import Relay
from streams.topics import certificates_topic, order_answers_topic, orders_topic
from tests.factories import care_unit, staff_at
from tests.factories.orders import order_request
from tests.factories.streams import RecordingProducer


def _payload_schema(message: str) -> dict:
    document = json.loads((CONTRACT_DIR / "asyncapi.json").read_text())
    return document["components"]["messages"][message]["payload"]


def test_order_events_go_to_the_orders_topic_and_the_answer_to_the_orderer_when_relayed(
        store_settings, certificates, clock):
    unit = care_unit()
    staff = staff_at(unit)
    orders = Orders(certificates, clock)
    order_id = orders.create_order(order_request(unit), "AF").id
    orders.view_order(order_id, staff)
    orders.reject(order_id, staff, "Ingen läkare med rätt kompetens.")
    producer = RecordingProducer()
    relay = Relay(certificates, store_settings, Database(store_settings), lambda: producer)
    relay.run_until_caught_up()
    relay.run_until_caught_up()  # again: nothing is sent twice
    ours = [m for m in producer.acked if m.key == str(order_id).encode()]  # the schema is shared
    on = {topic: [json.loads(m.value) for m in ours if m.topic == topic]
          for topic in {m.topic for m in ours}}
    assert [m["event"] for m in on[orders_topic(store_settings)]] == \
        ["OrderReceived", "OrderRead", "OrderRejected"]
    answers = on[order_answers_topic(store_settings, "AF")]
    assert [(a["order_id"], a["answer"], a["text"]) for a in answers] == \
        [(str(order_id), "AVVISAT", "Ingen läkare med rätt kompetens.")]
    assert certificates_topic(store_settings) not in on
    assert not [m for m in producer.acked if m.topic == certificates_topic(store_settings)
                and str(order_id).encode() in m.value]
    for message in on[orders_topic(store_settings)]:
        jsonschema.validate(message, _payload_schema(message["event"]))
    jsonschema.validate(answers[0], _payload_schema("OrderAnswer"))
    assert {m.headers["ce_subject"] for m in ours} == {str(order_id)}
    assert len(ours) == 4  # three events and one answer, each once
