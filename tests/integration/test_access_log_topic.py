"""The PDL access log leaves the store on its own Kafka topic (issue 12, deliverable 2): each
access entry once, keyed by its id, with the patient as a blind index and never in clear, and
never on the certificates topic."""

from __future__ import annotations

import pytest

from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from domain.access.entry import patient_index
from streams.database import Database
from streams.relay import Relay
from streams.topics import access_log_topic
from tests.factories import FakeClock
from tests.flows import doctor_reads_a_certificate
from tests.integration.kafka_support import (
    headers_of,
    kafka_settings,
    published_events,
    read_topic,
    value_of,
)

pytestmark = pytest.mark.kafka


def test_each_access_entry_is_published_once_on_its_own_topic_when_the_relay_runs():
    """ARCHITECTURE.md invariant 8: the entry travels with ids and a blind index only."""
    with kafka_settings() as settings:
        _publish_one_entry(settings)


def _publish_one_entry(settings: Settings) -> None:
    app = Certificates(eventsourcing_env(settings), clock=FakeClock())
    try:
        doctor, cert, who, entry = doctor_reads_a_certificate(app, settings.patient_index_secret)
        relay = Relay(app, settings, Database(settings))
        relay.run_until_caught_up()
        relay.run_until_caught_up()  # once more: nothing is sent twice
        records = read_topic(settings, access_log_topic(settings))
        assert [r.key.decode() for r in records] == [str(entry)]
        message = value_of(records[0])
        assert message["patients"] == [patient_index(who, settings.patient_index_secret)]
        assert (message["reader"]["hsa_id"], message["certificate_ids"]) == \
            (doctor.hsa_id, [str(cert)])
        assert who.encode() not in records[0].value
        assert headers_of(records[0])["ce_type"] == "se.intyg.access.PatientDataRead.v2"
        assert len(read_topic(settings)) == published_events(app)  # certificates topic
    finally:
        app.close()
