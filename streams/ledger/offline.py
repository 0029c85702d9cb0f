"""The offline verifier of a proof (``intyg verify-proof``): needs the proof and the ledger's
public key, no database, no broker. Pure apart from the signature library."""

from __future__ import annotations

import binascii
from typing import Any

from streams.ledger.leaves import Leaf
from streams.ledger.merkle import verify_inclusion
from streams.ledger.signing import key_id, signature_holds

PROOF_FORMAT = "intyg-ledger-proof-v1"


def check_proof(proof: dict[str, Any], public_key: str) -> list[str]:
    """Every reason the proof fails; empty when it holds: the digest is signed by the key and
    each event's leaf leads, by its audit path, to the digest's root."""
    try:
        return _problems(proof, public_key)
    except (KeyError, TypeError, ValueError, AttributeError, binascii.Error):
        return ["the proof is not in the intyg-ledger-proof-v1 format"]


def _problems(proof: dict[str, Any], public_key: str) -> list[str]:
    if proof.get("format") != PROOF_FORMAT:
        return ["the proof is not in the intyg-ledger-proof-v1 format"]
    digest = proof["digest"]
    if digest is None:
        return [f"no signed digest covers any event yet ({proof['pending']} pending)"]
    problems = []
    if digest["key_id"] != key_id(public_key) or not signature_holds(digest, public_key):
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
