"""Consumers read a topic whose batches are compressed with zstd, the codec chosen by
measurement (bench/compression.py; ``zstandard`` is a dependency so every consumer reads it)."""

from __future__ import annotations

import pytest
from kafka import KafkaProducer

from commands.certificates import Certificates
from commands.settings import Settings
from streams.consumer import KafkaFeed
from streams.database import Database
from streams.relay import Relay
from streams.status_view import CertificateStatusView
from streams.topics import certificates_topic, ensure_topics
from tests.flows import issue_lifecycles
from tests.integration.kafka_support import end_offsets, read_topic

pytestmark = pytest.mark.kafka


def fed(settings: Settings, db: Database, name: str) -> list[tuple[object, ...]]:
    view = CertificateStatusView(name)
    feed = KafkaFeed(settings, db, view)
    end = end_offsets(settings)
    while any(feed.consumer.position(tp) < end[tp.partition]
              for tp in feed.consumer.assignment()) or not feed.consumer.assignment():
        feed.poll_once()
    feed.close()
    with db.transaction() as tx:
        return view.rows(tx)


def test_a_view_fed_from_zstd_batches_equals_one_fed_from_plain_ones(settings: Settings,
                                                                      app: Certificates):
    db = Database(settings)
    issue_lifecycles(app, 4)
    Relay(app, settings, db).run_until_caught_up()
    compressed = settings.model_copy(
        update={"kafka_topic_prefix": f"z{settings.kafka_topic_prefix}"})
    ensure_topics(compressed)
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers, acks="all",
                             compression_type="zstd")
    for record in read_topic(settings):
        producer.send(certificates_topic(compressed), key=record.key, value=record.value,
                      headers=record.headers, partition=record.partition)
    producer.flush(timeout=30)
    producer.close()
    plain = fed(settings, db, "status-plain")
    assert plain
    assert fed(compressed, db, "status-zstd") == plain
