"""The audit topics against the published contract (issue 12 leftovers): the records the relay
and the digest process write on the access-log and digests topics parse with the CloudEvents
SDK's Kafka binding and fit the AsyncAPI document's headers, key and payload schema, as a
downstream consumer would check them with nothing but streams/contract/."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from commands.certificates import Certificates
from commands.forgetting import record_forgetting
from commands.settings import Settings
from domain.access.entry import patient_index
from domain.access.forgetting import ForgettingReason
from streams.database import Database
from streams.ledger.digester import Digester
from streams.relay import Relay
from streams.topics import access_log_topic, digests_topic
from tests.factories.contract_check import check_listed_record
from tests.factories.ledger import with_digest_key
from tests.flows import doctor_reads_a_certificate
from tests.integration.kafka_support import kafka_settings, read_topic

pytestmark = pytest.mark.kafka


@pytest.fixture
def settings() -> Iterator[Settings]:
    """The integration tier's settings (its ``app`` runs on them), with a digest key."""
    with kafka_settings() as settings:
        yield with_digest_key(settings)


def test_access_log_records_fit_the_contract_when_an_entry_and_a_forgetting_are_published(
        settings: Settings, app: Certificates) -> None:
    """Hardening item 4 (issue 12 leftovers); ARCHITECTURE.md invariant 8: blind indexes only."""
    _, _, who, entry = doctor_reads_a_certificate(app, settings.patient_index_secret)
    index = patient_index(who, settings.patient_index_secret)
    forgetting = record_forgetting(app, index, ForgettingReason.GALLRING, "SE2321000016-A001",
                                   app.clock)
    Relay(app, settings, Database(settings)).run_until_caught_up()
    records = read_topic(settings, access_log_topic(settings))
    values = {value["type"]: value for value in
              (check_listed_record("accessLog", record) for record in records)}
    assert {kind: value["id"] for kind, value in values.items()} == {
        "se.intyg.access.PatientDataRead.v2": str(entry),
        "se.intyg.access.PatientForgotten.v1": str(forgetting)}  # keys differ: no order
    assert values["se.intyg.access.PatientForgotten.v1"]["patient"] == index
    assert who.encode() not in b"".join(record.value for record in records)


def test_digest_records_fit_the_contract_when_the_digest_process_publishes(
        settings: Settings, app: Certificates) -> None:
    """Hardening item 4 (issue 12 leftovers)."""
    doctor_reads_a_certificate(app, settings.patient_index_secret)
    digest = Digester(app, settings, Database(settings)).catch_up()
    records = read_topic(settings, digests_topic(settings))
    assert [check_listed_record("digests", record) for record in records] == [digest]

