"""Every event in Kafka (ARCHITECTURE.md invariants 3-5, the wire contract), on the real broker
and PostgreSQL."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import jsonschema
import pytest

from commands.certificates import Certificates
from commands.history import certificate_story, history_line
from commands.settings import eventsourcing_env
from streams.contract import schema_file
from streams.database import Database
from streams.relay import Relay
from streams.replay import replay_certificate
from tests.factories import FakeClock, care_unit, staff_at
from tests.flows import issue_lifecycles
from tests.integration.kafka_support import (
    cli_env,
    headers_of,
    published_events,
    read_topic,
    value_of,
)

pytestmark = pytest.mark.kafka


def test_every_event_is_on_the_topic_once_in_order_when_relayed(settings, app):
    issue_lifecycles(app, 30)
    Relay(app, settings, Database(settings)).run_until_caught_up()
    records = read_topic(settings)
    assert len(records) == published_events(app)
    ids = [headers_of(r)["ce_id"] for r in records]
    assert len(set(ids)) == len(ids)
    versions: dict[bytes, list[int]] = defaultdict(list)
    for record in records:
        headers, value = headers_of(record), value_of(record)
        versions[record.key].append(value["version"])
        assert headers["ce_specversion"] == "1.0"
        assert headers["ce_subject"] == record.key.decode() == value["id"]
        assert headers["ce_type"] == value["type"]
        assert headers["ce_source"] == "/intyg/certificates"
        assert headers["aggregate_version"] == str(value["version"])
        assert int(headers["log_position"]) > 0 and headers["ce_time"] == value["at"]
        jsonschema.validate(value, json.loads(schema_file(value["event"]).read_text()))
    for key, seen in versions.items():
        assert seen == list(range(1, len(seen) + 1)), key


def test_relay_resumes_where_it_stopped_when_restarted(settings, app):
    issue_lifecycles(app, 5)
    Relay(app, settings, Database(settings)).run_until_caught_up()
    first = app.recorder.max_notification_id()
    issue_lifecycles(app, 5)
    relay = Relay(app, settings, Database(settings))
    assert relay.position() == first
    relay.run_until_caught_up()
    assert len(read_topic(settings)) == published_events(app)


def test_replay_equals_history_when_read_for_every_demo_certificate(settings, app):
    from api.demo.seed import seed_demo

    seed_demo(app, patients=15, seed=3)
    Relay(app, settings, Database(settings)).run_until_caught_up()
    from streams.published import is_published

    ids = {n.originator_id for n in app.recorder.select_notifications(1, 100_000)
           if is_published(n)}
    assert len(ids) > 20
    for cert_id in ids:
        assert replay_certificate(settings, cert_id) == certificate_story(app, cert_id)


def test_cli_replay_prints_what_cli_history_prints_when_run_for_a_certificate(settings, app):
    import subprocess
    import sys
    from pathlib import Path

    issue_lifecycles(app, 2)
    Relay(app, settings, Database(settings)).run_until_caught_up()
    cert_id = app.recorder.select_notifications(1, 1)[0].originator_id  # a sent lifecycle
    env = cli_env(settings)
    root = Path(__file__).parents[2]

    def cli(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "api.cli.main", *args], cwd=root, env=env,
                              capture_output=True, text=True, check=True, timeout=60)
        return done.stdout

    from_kafka = cli("replay", "--certificate", str(cert_id))
    from_store = cli("history", str(cert_id))
    assert from_kafka == from_store and from_store.count("\n") >= 4


def test_death_registers_stay_in_the_store_when_a_db_is_relayed(settings):
    """The per-patient death register is an internal index keyed by a hashed personnummer:
    the relay passes over its events and publishes every certificate event."""
    from datetime import UTC, datetime

    from streams.published import is_published
    from tests.factories import patient
    from tests.factories.content import minimal_db

    app = Certificates(eventsourcing_env(settings),
                       clock=FakeClock(datetime(2026, 11, 28, 12, tzinfo=UTC)))
    unit = care_unit()
    cert = app.create_draft(type_id="db", patient=patient(), care_unit=unit,
                            author=staff_at(unit), content=minimal_db()).id
    app.sign_certificate(cert, based_on_version=1, by=staff_at(unit))
    Relay(app, settings, Database(settings)).run_until_caught_up()
    last = app.recorder.max_notification_id() or 0
    stored = app.recorder.select_notifications(max(1, last - 10), 100)
    ours = [n for n in stored if n.originator_id == cert]
    registers = [n for n in stored if not is_published(n)]
    assert len(ours) == 3 and registers
    assert [value_of(r)["event"] for r in read_topic(settings) if r.key == str(cert).encode()
            ] == ["DraftCreated", "CertificateSigned", "CertificateSent"]
    assert not any(r.key == str(n.originator_id).encode()
                   for r in read_topic(settings) for n in registers)
    assert replay_certificate(settings, cert) == certificate_story(app, cert)
    app.close()


def test_a_batch_with_one_message_outside_the_contract_sends_none_of_its_messages(
        settings, app, monkeypatch):
    """Issue 16, item 5 (the relay's per-event work cut): every message is still checked
    against the wire contract, not one of each event type, and the batch's messages are all
    made before any is sent, so the faulty one stops the relay with nothing of its batch on
    Kafka; once the fault is gone everything goes out exactly once."""
    from streams import relay as relay_module
    from streams.schemas import ContractDriftError

    issue_lifecycles(app, 3)  # three CertificateSent: the last one goes wrong
    last_sent = [n for n in app.recorder.select_notifications(1, 1000)
                 if n.topic.endswith("CertificateSent")][-1]
    wrong = (str(last_sent.originator_id), last_sent.originator_version)

    def drifting(event: Any) -> dict[str, Any]:
        line = history_line(event)
        if (line["id"], line["version"]) == wrong:
            line["data"]["undeclared"] = "x"
        return line

    monkeypatch.setattr(relay_module, "history_line", drifting)
    relay = Relay(app, settings, Database(settings))
    with pytest.raises(ContractDriftError, match=r"data\.undeclared"):
        relay.run_until_caught_up()
    assert relay.position() == 0
    assert read_topic(settings) == []
    monkeypatch.setattr(relay_module, "history_line", history_line)
    relay.run_until_caught_up()
    assert len(read_topic(settings)) == published_events(app)
