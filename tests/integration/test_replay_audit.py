"""An auditor's two views of a certificate's whole story, ``intyg history ID`` from the store and
``intyg replay --certificate ID`` from Kafka, print the same lines: also for a certificate with
questions, after a relay crash re-sent events, and whatever partition count is configured
(ARCHITECTURE.md invariants 3 and 5). Real PostgreSQL and Kafka, production mode."""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections import Counter
from pathlib import Path
from uuid import UUID

import pytest
from kafka import KafkaProducer

from commands import questions
from commands.certificates import Certificates
from commands.history import certificate_story
from commands.settings import Settings
from domain.certificates.lifecycle import RevocationReason
from domain.questions.messages import IncomingMessage, Subject
from streams.database import Database
from streams.relay import Relay
from streams.replay import replay_certificate, replay_topic
from streams.topics import certificates_topic, ensure_topics, partition_for
from tests.factories import care_unit, staff_at
from tests.flows import issue_lifecycles, sent
from tests.integration.kafka_support import (
    certificates_of,
    cli_env,
    headers_of,
    published_events,
    read_topic,
)

pytestmark = pytest.mark.kafka
ROOT = Path(__file__).parents[2]


def with_questions(app: Certificates) -> UUID:
    """A sent certificate that Försäkringskassan asked about (answered), that care asked
    about, with a KOMPLT left open that the revocation closes in the same transaction."""
    unit = care_unit()
    doctor = staff_at(unit)
    cert = sent(app, unit, doctor)
    who = app.get(cert).patient.personnummer

    def receive(message_id: str, subject: str, **fields: object) -> None:
        questions.receive_message(app, IncomingMessage.model_validate({
            "messageId": message_id, "sentAt": app.clock(), "certificateId": cert,
            "personnummer": who, "subject": subject, "text": "Fråga", **fields}), "FKASSA")

    receive(f"fk-{cert}", "OVRIGT")
    questions.answer_question(app, cert, f"fk-{cert}", text="Svar", by=doctor)
    questions.send_question(app, cert, subject=Subject.KONTKT, heading=None, text="Ring",
                            by=doctor)
    receive(f"fk-k-{cert}", "KOMPLT", complementItems=[{"questionId": "1", "text": "Mer"}])
    app.revoke_certificate(cert, reason=RevocationReason.FEL_PATIENT, text="Fel", by=doctor)
    return cert


def intyg(settings: Settings, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "api.cli.main", *args], cwd=ROOT,
                          env={**cli_env(settings), **env}, capture_output=True, text=True,
                          timeout=120)


