"""A view's feed as a member of a Kafka consumer group (``INTYG_VIEW_GROUPS=true``), so several
processes of one view, on one machine or several, share the topic's partitions.

The group only decides who reads which partition. Where a partition goes on is still the
view's own: its database holds the last offset applied per partition (``consumer_position``),
written in the transaction of the rows, and nothing is committed to Kafka. When the group hands
a partition to a member, the member seeks to the stored position (the first message not yet
applied); when it takes one away, the member has nothing to hand back: every batch it polled
was applied and recorded before it polled again, and a rebalance happens inside a poll.

Should a member stall past its session (so the group moves its partitions on while it still
applies a batch), the event ids and forward-only positions keep the view right: the later of
the two transactions fails and is retried, never applied twice.

Without groups (the default) every process of a view reads every partition, assigned by hand
(``streams.feed_partitions``): a single process per view restarts without waiting out a
dead member's session.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

import structlog
from kafka import KafkaConsumer, TopicPartition
from kafka.consumer.subscription_state import ConsumerRebalanceListener

from commands.settings import Settings
from streams.topics import certificates_topic

log = structlog.get_logger("streams.membership")
# A killed member's partitions move on after this (the broker's smallest allowed session by
# default); heartbeats go three times within it.
SESSION_TIMEOUT_MS = 6_000
HEARTBEAT_INTERVAL_MS = 2_000
Seek = Callable[[list[TopicPartition]], None]


def group_of(settings: Settings, consumer: str) -> str:
    """The view's group: one per view and topic prefix (groups are broker-wide)."""
    return f"{settings.kafka_topic_prefix}intyg.view.{consumer}"


def feed_consumer(settings: Settings, name: str, seek: Seek, *, metadata_max_age_ms: int
                  ) -> tuple[KafkaConsumer, StoredPositions | None]:
    """The consumer of a view's feed, committing nothing to Kafka: in the view's group (with
    its listener) under ``INTYG_VIEW_GROUPS``, else in none (the feed assigns by hand)."""
    config: dict[str, Any] = {
        "bootstrap_servers": settings.kafka_bootstrap_servers, "enable_auto_commit": False,
        "auto_offset_reset": "earliest", "isolation_level": "read_committed",
        "metadata_max_age_ms": metadata_max_age_ms}
    if not settings.view_groups:
        return KafkaConsumer(group_id=None, **config), None
    consumer = KafkaConsumer(group_id=group_of(settings, name),
                             session_timeout_ms=SESSION_TIMEOUT_MS,
                             heartbeat_interval_ms=HEARTBEAT_INTERVAL_MS, **config)
    listener = StoredPositions(name, seek)
    consumer.subscribe([certificates_topic(settings)], listener=listener)
    return consumer, listener


class StoredPositions(ConsumerRebalanceListener):  # type: ignore[misc]
    """Seeks each partition the group assigns to the view's stored position."""

    def __init__(self, consumer: str, seek: Seek) -> None:
        self.consumer, self._seek = consumer, seek
        self.assigned: frozenset[int] = frozenset()

    def on_partitions_revoked(self, revoked: Collection[TopicPartition]) -> None:
        self.assigned = self.assigned - {tp.partition for tp in revoked}
        log.info("partitions_revoked", consumer=self.consumer,
                 partitions=sorted(tp.partition for tp in revoked), held=sorted(self.assigned))

    def on_partitions_assigned(self, assigned: Collection[TopicPartition]) -> None:
        self._seek(list(assigned))
        self.assigned = self.assigned | {tp.partition for tp in assigned}
        log.info("partitions_assigned", consumer=self.consumer,
                 partitions=sorted(tp.partition for tp in assigned), held=sorted(self.assigned))
