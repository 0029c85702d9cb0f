"""Every step of an FMU investigation on Kafka (issue 14: "event-sourced aggregates whose every
step is an event on Kafka"; ARCHITECTURE.md invariants 3, 4 and 8), on the real broker and
PostgreSQL: each stored event once on intyg.fmu.v1, keyed by the investigation, in version
order, fitting the committed contract, the citizen's personnummer sealed."""

from __future__ import annotations

import json
from datetime import date

import jsonschema
import pytest

from commands.certificates import Certificates
from commands.investigations import Investigations
from commands.settings import eventsourcing_env
from domain.access.entry import patient_index
from streams.contract import CONTRACT_DIR
from streams.database import Database
from streams.investigations import investigation_event_id
from streams.relay import Relay
from streams.topics import fmu_authority_topic, investigations_topic
from streams.unseal import read_opened
from tests.factories import FakeClock, fmu, personnummer
from tests.integration.kafka_support import headers_of, read_topic, value_of

pytestmark = pytest.mark.kafka
REJECTION = "Regionen saknar kapacitet denna månad."


def _payload_schema(event: str) -> dict:
    document = json.loads((CONTRACT_DIR / "asyncapi.json").read_text())
    return document["components"]["messages"][f"Investigation{event}"]["payload"]


def _an_ordered_investigation(app: Certificates, citizen: str) -> str:
    """Requested, asked, accepted, assigned and ordered with the citizen's personnummer."""
    investigations = Investigations(app, clock=FakeClock(fmu.at(date(2026, 11, 2))))
    who = fmu.callers()
    made = fmu.assigned_through(investigations, who)
    investigations.receive_order(made, who["fk"], fmu.UNIT, date(2026, 12, 11), True, False,
                                 citizen=citizen)
    return str(made)


def test_every_step_of_an_investigation_is_on_its_topic_once_in_order_when_relayed(settings):
    """Hardening: issue 14, every step of the FMU aggregate an event on Kafka."""
    app = Certificates(eventsourcing_env(settings), clock=FakeClock())
    try:
        inv_id = _an_ordered_investigation(app, personnummer())
        relay = Relay(app, settings, Database(settings))
        relay.run_until_caught_up()
        relay.run_until_caught_up()  # again: nothing is sent twice
        records = [r for r in read_topic(settings, investigations_topic(settings))
                   if r.key == inv_id.encode()]
        values = [value_of(r) for r in records]
        assert [(v["event"], v["version"]) for v in values] == [
            ("RequestReceived", 1), ("UnitsAsked", 2), ("UnitAnswered", 3),
            ("UnitAssigned", 4), ("OrderReceived", 5), ("CitizenRecorded", 6)]
        assert len({r.partition for r in records}) == 1
        for record, value in zip(records, values, strict=True):
            headers = headers_of(record)
            assert headers["ce_id"] == investigation_event_id(inv_id, value["version"])
            assert headers["ce_type"] == value["type"] == \
                f"se.intyg.investigation.{value['event']}.v{value['schema_version']}"
            assert value["schema_version"] == (2 if value["event"] == "UnitAnswered" else 1)
            jsonschema.validate(value, _payload_schema(value["event"]))
        told = [value_of(r)["type"] for r in read_topic(settings, fmu_authority_topic(settings))
                if r.key == inv_id.encode()]
        assert told == ["se.intyg.fmu.RespondToPerformerRequest.v1"]  # still told, once
    finally:
        app.close()


def test_the_citizen_opens_only_with_the_key_when_an_investigation_is_ordered(settings):
    """Hardening: issue 14 on issue 12's rule: CitizenRecorded's personnummer sealed."""
    app = Certificates(eventsourcing_env(settings), clock=FakeClock())
    citizen = personnummer()
    try:
        inv_id = _an_ordered_investigation(app, citizen)
        Relay(app, settings, Database(settings)).run_until_caught_up()
        records = [r for r in read_topic(settings, investigations_topic(settings))
                   if r.key == inv_id.encode()]
        assert citizen not in b"".join(r.value for r in records).decode()
        recorded = next(r for r in records if value_of(r)["event"] == "CitizenRecorded")
        sealed = value_of(recorded)["data"]["personnummer"]
        assert sealed["key_ref"] == patient_index(citizen, settings.patient_index_secret)
        opened = read_opened(settings, investigations_topic(settings), recorded.partition,
                             recorded.offset)
        assert opened["value"]["data"]["personnummer"] == citizen
    finally:
        app.close()
