"""One leaf per stored event row, in log order: its position, aggregate id, version, topic and
the SHA-256 of its stored bytes exactly as they rest (ciphertext when encrypted), so the ledger
never changes the shape of an event and survives crypto-shredding."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from streams.ledger.merkle import leaf_hash


@dataclass(frozen=True)
class Leaf:
    position: int
    aggregate_id: str
    version: int
    topic: str
    state_sha256: str

    def data(self) -> bytes:
        """The leaf's canonical bytes: a compact JSON array of its five fields."""
        fields = [self.position, self.aggregate_id, self.version, self.topic, self.state_sha256]
        return json.dumps(fields, separators=(",", ":"), ensure_ascii=True).encode()

    def hash(self) -> bytes:
        return leaf_hash(self.data())

    def to_json(self) -> dict[str, Any]:
        return {"position": self.position, "aggregate_id": self.aggregate_id,
                "version": self.version, "topic": self.topic, "state_sha256": self.state_sha256}

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> Leaf:
        return cls(int(value["position"]), str(value["aggregate_id"]), int(value["version"]),
                   str(value["topic"]), str(value["state_sha256"]))


def leaf_of(notification: Any) -> Leaf:
    """The leaf of a stored row as the store returns it (an eventsourcing ``Notification``)."""
    return Leaf(position=int(notification.id), aggregate_id=str(notification.originator_id),
                version=int(notification.originator_version), topic=str(notification.topic),
                state_sha256=hashlib.sha256(bytes(notification.state)).hexdigest())
