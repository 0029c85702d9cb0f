"""The published contract holds for real messages (issue 12, deliverable 4): a full demo run
plus a tour of what the demo never does, relayed to the real Kafka in production mode, and every
record on every topic read back as a downstream team would: the CloudEvents SDK's Kafka binding
parses it, and its key, headers, value and content validate against streams/contract/."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

import pytest

from api.demo.seed import seed_demo
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from domain.content.registry import CONTENT_SPECS
from streams.asyncapi import AUTHORITIES, RECIPIENT_EVENTS
from streams.database import Database
from streams.relay import Relay
from streams.schemas import MESSAGES
from streams.topics import certificates_topic, dead_letter_topic, recipient_topic
from streams.unseal import opened_records, opener_for
from tests.factories import FakeClock
from tests.factories.contract_check import check_record, document
from tests.factories.contract_tour import tour
from tests.integration.kafka_support import headers_of, kafka_settings, read_topic
from tests.type_examples import TODAY

pytestmark = pytest.mark.kafka


@pytest.fixture(scope="module")
def published() -> Iterator[dict[str, list[Any]]]:
    """Every record of the run, per channel of the AsyncAPI document."""
    with kafka_settings() as settings:
        clock = FakeClock(TODAY)
        app = Certificates(eventsourcing_env(settings), clock=clock)
        try:
            seed_demo(app)  # as `intyg demo` seeds it
            tour(app, clock)
            Relay(app, settings, Database(settings)).run_until_caught_up(timeout=240)
        finally:
            app.close()
        yield _records(settings)


def _records(settings: Settings) -> dict[str, list[Any]]:
    """The records per channel, and under "opened" each record's value as a consumer with key
    access opens it (docs/sealing.md), in the same order as certificates + recipient."""
    found = {"certificates": read_topic(settings, certificates_topic(settings)),
             "recipient": [r for authority in AUTHORITIES
                           for r in read_topic(settings, recipient_topic(settings, authority))],
             "deadletter": read_topic(settings, dead_letter_topic(settings))}
    both = [*found["certificates"], *found["recipient"]]
    found["opened"] = [value for _, value in opened_records(both, opener_for(settings))]
    return found


def test_every_record_of_a_demo_run_fits_the_contract_when_read_with_standard_tools(published):
    """Issue 12 item 4. Every event type and every certificate type's
    content (each in the content version written today) is on the wire, and each record
    passes the CloudEvents SDK and the JSON Schemas of streams/contract/."""
    events: Counter[str] = Counter()
    contents: set[tuple[str, int]] = set()
    opened = iter(published["opened"])
    for channel in ("certificates", "recipient"):
        for record in published[channel]:
            value = check_record(channel, record, next(opened))
            events[f"{channel}:{value['event']}"] += 1
            if "content_version" in value["data"]:
                contents.add((value["data"]["type_id"], value["data"]["content_version"]))
    assert {e.split(":")[1] for e in events if e.startswith("certificates:")} == set(MESSAGES)
    assert {e.split(":")[1] for e in events if e.startswith("recipient:")} == \
        set(RECIPIENT_EVENTS)
    assert contents == {(spec.type_id, spec.version) for spec in CONTENT_SPECS.values()}
    assert published["deadletter"] == []


def test_deduplicating_on_ce_id_keeps_every_event_where_key_and_version_would_not(published):
    """The consumer's guide (docs/consumers.md): a conversation shares its certificate's key
    but counts its own versions, so (key, version) repeats while ce_id never does."""
    records = published["certificates"]
    ce_ids = [headers_of(r)["ce_id"] for r in records]
    by_key_version = Counter((r.key, headers_of(r)["aggregate_version"]) for r in records)
    assert len(set(ce_ids)) == len(records)
    assert any(count > 1 for count in by_key_version.values())


def test_a_recipient_copy_carries_the_same_ce_id_as_the_original(published):
    originals = {headers_of(r)["ce_id"]: r.value for r in published["certificates"]}
    for record in published["recipient"]:
        headers = headers_of(record)
        assert originals[headers["ce_id"]] == record.value
        assert record.topic.endswith(f"intyg.recipient.{headers['recipient']}.v1")


def test_log_position_rises_along_each_partition_with_gaps(published):
    """Ordered per partition only, and with gaps where internal events were not published."""
    positions: dict[int, list[int]] = defaultdict(list)
    for record in published["certificates"]:
        positions[record.partition].append(int(headers_of(record)["log_position"]))
    assert all(p == sorted(p) and len(set(p)) == len(p) for p in positions.values())
    every = sorted(p for part in positions.values() for p in part)
    assert every[-1] - every[0] + 1 > len(every)  # gaps: the death registers and claims


def test_each_record_sits_on_the_partition_its_key_names(published):
    """The documented partitioner: murmur2(key) mod the topic's partitions (the channel
    binding's count), so a consumer can find a certificate's partition by its id."""
    from kafka.partitioner import murmur2

    partitions = document()["channels"]["certificates"]["bindings"]["kafka"]["partitions"]
    for record in [*published["certificates"], *published["recipient"]]:
        assert record.partition == (murmur2(record.key) & 0x7FFFFFFF) % partitions
