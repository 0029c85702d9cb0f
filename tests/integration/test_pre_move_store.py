"""A store written by the code before the bounded-context move (tests/fixtures, made by
make_pre_move_store.py) still reads identically with today's code: on SQLite as it was written,
and copied row by row into PostgreSQL and relayed to Kafka (issue "One package per bounded
context", item 1)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.persistence import StoredEvent

from commands.certificates import Certificates
from commands.history import certificate_story, history
from commands.questions import conversation_of
from commands.settings import Settings, eventsourcing_env
from domain.certificates.certificate import Certificate
from domain.certificates.lifecycle import CertificateState
from domain.questions.conversation import Conversation
from domain.topics import topics_of
from streams.database import Database
from streams.relay import Relay
from streams.replay import replay_certificate
from tests.conftest import TEST_CIPHER_KEY
from tests.factories import FakeClock
from tests.integration.kafka_support import headers_of, kafka_settings, read_topic, value_of

FIXTURES = Path(__file__).parents[1] / "fixtures"
EXPECTED = json.loads((FIXTURES / "pre_move_history.json").read_text())
NOW = datetime.fromisoformat(EXPECTED["now"])
HISTORIES: dict[str, list[dict[str, Any]]] = EXPECTED["histories"]
CONVERSATIONS = {lines[0]["data"]["certificate_id"]: aggregate_id
                 for aggregate_id, lines in HISTORIES.items()
                 if lines[0]["event"] == "ConversationStarted"}
CERTIFICATES = sorted(set(HISTORIES) - set(CONVERSATIONS.values()))


def stored_rows() -> list[StoredEvent]:
    """Every row of the fixture, as stored (topic strings and encrypted state untouched), in
    the order of its notification log."""
    with sqlite3.connect(FIXTURES / "pre_move_store.sqlite") as conn:
        rows = conn.execute("SELECT originator_id, originator_version, topic, state "
                            "FROM stored_events ORDER BY rowid").fetchall()
    return [StoredEvent(originator_id=UUID(oid), originator_version=version, topic=topic,
                        state=bytes(state)) for oid, version, topic, state in rows]


def fixture_id(number: int) -> UUID:
    """The id the fixture's counting id factory gave its ``number``-th aggregate."""
    return UUID(int=0xF1C5_0000_0000_4000_8000_000000000000 + number)


@pytest.fixture
def embedded(tmp_path: Path) -> Iterator[Certificates]:
    """The fixture store, copied to where the embedded settings keep the event store."""
    settings = Settings(mode="embedded", data_dir=tmp_path, cipher_key=TEST_CIPHER_KEY,
                        projections_in_serve=False)
    shutil.copyfile(FIXTURES / "pre_move_store.sqlite", settings.sqlite_path)
    app = Certificates(eventsourcing_env(settings), clock=FakeClock(NOW))
    yield app
    app.close()


def test_fixture_holds_only_pre_move_topics_when_read():
    topics = {row.topic for row in stored_rows()}
    assert len(stored_rows()) == 101 and len(HISTORIES) == 25 and len(CONVERSATIONS) == 2
    assert all(topic.startswith(("domain.certificate:", "domain.qa_conversation:",
                                 "domain.death_register:", "commands.questions:"))
               for topic in topics)


def test_every_history_is_identical_when_read_from_a_pre_move_store(embedded):
    for aggregate_id, lines in HISTORIES.items():
        assert history(embedded, UUID(aggregate_id)) == lines, aggregate_id


def test_conversations_load_when_read_from_a_pre_move_store(embedded):
    for cert_id, conv_id in CONVERSATIONS.items():
        conversation = conversation_of(embedded, UUID(cert_id))
        assert isinstance(conversation, Conversation)
        assert str(conversation.id) == conv_id
        assert conversation.version == len(HISTORIES[conv_id])
        assert conversation.questions
    assert conversation_of(embedded, UUID(CERTIFICATES[0])) is None


