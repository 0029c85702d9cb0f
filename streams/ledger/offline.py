"""The offline verifier of a proof (``intyg verify-proof``): needs the proof and the ledger's
public key, no database, no broker. Pure apart from the signature library."""

from __future__ import annotations

import binascii
from collections.abc import Sequence
from typing import Any

from streams.ledger.leaves import Leaf
from streams.ledger.merkle import verify_inclusion
from streams.ledger.signing import ring_of, signed_by_ring

PROOF_FORMAT = "intyg-ledger-proof-v1"


def check_proof(proof: dict[str, Any], public_key: str | Sequence[str]) -> list[str]:
    """Every reason the proof fails; empty when it holds: the digest is signed by the key it
    names (one of ``public_key``: the ledger's keys, current and retired) and each event's leaf
    leads, by its audit path, to the digest's root."""
    try:
        return _problems(proof, public_key)
    except (KeyError, TypeError, ValueError, AttributeError, binascii.Error):
        return ["the proof is not in the intyg-ledger-proof-v1 format"]


def _problems(proof: dict[str, Any], public_key: str | Sequence[str]) -> list[str]:
    if proof.get("format") != PROOF_FORMAT:
        return ["the proof is not in the intyg-ledger-proof-v1 format"]
    digest = proof["digest"]
    if digest is None:
        return [f"no signed digest covers any event yet ({proof['pending']} pending)"]
    problems = []
    ring = ring_of(public_key)
    if digest["key_id"] not in ring:
        problems.append(f"digest {digest['digest']}: signed by key {digest['key_id']}, which "
                        "is not among the public keys given")
    elif not signed_by_ring(digest, ring):
        problems.append(f"digest {digest['digest']}: the signature does not hold for this key")
    root, size = bytes.fromhex(digest["root"]), int(digest["tree_size"])
    if not proof["events"]:
        problems.append("the proof proves no event")
    for event in proof["events"]:
        where = f"event at position {event['position']}"
        if event.get("missing"):
            problems.append(f"{where}: the stored row is missing")
            continue
        if str(event["aggregate_id"]) != str(proof["aggregate_id"]):
            problems.append(f"{where}: belongs to another aggregate")
        path = [bytes.fromhex(node) for node in event["audit_path"]]
        if not verify_inclusion(int(event["leaf_index"]), size, Leaf.from_json(event).hash(),
                                path, root):
            problems.append(f"{where}: not included in digest {digest['digest']} as it is")
    return problems
