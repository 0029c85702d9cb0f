"""A recording fake of the Kafka producer, for the relay's tests without a broker."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kafka.errors import KafkaTimeoutError

from commands.settings import Settings
from streams.topics import certificates_topic


@dataclass
class Sent:
    topic: str
    key: bytes
    value: bytes
    headers: dict[str, str]
    partition: int


class Acked:
    def __init__(self, error: Exception | None = None) -> None:
        self.error = error

    def get(self, timeout: float | None = None) -> None:
        if self.error is not None:
            raise self.error


@dataclass
class RecordingProducer:
    """Keeps what the broker acknowledged; ``refuse`` makes every send fail like a lost broker."""

    refuse: bool = False
    acked: list[Sent] = field(default_factory=list)
    partitions: int = 3

    def partitions_for(self, topic: str) -> set[int]:
        return set(range(self.partitions))

    def send(self, topic: str, *, key: bytes, value: bytes, headers: list[tuple[str, bytes]],
             partition: int) -> Acked:
        if self.refuse:
            return Acked(KafkaTimeoutError("broker away"))
        self.acked.append(Sent(topic, key, value, {k: v.decode() for k, v in headers}, partition))
        return Acked()

    def flush(self, timeout: float | None = None) -> None:
        pass

    def close(self, timeout: float | None = None) -> None:
        pass


def on_main_topic(settings: Settings, producer: RecordingProducer) -> list[Any]:
    """What reached the certificates topic (sent certificates also go to a recipient topic)."""
    return [m for m in producer.acked if m.topic == certificates_topic(settings)]