def test_lock_drafts_finds_the_old_drafts_when_run_on_a_pre_move_store(embedded):
    """Due at the fixture's NOW: the 100-day-old draft (locked 15 days ago, untouched for 3
    months) is disposed of; the 20-day-old draft and the 15-day-old copy of the locked
    30-day-old draft are locked (14 days). The half-day-old renewal stays a draft."""
    def state(number: int) -> CertificateState:
        return embedded.get(fixture_id(number)).state

    assert embedded.lock_due_drafts() == 3
    assert state(1) is CertificateState.DISCARDED
    assert [line["event"] for line in history(embedded, fixture_id(1))] == [
        "DraftCreated", "DraftLocked", "DraftDisposed"]
    assert state(3) is CertificateState.DRAFT_LOCKED
    assert state(4) is CertificateState.DRAFT_LOCKED
    assert state(0x15) in (CertificateState.DRAFT_INCOMPLETE, CertificateState.DRAFT_COMPLETE)
    assert embedded.lock_due_drafts() == 0


@pytest.mark.postgres
@pytest.mark.kafka
def test_every_published_event_reaches_kafka_once_in_log_order_when_a_pre_move_store_is_relayed():
    with kafka_settings() as settings:
        app = Certificates(eventsourcing_env(settings), clock=FakeClock(NOW))
        try:
            _copy_and_relay(app, settings)
        finally:
            app.close()


def _copy_and_relay(app: Certificates, settings: Settings) -> None:
    rows = stored_rows()
    app.recorder.insert_events(rows)
    log = app.recorder.select_notifications(1, 1000)
    assert [(n.originator_id, n.originator_version, n.topic, n.state) for n in log] == [
        (r.originator_id, r.originator_version, r.topic, r.state) for r in rows]
    position = {(str(n.originator_id), n.originator_version): n.id for n in log}
    for aggregate_id, lines in HISTORIES.items():
        assert history(app, UUID(aggregate_id)) == lines, aggregate_id

    Relay(app, settings, Database(settings)).run_until_caught_up()
    records = read_topic(settings)

    published = set(topics_of(Certificate, Conversation))
    wanted = Counter((str(r.originator_id), r.originator_version)
                     for r in rows if r.topic in published)
    assert len(wanted) == 88  # 72 certificate and 16 conversation events; 13 internal ones
    got = Counter((value_of(r)["id"], value_of(r)["version"]) for r in records)
    assert got == wanted and len(records) == len(wanted)
    by_partition: dict[int, list[Any]] = defaultdict(list)
    for record in records:
        value = value_of(record)
        assert int(headers_of(record)["log_position"]) == position[(value["id"],
                                                                    value["version"])]
        by_partition[record.partition].append(record)
    for part in by_partition.values():
        logged = [int(headers_of(r)["log_position"]) for r in sorted(part, key=_offset)]
        assert logged == sorted(set(logged)), logged  # strictly increasing
    certificates = {str(r.originator_id) for r in rows if r.topic in topics_of(Certificate)}
    assert certificates == set(CERTIFICATES)
    _replays_equal_history(app, settings, position)


def _offset(record: Any) -> int:
    offset: int = record.offset
    return offset


def _replays_equal_history(app: Certificates, settings: Settings,
                           position: dict[tuple[str, int], int]) -> None:
    """Replaying a certificate's key gives its history, with its conversation's history woven
    in by log position (both share the key)."""
    for cert_id in CERTIFICATES:
        lines = history(app, UUID(cert_id))
        if cert_id in CONVERSATIONS:
            lines += history(app, UUID(CONVERSATIONS[cert_id]))
        lines.sort(key=lambda line: position[(line["id"], line["version"])])
        assert replay_certificate(settings, UUID(cert_id)) == lines, cert_id
        assert certificate_story(app, UUID(cert_id)) == lines, cert_id
