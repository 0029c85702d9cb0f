"""The partitions a view's Kafka feed reads, and where each one starts.

Without groups (the default) the feed reads every partition of the topic, assigned by hand, and
looks them up again as the consumer's metadata ages, so a partition added to the topic is read
from its beginning. With ``INTYG_VIEW_GROUPS`` the view's consumer group hands partitions out
(``streams.membership``). Either way a partition the feed is given starts after the last offset
the view's database applied: nothing is committed to Kafka.
"""

from __future__ import annotations

from collections.abc import Callable

import structlog
from kafka import TopicPartition

from commands.settings import Settings
from streams.membership import feed_consumer
from streams.topics import certificates_topic

log = structlog.get_logger("streams.feed_partitions")
StoredPositions = Callable[[], dict[int, int]]
"""The last offset the view's database applied, per partition."""


class FeedPartitions:
    """A view's Kafka consumer with its partitions: assigned by hand or by the view's group,
    each sought to the stored position."""

    def __init__(self, settings: Settings, name: str, stored: StoredPositions, *,
                 metadata_max_age_ms: int) -> None:
        self.name, self.topic, self._stored = name, certificates_topic(settings), stored
        self.consumer, self.membership = feed_consumer(
            settings, name, self.seek_to_stored, metadata_max_age_ms=metadata_max_age_ms)
        self._assigned: frozenset[int] = frozenset()

    def follow(self) -> bool:
        """Read every partition the topic has (again when partitions were added); a partition
        new to the feed starts after the last offset this database applied. False while the
        topic does not exist yet. In a group, the group assigns them (within a poll)."""
        if self.membership is not None:
            return True
        found = frozenset(self.consumer.partitions_for_topic(self.topic))
        if found != self._assigned:
            parts = [TopicPartition(self.topic, p) for p in sorted(found)]
            if parts:
                self.consumer.assign(parts)
                self.seek_to_stored([tp for tp in parts if tp.partition not in self._assigned])
                log.info("partitions_assigned", consumer=self.name, partitions=sorted(found))
            self._assigned = found
        return bool(found)

    def seek_to_stored(self, assigned: list[TopicPartition]) -> None:
        """Start each partition after the last offset this database applied."""
        stored = self._stored()
        for tp in assigned:
            if tp.partition in stored:
                self.consumer.seek(tp, stored[tp.partition] + 1)
            else:
                self.consumer.seek_to_beginning(tp)

    def caught_up(self) -> bool:
        """Whether the feed has read each of its partitions (by hand or the group's) to the end
        there is now."""
        parts = list(self.consumer.assignment())
        if not parts:
            return False
        end = self.consumer.end_offsets(parts)
        return all(self.consumer.position(tp) >= end[tp] for tp in parts)
