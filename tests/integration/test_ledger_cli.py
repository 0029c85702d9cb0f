"""``intyg digest`` and ``intyg verify`` in production (PostgreSQL and Kafka): the digests go
out on the digests topic, and verify checks the store against the ledger and the ledger
against what Kafka holds."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from kafka.errors import KafkaTimeoutError

from commands.certificates import Certificates
from commands.settings import Settings
from domain.shared.care import CareUnit, Staff
from streams.database import Database
from streams.ledger.digester import CE_TYPE, Digester
from streams.ledger.store import LedgerStore
from streams.relay import Relay
from streams.relay_producer import Producer
from streams.topics import digests_topic
from tests.factories.ledger import (
    SIGNING_KEY,
    findings_of,
    flip_one_byte,
    intyg,
    positions_of,
    swap_rows,
    with_digest_key,
)
from tests.flows import signed
from tests.integration.kafka_support import cli_env, headers_of, kafka_settings, read_topic


@pytest.fixture
def settings() -> Iterator[Settings]:
    with kafka_settings() as settings:
        yield with_digest_key(settings)


def env_of(settings: Settings) -> dict[str, str]:
    return {**cli_env(settings), "INTYG_DIGEST_SIGNING_KEY": SIGNING_KEY}


def published(app: Certificates, settings: Settings, unit: CareUnit, doctor: Staff,
              count: int = 3) -> list[object]:
    certificates = [signed(app, unit, doctor) for _ in range(count)]
    Relay(app, settings, Database(settings)).run_until_caught_up()
    return certificates


def test_intyg_verify_fails_naming_the_position_when_one_stored_byte_changed(
        settings: Settings, app: Certificates, unit: CareUnit, doctor: Staff) -> None:
    """Issue 12's acceptance: an untouched store passes; one byte changed in one stored event
    row in PostgreSQL, and `intyg verify` reports that event by its position and fails."""
    certificates = published(app, settings, unit, doctor)
    digested = intyg(env_of(settings), "digest", "--once")
    assert digested.returncode == 0, digested.stderr
    assert json.loads(digested.stdout)["tree_size"] == app.recorder.max_notification_id()
    untouched = intyg(env_of(settings), "verify")
    assert untouched.returncode == 0, untouched.stdout + untouched.stderr
    assert json.loads(untouched.stdout.splitlines()[-1])["ok"] is True
    position = positions_of(app, certificates[0])[1]
    flip_one_byte(settings, position)
    altered = intyg(env_of(settings), "verify")
    assert altered.returncode == 1
    assert findings_of(altered.stdout) == [
        {"problem": "altered", "detail": "changed: stored bytes", "position": position}]


def test_digest_goes_out_on_the_digests_topic_when_signed(
        settings: Settings, app: Certificates, unit: CareUnit, doctor: Staff) -> None:
    published(app, settings, unit, doctor, count=2)
    digest = Digester(app, settings, Database(settings)).catch_up()
    records = read_topic(settings, digests_topic(settings))
    assert [json.loads(r.value) for r in records] == [digest]
    assert headers_of(records[0])["ce_type"] == CE_TYPE
    assert LedgerStore(Database(settings)).digests(unpublished_only=True) == []


def test_verify_finds_a_digest_on_kafka_when_it_was_removed_from_the_store(
        settings: Settings, app: Certificates, unit: CareUnit, doctor: Staff) -> None:
    """The latest digest deleted from the table (to hide what it covers) is still on Kafka."""
    published(app, settings, unit, doctor, count=1)
    Digester(app, settings, Database(settings)).catch_up()
    published(app, settings, unit, doctor, count=1)
    assert Digester(app, settings, Database(settings)).catch_up()["digest"] == 2
    with Database(settings).transaction() as tx:
        tx.execute("DELETE FROM ledger_digest WHERE digest = 2")
    found = intyg(env_of(settings), "verify")
    assert found.returncode == 1
    assert findings_of(found.stdout) == [{"problem": "kafka", "digest": 2, "detail":
                                          "published, but not in the store (or changed there)"}]


def test_kafka_names_both_positions_when_rows_were_swapped_before_the_ledger_saw_them(
        settings: Settings, app: Certificates, unit: CareUnit, doctor: Staff) -> None:
    """Rows swapped after the relay published them but before the digest recorded them: the
    store agrees with the ledger, but not with the events Kafka keeps."""
    certificates = published(app, settings, unit, doctor, count=2)
    first, second = positions_of(app, certificates[0])[0], positions_of(app, certificates[1])[0]
    swap_rows(settings, first, second)
    Digester(app, settings, Database(settings)).catch_up()
    found = intyg(env_of(settings), "verify")
    assert found.returncode == 1
    detail = "the published event is not the event recorded at this position"
    assert findings_of(found.stdout) == [{"problem": "kafka", "detail": detail, "position": p}
                                         for p in (first, second)]


def test_digest_stays_stored_and_goes_out_later_when_the_broker_was_away(
        settings: Settings, app: Certificates, unit: CareUnit, doctor: Staff) -> None:
    published(app, settings, unit, doctor, count=1)

    def broker_away() -> Producer:
        raise KafkaTimeoutError("Unable to bootstrap")

    digest = Digester(app, settings, Database(settings), producers=broker_away).catch_up()
    store = LedgerStore(Database(settings))
    assert [d["digest"] for d in store.digests(unpublished_only=True)] == [1]
    Digester(app, settings, Database(settings)).catch_up()
    assert store.digests(unpublished_only=True) == []
    assert [json.loads(r.value) for r in read_topic(settings, digests_topic(settings))] == [digest]
