"""The verifiable ledger: a Merkle tree over the stored events, signed digests of its root,
inclusion proofs, and the checks that recompute all of it (docs/ledger.md)."""
