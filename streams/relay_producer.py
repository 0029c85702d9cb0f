"""The relay's Kafka producer and its settings, chosen by measurement on this machine (a
matrix of settings sending 4,800 of the relay's own messages, 911 bytes on average, to the
local broker; then ``bench/relay.py``, which sends the relay's messages again through a bare
producer with these same settings).

- ``compression_type``: zstd. The sealed messages shrink to 0.28-0.31 of their size (lz4
  0.39-0.41, gzip 0.26-0.27) at about the producer CPU of no compression (49-53 us a message
  against 47-65; lz4 53-68, gzip 67-72): kafka-python's own work per message outweighs the
  codec's, and the broker stores and serves a third of the bytes.
- ``linger_ms`` 50 and ``batch_size`` 1 MiB: the relay flushes at the end of each of its
  batches (it records its position only once the broker acknowledged), so lingering adds no
  latency there; it only keeps the sender from shipping small pieces while the relay is still
  adding to a batch. Without compression, 5 ms and 16 KiB gave 1,800 messages/s and 90 us of
  CPU a message; 20 ms and 256 KiB 4,400 and 44 us; 50 ms and 1 MiB 8,500 and 40 us. A relay
  batch (at most 500 events, about 450 KB over three partitions) goes out in one request.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from kafka import KafkaProducer

from commands.settings import Settings
from streams.topics import ensure_topics

PRODUCER_SETTINGS: dict[str, Any] = {
    "acks": "all", "enable_idempotence": True, "compression_type": "zstd",
    "linger_ms": 50, "batch_size": 1_048_576,
}


class Producer(Protocol):
    """What the relay needs of a producer: kafka-python's, or a recording fake in tests."""

    def send(self, topic: str, *, key: bytes, value: bytes, headers: list[tuple[str, bytes]],
             partition: int) -> Any: ...

    def partitions_for(self, topic: str) -> set[int]: ...

    def flush(self, timeout: float | None = None) -> None: ...

    def close(self, timeout: float | None = None) -> None: ...


ProducerFactory = Callable[[], Producer]


def make_producer(settings: Settings) -> KafkaProducer:
    return KafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers,
                         retries=20, retry_backoff_ms=250, request_timeout_ms=10_000,
                         max_block_ms=10_000, **PRODUCER_SETTINGS)


def kafka_producers(settings: Settings) -> ProducerFactory:
    """Builds the real producer (topics first); the relay calls it again after broker trouble."""

    def build() -> Producer:
        ensure_topics(settings)
        producer: Producer = make_producer(settings)
        return producer

    return build
