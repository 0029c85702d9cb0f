"""The claims of Idempotency-Keys in the event store (hardening item 13): two requests with one
key at the same time take effect once (SQLite and PostgreSQL), and the claims never leave the
store (the real broker)."""

from __future__ import annotations

import threading
import uuid

import pytest

from commands.certificates import Certificates
from commands.idempotency import run_once
from commands.results import CommandResult
from commands.settings import eventsourcing_env
from streams.database import Database
from streams.relay import Relay
from tests.factories import FakeClock, care_unit, patient, staff_at
from tests.integration.kafka_support import kafka_settings, read_topic, value_of


def test_same_key_at_the_same_time_takes_effect_once_when_two_requests_race(certificates):
    """Hardening item 13: the loser's events roll back with its claim; it gets the winner's
    result, and the store holds one draft."""
    app, unit = certificates, care_unit()
    doctor = staff_at(unit)
    caller, key, fingerprint = "staff:test", uuid.uuid4().hex, "same-request"

    def create() -> CommandResult:
        return app.create_draft(type_id="lisjp", patient=patient(), care_unit=unit,
                                author=doctor)

    winner: list[CommandResult] = []

    def racing_create() -> CommandResult:
        """Before this command saves, the other request with the key runs to its end."""
        other = threading.Thread(target=lambda: winner.append(run_once(
            app, caller=caller, key=key, fingerprint=fingerprint, command=create)))
        other.start()
        other.join()
        return create()

    head = app.recorder.max_notification_id() or 0
    loser = run_once(app, caller=caller, key=key, fingerprint=fingerprint,
                     command=racing_create)
    assert loser == winner[0]
    drafts = [n for n in app.recorder.select_notifications(head + 1, 100)
              if n.topic.endswith("Certificate.DraftCreated")]
    assert [n.originator_id for n in drafts] == [winner[0].id]


@pytest.mark.kafka
def test_claims_stay_in_the_store_when_the_relay_publishes_a_keyed_command():
    """Hardening item 13: a key's claim is an index of requests, never a published event;
    the relay passes over it (it neither stops at it nor sends it)."""
    with kafka_settings() as settings:
        app = Certificates(eventsourcing_env(settings), clock=FakeClock())
        try:
            unit = care_unit()
            doctor = staff_at(unit)
            made = run_once(app, caller="staff:test", key="k-" + uuid.uuid4().hex,
                            fingerprint="one", command=lambda: app.create_draft(
                                type_id="lisjp", patient=patient(), care_unit=unit,
                                author=doctor))
            Relay(app, settings, Database(settings)).run_until_caught_up()
            events = [(r.key.decode(), value_of(r)["event"]) for r in read_topic(settings)]
            assert events == [(str(made.id), "DraftCreated")]
        finally:
            app.close()
