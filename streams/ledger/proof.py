"""Inclusion proofs: for each event of one aggregate, the leaf of its stored row as it is now
and the audit path from that leaf to the root of the latest signed digest. Checked offline by
``streams.ledger.offline`` with the public key alone."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.persistence import MapperDeserialisationError

from commands.certificates import Certificates
from streams.ledger.leaves import Leaf, leaf_of
from streams.ledger.merkle import MerkleTree
from streams.ledger.offline import PROOF_FORMAT
from streams.ledger.store import LedgerStore


def prove(app: Certificates, store: LedgerStore, aggregate_id: UUID) -> dict[str, Any]:
    """The proof of every event of the aggregate that the latest digest covers; the others
    (stored since, or all of them before a first digest) are counted as ``pending``."""
    stored = len(app.recorder.select_events(aggregate_id))
    digest = store.latest_digest()
    size = digest["tree_size"] if digest else 0
    covered = [(i, leaf) for i, leaf in store.indexed_leaves_of(str(aggregate_id)) if i < size]
    events = []
    if covered:
        tree = MerkleTree([leaf.hash() for leaf in store.leaves()[:size]])
        events = [_event(app, index, leaf, tree) for index, leaf in covered]
    return {"format": PROOF_FORMAT, "aggregate_id": str(aggregate_id), "digest": digest,
            "events": events, "pending": max(stored - len(covered), 0)}


def _event(app: Certificates, index: int, recorded: Leaf, tree: MerkleTree) -> dict[str, Any]:
    """The row at the recorded position as stored now (``missing`` when it is gone)."""
    found = app.recorder.select_notifications(recorded.position, 1)
    now = leaf_of(found[0]) if found and found[0].id == recorded.position else None
    return {"leaf_index": index, "missing": now is None, **(now or recorded).to_json(),
            "audit_path": [node.hex() for node in tree.audit_path(index)]}


def last_intact_version(app: Certificates, aggregate_id: UUID) -> int:
    """The version up to which the aggregate's stored events are whole: each deserialises and
    follows the one before (0: none is)."""
    intact = 0
    for stored in app.recorder.select_events(aggregate_id):
        if stored.originator_version != intact + 1:
            return intact
        try:
            app.mapper.to_domain_event(stored)
        except MapperDeserialisationError:
            return intact
        intact = stored.originator_version
    return intact
