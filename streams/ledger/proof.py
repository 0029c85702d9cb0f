"""Inclusion proofs: for each event of one aggregate, the leaf of its stored row as it is now
and the audit path from that leaf to the root of the latest signed digest. Checked offline by
``streams.ledger.offline`` with the public key alone."""

from __future__ import annotations

from typing import Any

from commands.certificates import Certificates
from streams.ledger.leaves import Leaf, leaf_of
from streams.ledger.merkle import MerkleTree
from streams.ledger.offline import PROOF_FORMAT
from streams.ledger.store import LedgerStore


def prove(app: Certificates, store: LedgerStore, aggregate_id: str) -> dict[str, Any] | None:
    """The proof of every event of the aggregate the latest digest covers; None when no digest
    covers any of them yet."""
    digest = store.latest_digest()
    if digest is None:
        return None
    size = digest["tree_size"]
    covered = [(i, leaf) for i, leaf in store.indexed_leaves_of(aggregate_id) if i < size]
    if not covered:
        return None
    tree = MerkleTree([leaf.hash() for leaf in store.leaves()[:size]])
    events = [_event(app, index, leaf, tree) for index, leaf in covered]
    pending = len(store.indexed_leaves_of(aggregate_id)) - len(covered)
    return {"format": PROOF_FORMAT, "aggregate_id": aggregate_id, "digest": digest,
            "events": events, "pending": pending}


def _event(app: Certificates, index: int, recorded: Leaf, tree: MerkleTree) -> dict[str, Any]:
    """The row at the recorded position as stored now (``missing`` when it is gone)."""
    found = app.recorder.select_notifications(recorded.position, 1)
    now = leaf_of(found[0]) if found and found[0].id == recorded.position else None
    return {"leaf_index": index, "missing": now is None, **(now or recorded).to_json(),
            "audit_path": [node.hex() for node in tree.audit_path(index)]}