def test_replay_prints_each_event_once_when_a_relay_crash_sent_events_twice(settings, app):
    """Hardening item 10: a relay killed between the broker's acknowledgement and recording
    its position sends that tail again; replay drops the copies by ``ce_id``, so the whole
    topic replays each event once and every certificate's replay equals its history."""
    issue_lifecycles(app, 6)
    asked = with_questions(app)
    db = Database(settings)
    relay = Relay(app, settings, db)
    relay.run_until_caught_up()
    with db.transaction() as tx:  # what the crash leaves: acknowledged, not recorded
        tx.execute("UPDATE relay_position SET position = ?", (relay.position() // 3,))
    Relay(app, settings, db).run_until_caught_up()
    copies = Counter(headers_of(r)["ce_id"] for r in read_topic(settings))
    assert max(copies.values()) == 2 and len(copies) == published_events(app)
    lines = list(replay_topic(settings))
    assert len(lines) == published_events(app)
    assert len({(line["id"], line["version"]) for line in lines}) == len(lines)
    for cert in certificates_of(app):
        assert replay_certificate(settings, cert) == certificate_story(app, cert), cert
    assert "ConversationStarted" in [line["event"] for line in replay_certificate(settings, asked)]


def test_history_and_replay_print_the_whole_story_of_a_certificate_with_questions(settings, app):
    """Hardening item 10: ``intyg history ID`` gives the certificate and its conversation, in
    the lines and order ``intyg replay --certificate ID`` reads from the certificate's key."""
    cert = with_questions(app)
    Relay(app, settings, Database(settings)).run_until_caught_up()
    from_store = intyg(settings, "history", str(cert))
    from_kafka = intyg(settings, "replay", "--certificate", str(cert))
    assert from_store.returncode == from_kafka.returncode == 0, from_kafka.stderr
    assert from_kafka.stdout == from_store.stdout
    events = [line.split('"event": "')[1].split('"')[0]
              for line in from_store.stdout.splitlines()]
    assert events[:3] == ["DraftCreated", "CertificateSigned", "CertificateSent"]
    assert {"ConversationStarted", "QuestionReceived", "AnswerSent", "QuestionSent",
            "CertificateRevoked"} <= set(events)
    assert len(events) == len(certificate_story(app, cert))


@pytest.mark.parametrize("configured", [2, 4, 6])
def test_relay_and_replay_use_the_topics_own_partition_count_when_the_setting_differs(
        settings, app, configured):
    """Hardening item 10: ``INTYG_KAFKA_PARTITIONS`` only says how many partitions a new topic
    gets. On a 3-partition topic a setting of 4 made replay print nothing (and exit 0), 6 made
    it time out; the relay and replay both go by the topic's own count now."""
    ensure_topics(settings)  # 3 partitions, as settings says
    issue_lifecycles(app, 4)
    other = settings.model_copy(update={"kafka_partitions": configured})
    Relay(app, other, Database(other)).run_until_caught_up()
    for record in read_topic(settings):
        assert record.partition == partition_for(record.key, 3)
    cert = max(certificates_of(app), key=lambda c: len(certificate_story(app, c)))
    expected = intyg(settings, "history", str(cert))
    replayed = intyg(settings, "replay", "--certificate", str(cert),
                     INTYG_KAFKA_PARTITIONS=str(configured))
    assert replayed.returncode == 0, replayed.stderr
    assert replayed.stdout.splitlines() == expected.stdout.splitlines()
    assert expected.stdout.count("\n") >= 3


def test_replay_exits_non_zero_when_the_certificate_or_the_topic_is_unknown(settings, app):
    """Hardening item 10: an empty answer must never pass for an empty history."""
    issue_lifecycles(app, 1)
    Relay(app, settings, Database(settings)).run_until_caught_up()
    unknown = str(uuid.uuid4())
    no_events = intyg(settings, "replay", "--certificate", unknown)
    assert no_events.returncode == 1 and no_events.stdout == ""
    assert f"No events of certificate {unknown}" in no_events.stderr
    elsewhere = settings.model_copy(update={"kafka_topic_prefix": f"none{uuid.uuid4().hex[:8]}."})
    for args in (["--certificate", unknown], []):
        no_topic = intyg(elsewhere, "replay", *args)
        assert no_topic.returncode == 1 and no_topic.stdout == "", no_topic.stderr
        assert "does not exist on the broker" in no_topic.stderr
    not_stored = intyg(settings, "history", unknown)
    assert not_stored.returncode == 1 and not_stored.stdout == ""


def test_replay_skips_a_message_outside_the_contract_and_names_it(settings, app):
    """What the consumers dead-letter is no event of the ledger: replay passes over it with a
    warning naming its partition and offset, and prints every event there is."""
    issue_lifecycles(app, 2)
    Relay(app, settings, Database(settings)).run_until_caught_up()
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers)
    for value in (b"{not json", b'{"event": "Nope"}'):
        producer.send(certificates_topic(settings), key=b"poison", value=value,
                      headers=[("ce_id", b"x")], partition=0).get(timeout=30)
    producer.close()
    replayed = intyg(settings, "replay")
    assert replayed.returncode == 0, replayed.stderr
    assert replayed.stdout.count("\n") == published_events(app)
    assert replayed.stderr.count("replay_skipped_message") == 2
    assert '"partition": 0' in replayed.stderr
