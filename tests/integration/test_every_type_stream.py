"""Each certificate type's history replays identically from Kafka (issue "Every certificate
type": the event history and the stream of a certificate of each type)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from commands.certificates import Certificates
from commands.history import history
from commands.settings import Settings, eventsourcing_env
from domain.lifecycle import RevocationReason
from streams.database import Database
from streams.relay import Relay
from streams.replay import replay_certificate
from tests.factories import FakeClock, care_unit, patient, staff_at
from tests.integration.kafka_support import kafka_settings
from tests.type_examples import DOCTOR_SENDS, MINIMAL, TODAY

pytestmark = pytest.mark.kafka


@pytest.fixture
def settings() -> Iterator[Settings]:
    with kafka_settings() as settings:
        yield settings


def test_every_types_history_replays_identically_from_kafka(settings):
    app = Certificates(eventsourcing_env(settings), clock=FakeClock(TODAY))
    try:
        unit = care_unit()
        doctor = staff_at(unit)
        issued = {}
        for type_id, content in MINIMAL.items():
            cert_id = app.create_draft(type_id=type_id, patient=patient(), care_unit=unit,
                                       author=doctor, content=content()).id
            app.sign_certificate(cert_id, based_on_version=1, by=doctor)
            if type_id in DOCTOR_SENDS:
                app.send_certificate(cert_id, recipient=DOCTOR_SENDS[type_id], by=doctor.hsa_id)
            death = type_id in ("db", "doi")
            app.revoke_certificate(cert_id, by=doctor,
                                   reason=None if death else RevocationReason.FEL_PATIENT,
                                   text=None if death else "Fel patient")
            issued[type_id] = cert_id
        Relay(app, settings, Database(settings)).run_until_caught_up()
        for type_id, cert_id in issued.items():
            stored = history(app, cert_id)
            assert stored[-1]["event"] == "CertificateRevoked", type_id
            assert list(replay_certificate(settings, cert_id)) == stored, type_id
    finally:
        app.close()
