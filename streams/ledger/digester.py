"""The digest process: records a leaf for every stored event in log order, signs the Merkle
root at intervals (Ed25519), stores each signed digest and, in production, publishes it on the
digests topic. Runs as ``intyg digest`` or inside ``intyg serve`` (INTYG_DIGEST_IN_SERVE).

One digest process per store: the leaf index is the row's place in the log."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import UTC, datetime
from typing import Any

import structlog

from commands.certificates import Certificates
from commands.settings import Settings
from streams.database import Database
from streams.ledger.leaves import leaf_of
from streams.ledger.merkle import GrowingRoot
from streams.ledger.signing import key_id, public_key_of, sign
from streams.ledger.store import LedgerStore
from streams.ledger.wire import to_wire
from streams.relay import TRANSIENT
from streams.relay_producer import ProducerFactory, kafka_producers
from streams.topics import digests_topic

log = structlog.get_logger("streams.ledger")
DIGEST_ID_NAMESPACE = uuid.UUID("0c7e5d52-3b8f-4d0e-9a51-6f2d8e4b1a97")
DIGEST_KEY = b"intyg-ledger"
SOURCE = "/intyg/ledger"
CE_TYPE = "se.intyg.ledger.DigestSigned.v1"


class DigestKeyMissingError(ValueError):
    """The digest process cannot sign without INTYG_DIGEST_SIGNING_KEY."""


def signing_key(settings: Settings) -> str:
    key = settings.digest_signing_key
    if key is None or not key.get_secret_value():
        raise DigestKeyMissingError("INTYG_DIGEST_SIGNING_KEY is not set; make one with "
                                    "`intyg digest-keygen`.")
    return key.get_secret_value()


class Digester:
    def __init__(self, app: Certificates, settings: Settings, db: Database,
                 producers: ProducerFactory | None = None) -> None:
        self.app, self.settings = app, settings
        self._key = signing_key(settings)
        self._key_id = key_id(public_key_of(self._key))
        self.store = LedgerStore(db)
        self._publishes = settings.is_production
        self._producers = producers or kafka_producers(settings)
        self._tree = GrowingRoot()
        for leaf in self.store.leaves():
            self._tree.append(leaf.hash())
        self._last_position = self.store.size_and_last_position()[1]

    def record_new_events(self, batch: int = 1000) -> int:
        """Append a leaf for each event stored since the last one recorded."""
        notifications = self.app.recorder.select_notifications(self._last_position + 1, batch)
        leaves = [leaf_of(n) for n in notifications]
        if not leaves:
            return 0
        self.store.append(self._tree.size, leaves)
        for leaf in leaves:
            self._tree.append(leaf.hash())
        self._last_position = leaves[-1].position
        return len(leaves)

    def sign_if_grown(self) -> dict[str, Any] | None:
        """Sign and store a digest of the tree as it stands, unless the last one covers it."""
        latest = self.store.latest_digest()
        if self._tree.size == 0 or (latest and latest["tree_size"] == self._tree.size):
            return None
        digest: dict[str, Any] = {
            "digest": (latest["digest"] + 1) if latest else 1, "tree_size": self._tree.size,
            "last_position": self._last_position, "root": self._tree.root.hex(),
            "signed_at": datetime.now(UTC).isoformat(timespec="microseconds"),
            "key_id": self._key_id}
        digest["signature"] = sign(digest, self._key)
        self.store.add_digest(digest)
        log.info("digest_signed", digest=digest["digest"], tree_size=digest["tree_size"],
                 last_position=digest["last_position"])
        return digest

    def publish_pending(self) -> int:
        """Publish every stored digest not yet acknowledged by the broker (production)."""
        if not self._publishes:
            return 0
        pending = self.store.digests(unpublished_only=True)
        if not pending:
            return 0
        producer = self._producers()  # a digest is rare: a producer per round, closed after it
        try:
            for digest in pending:
                producer.send(digests_topic(self.settings), key=DIGEST_KEY,
                              value=to_wire(digest), headers=_headers(digest),
                              partition=0).get(timeout=30)
                self.store.mark_published(digest["digest"])
        finally:
            producer.close(timeout=5)
        return len(pending)

    def catch_up(self) -> dict[str, Any] | None:
        """Record everything stored so far, sign, publish: one pass (``intyg digest --once``).
        With the broker away the digest stays stored as unpublished for the next pass."""
        digest = self.record_all_and_sign()
        self.publish_or_keep()
        return digest

    def record_all_and_sign(self) -> dict[str, Any] | None:
        while self.record_new_events():
            pass
        return self.sign_if_grown()

    def publish_or_keep(self) -> None:
        try:
            self.publish_pending()
        except TRANSIENT as error:  # stored and signed: the next pass or round publishes it
            log.warning("digest_not_published", error=type(error).__name__)

    def run(self, stop: threading.Event, idle_seconds: float = 0.5) -> None:
        """Record continuously; sign every ``digest_interval_seconds`` when the log grew."""
        next_signing = time.monotonic() + self.settings.digest_interval_seconds
        while not stop.is_set():
            try:
                recorded = self.record_new_events()
                if time.monotonic() >= next_signing:
                    self.sign_if_grown()
                    next_signing = time.monotonic() + self.settings.digest_interval_seconds
                self.publish_pending()
            except TRANSIENT as error:
                log.warning("digest_retrying", error=type(error).__name__)
                stop.wait(2.0)
                continue
            if not recorded:
                stop.wait(idle_seconds)


def _headers(digest: dict[str, Any]) -> list[tuple[str, bytes]]:
    ce_id = uuid.uuid5(DIGEST_ID_NAMESPACE, f"{digest['key_id']}:{digest['digest']}")
    return [("ce_specversion", b"1.0"), ("ce_id", str(ce_id).encode()),
            ("ce_type", CE_TYPE.encode()), ("ce_source", SOURCE.encode()),
            ("ce_subject", str(digest["digest"]).encode()),
            ("ce_time", str(digest["signed_at"]).encode()),
            ("content-type", b"application/json")]
