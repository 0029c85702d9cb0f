"""What care sends goes out on the recipient's own topic, keyed by certificate id (issue
"Ärendekommunikation", outgoing to recipients): a sent certificate to its recipient, a revoke to
every recipient the certificate was sent to."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from domain.certificates.lifecycle import RevocationReason
from streams.database import Database
from streams.relay import Relay
from streams.topics import recipient_topic
from tests.factories import FakeClock, care_unit, staff_at
from tests.flows import sent, signed
from tests.integration.kafka_support import headers_of, kafka_settings, read_topic, value_of

pytestmark = pytest.mark.kafka


@pytest.fixture
def settings() -> Iterator[Settings]:
    with kafka_settings() as settings:
        yield settings


def test_sent_and_revoked_certificates_reach_only_their_recipients_topic(settings):
    app = Certificates(eventsourcing_env(settings), clock=FakeClock())
    try:
        unit = care_unit()
        doctor = staff_at(unit)
        to_fk = sent(app, unit, doctor)
        app.revoke_certificate(to_fk, reason=RevocationReason.FEL_PATIENT, text="Fel",
                               by=doctor)
        kept_home = signed(app, unit, doctor)  # never sent: no recipient hears of it
        app.revoke_certificate(kept_home, reason=RevocationReason.FEL_PATIENT, text="Fel",
                               by=doctor)
        Relay(app, settings, Database(settings)).run_until_caught_up()
        fk = read_topic(settings, recipient_topic(settings, "FKASSA"))
        assert [(r.key.decode(), value_of(r)["event"]) for r in fk] == [
            (str(to_fk), "CertificateSent"), (str(to_fk), "CertificateRevoked")]
        assert {headers_of(r)["recipient"] for r in fk} == {"FKASSA"}
        assert read_topic(settings, recipient_topic(settings, "TRANSP")) == []
    finally:
        app.close()


def test_cares_questions_and_answers_reach_the_recipients_topic_keyed_by_certificate(settings):
    from commands import questions
    from domain.questions.messages import IncomingMessage, Subject

    app = Certificates(eventsourcing_env(settings), clock=FakeClock())
    try:
        unit = care_unit()
        doctor = staff_at(unit)
        cert = sent(app, unit, doctor)
        who = app.get(cert).patient.personnummer
        questions.receive_message(app, IncomingMessage.model_validate({
            "messageId": f"fk-{cert}", "sentAt": app.clock(), "certificateId": cert,
            "personnummer": who, "subject": "OVRIGT", "text": "Fråga"}), "FKASSA")
        questions.answer_question(app, cert, f"fk-{cert}", text="Svar", by=doctor)
        questions.send_question(app, cert, subject=Subject.KONTKT, heading=None, text="Ring",
                                by=doctor)
        Relay(app, settings, Database(settings)).run_until_caught_up()
        fk = read_topic(settings, recipient_topic(settings, "FKASSA"))
        assert [(r.key.decode(), value_of(r)["event"]) for r in fk] == [
            (str(cert), "CertificateSent"), (str(cert), "AnswerSent"),
            (str(cert), "QuestionSent")]
    finally:
        app.close()
