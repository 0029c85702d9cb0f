"""Each certificate type's history replays identically from Kafka (issue "Every certificate
type": the event history and the stream of a certificate of each type), and so do the children
made from a parent of another type (a DOI from a DB, an AG7804 from a LISJP)."""

from __future__ import annotations

from collections.abc import Iterator
from uuid import UUID

import pytest

from commands.certificates import Certificates
from commands.history import certificate_story
from commands.settings import Settings, eventsourcing_env
from domain.certificates.lifecycle import RevocationReason
from domain.shared.care import Staff
from streams.database import Database
from streams.relay import Relay
from streams.replay import replay_certificate
from tests.factories import FakeClock, care_unit, staff_at
from tests.factories.contract_tour import every_type
from tests.integration.kafka_support import kafka_settings
from tests.type_examples import (
    DOCTOR_SENDS,
    MINIMAL,
    REVOKED_WITHOUT_REASON,
    SIGN_SENDS,
    TODAY,
)

pytestmark = pytest.mark.kafka


@pytest.fixture
def settings() -> Iterator[Settings]:
    with kafka_settings() as settings:
        yield settings


def revoke(app: Certificates, cert_id: UUID, type_id: str, doctor: Staff) -> None:
    without = type_id in REVOKED_WITHOUT_REASON
    app.revoke_certificate(cert_id, by=doctor,
                           reason=None if without else RevocationReason.FEL_PATIENT,
                           text=None if without else "Fel patient")


def test_every_types_history_replays_identically_from_kafka(settings):
    app = Certificates(eventsourcing_env(settings), clock=FakeClock(TODAY))
    try:
        unit = care_unit()
        doctor = staff_at(unit)
        issued = every_type(app, unit, doctor)
        doi = app.create_doi_from_db(issued["db"], by=doctor).id
        app.edit_draft(doi, based_on_version=1, by=doctor,
                       content={**MINIMAL["doi"](), **app.get(doi).content})
        app.sign_certificate(doi, based_on_version=2, by=doctor)
        ag7804 = app.create_ag7804_from_lisjp(issued["lisjp"], include_diagnosis=True,
                                              by=doctor).id
        app.sign_certificate(ag7804, based_on_version=1, by=doctor)
        made = [*issued.items(), ("doi", doi), ("ag7804", ag7804)]  # children last
        for type_id, cert_id in made:
            revoke(app, cert_id, type_id, doctor)

        Relay(app, settings, Database(settings)).run_until_caught_up()
        for type_id, cert_id in made:
            stored = certificate_story(app, cert_id)
            assert "CertificateRevoked" in [e["event"] for e in stored], type_id
            recipient = SIGN_SENDS.get(type_id) or DOCTOR_SENDS.get(type_id)
            sent = [e["data"]["recipient"] for e in stored if e["event"] == "CertificateSent"]
            assert sent == ([recipient] if recipient else []), type_id
            assert replay_certificate(settings, cert_id) == stored, type_id
    finally:
        app.close()
