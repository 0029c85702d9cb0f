"""The offline verifier (``intyg verify-proof``): a signed digest and audit paths, no store."""

from __future__ import annotations

import copy
from typing import Any

from streams.ledger.leaves import Leaf
from streams.ledger.merkle import MerkleTree
from streams.ledger.offline import PROOF_FORMAT, check_proof
from streams.ledger.signing import key_id, new_signing_key, public_key_of, sign

AGGREGATE = "0b1e7c7e-3a9f-4bd1-9d8a-2f6c1e0a5b11"


def ledger_proof(signing_key: str) -> dict[str, Any]:
    """A proof of the three events of one aggregate among ten stored events."""
    rows = [Leaf(p, AGGREGATE if p % 3 == 0 else f"other-{p}", p, "domain.Event",
                 f"{p:064x}") for p in range(1, 11)]
    tree = MerkleTree([leaf.hash() for leaf in rows])
    digest: dict[str, Any] = {"digest": 1, "tree_size": 10, "last_position": 10,
                              "root": tree.root.hex(), "signed_at": "2026-12-06T19:00:00+00:00",
                              "key_id": key_id(public_key_of(signing_key))}
    digest["signature"] = sign(digest, signing_key)
    events = [{"leaf_index": i, "missing": False, **leaf.to_json(),
               "audit_path": [n.hex() for n in tree.audit_path(i)]}
              for i, leaf in enumerate(rows) if leaf.aggregate_id == AGGREGATE]
    return {"format": PROOF_FORMAT, "aggregate_id": AGGREGATE, "digest": digest,
            "events": events, "pending": 0}


def test_proof_holds_when_nothing_was_changed() -> None:
    key = new_signing_key()
    assert check_proof(ledger_proof(key), public_key_of(key)) == []


def test_proof_fails_naming_the_event_when_its_stored_bytes_changed() -> None:
    key = new_signing_key()
    proof = ledger_proof(key)
    proof["events"][1]["state_sha256"] = "f" * 64
    assert check_proof(proof, public_key_of(key)) == [
        "event at position 6: not included in digest 1 as it is"]


def test_proof_fails_when_checked_with_another_key_or_a_changed_root() -> None:
    key = new_signing_key()
    assert check_proof(ledger_proof(key), public_key_of(new_signing_key()))[0].startswith(
        "digest 1: signed by key ")  # the key it names is not the one given
    proof = copy.deepcopy(ledger_proof(key))
    proof["digest"]["root"] = "00" * 32
    assert "digest 1: the signature does not hold for this key" in check_proof(
        proof, public_key_of(key))


def test_proof_is_refused_plainly_when_it_is_not_a_proof() -> None:
    key = public_key_of(new_signing_key())
    assert check_proof({"format": PROOF_FORMAT}, key) == [
        "the proof is not in the intyg-ledger-proof-v1 format"]
    assert check_proof({"format": PROOF_FORMAT, "digest": {}, "events": []}, "not-base64") == [
        "the proof is not in the intyg-ledger-proof-v1 format"]
