"""The ledger's Merkle tree against the RFC 6962 definition, and its audit paths."""

from __future__ import annotations

import hashlib

import pytest

from streams.ledger.merkle import (
    GrowingRoot,
    MerkleTree,
    leaf_hash,
    node_hash,
    verify_inclusion,
)


def rfc6962_root(leaves: list[bytes]) -> bytes:
    """MTH(D[n]) written as RFC 6962 §2.1 states it: split at the largest power of two < n."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return node_hash(rfc6962_root(leaves[:k]), rfc6962_root(leaves[k:]))


def leaves(n: int) -> list[bytes]:
    return [leaf_hash(f"event {i}".encode()) for i in range(n)]


@pytest.mark.parametrize("size", [0, 1, 2, 3, 4, 5, 7, 8, 9, 31, 33, 100])
def test_root_is_the_rfc6962_root_when_the_tree_has_any_size(size: int) -> None:
    assert MerkleTree(leaves(size)).root == rfc6962_root(leaves(size))


def test_growing_root_matches_the_whole_tree_when_leaves_come_one_by_one() -> None:
    grown, all_leaves = GrowingRoot(), leaves(70)
    for n, leaf in enumerate(all_leaves, start=1):
        grown.append(leaf)
        assert grown.root == rfc6962_root(all_leaves[:n])


@pytest.mark.parametrize("size", [1, 2, 3, 6, 13, 64, 65])
def test_every_leaf_is_proven_included_when_its_audit_path_is_followed(size: int) -> None:
    tree = MerkleTree(leaves(size))
    for index in range(size):
        assert verify_inclusion(index, size, leaves(size)[index], tree.audit_path(index),
                                tree.root)


def test_inclusion_fails_when_the_leaf_or_its_place_is_not_the_one_proven() -> None:
    tree, all_leaves = MerkleTree(leaves(13)), leaves(13)
    path = tree.audit_path(5)
    assert not verify_inclusion(5, 13, leaf_hash(b"event 5, changed"), path, tree.root)
    assert not verify_inclusion(6, 13, all_leaves[5], path, tree.root)
    assert not verify_inclusion(5, 3, all_leaves[5], path, tree.root)
    assert not verify_inclusion(5, 6, all_leaves[5], path, tree.root)
    assert not verify_inclusion(5, 13, all_leaves[5], path[:-1], tree.root)


def test_leaf_and_node_hashes_differ_when_given_the_same_bytes() -> None:
    """The 0x00/0x01 prefixes: an inner node can never pass for a leaf (second preimages)."""
    left, right = leaf_hash(b"a"), leaf_hash(b"b")
    assert leaf_hash(left + right) != node_hash(left, right)
