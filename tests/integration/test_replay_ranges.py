"""Replay of the whole topic by event time and by offsets, on the real broker."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from streams.database import Database
from streams.relay import Relay
from streams.replay import replay_topic
from tests.flows import issue_lifecycles
from tests.integration.kafka_support import read_topic, value_of

pytestmark = pytest.mark.kafka


def events(lines: list[dict[str, object]]) -> set[tuple[object, object]]:
    return {(line["id"], line["version"]) for line in lines}


def test_since_and_until_split_the_topic_at_a_moment_when_replayed(settings, app):
    issue_lifecycles(app, 4)
    relay = Relay(app, settings, Database(settings))
    relay.run_until_caught_up()
    before = events([value_of(r) for r in read_topic(settings)])
    moment = datetime.now(UTC)
    issue_lifecycles(app, 3)
    relay.run_until_caught_up()
    everything = events([value_of(r) for r in read_topic(settings)])
    assert events(list(replay_topic(settings, until=moment))) == before
    assert events(list(replay_topic(settings, since=moment))) == everything - before
    naive = moment.replace(tzinfo=None)  # a time without a zone is UTC
    assert events(list(replay_topic(settings, since=naive))) == everything - before


def test_offsets_bound_every_partition_when_replayed(settings, app):
    issue_lifecycles(app, 6)
    Relay(app, settings, Database(settings)).run_until_caught_up()
    records = read_topic(settings)
    wanted = [value_of(r) for r in records if 1 <= r.offset <= 2]
    lines = list(replay_topic(settings, from_offset=1, to_offset=2))
    assert events(lines) == events(wanted) and len(lines) == len(wanted)
    assert len(list(replay_topic(settings))) == len(records)
