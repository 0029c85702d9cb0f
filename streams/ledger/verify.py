"""``intyg verify``: recompute the ledger from the stored event rows (and, in production, from
what Kafka holds) and check every signed digest. Each finding names the log position or the
digest it is about; any finding fails the check."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from commands.certificates import Certificates
from streams.ledger.leaves import Leaf, leaf_of
from streams.ledger.merkle import GrowingRoot
from streams.ledger.signing import ring_of, signed_by_ring
from streams.ledger.store import LedgerStore


@dataclass(frozen=True)
class Finding:
    problem: str  # altered, missing, inserted, digest, kafka
    detail: str
    position: int | None = None
    digest: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class Report:
    findings: list[Finding]
    leaves: int
    digests: int
    unrecorded: int  # events stored after the last recorded leaf (the next digest covers them)

    @property
    def ok(self) -> bool:
        return not self.findings

    def summary(self) -> dict[str, Any]:
        return {"ok": self.ok, "leaves": self.leaves, "digests": self.digests,
                "unrecorded": self.unrecorded, "findings": len(self.findings)}


def stored_leaves(app: Certificates, page: int = 1000) -> Iterator[Leaf]:
    """The leaf of every stored event row, in log order, as the rows are now."""
    start = 1
    while True:
        notifications = app.recorder.select_notifications(start, page)
        yield from (leaf_of(n) for n in notifications)
        if len(notifications) < page:
            return
        start = notifications[-1].id + 1


def compare_rows(recorded: list[Leaf], stored: list[Leaf]) -> tuple[list[Finding], int]:
    """Findings for every recorded row changed, gone or joined by a row it never had; and how
    many rows were stored after the last recorded one."""
    now = {leaf.position: leaf for leaf in stored}
    last = recorded[-1].position if recorded else 0
    known = {leaf.position for leaf in recorded}
    findings = []
    for leaf in recorded:
        found = now.get(leaf.position)
        if found is None:
            findings.append(Finding("missing", "the event row is gone", leaf.position))
        elif found != leaf:
            findings.append(Finding("altered", _what_changed(leaf, found), leaf.position))
    findings += [Finding("inserted", "a row the ledger never recorded", leaf.position)
                 for leaf in stored if leaf.position <= last and leaf.position not in known]
    findings.sort(key=lambda f: f.position or 0)
    return findings, sum(1 for leaf in stored if leaf.position > last)


def _what_changed(was: Leaf, now: Leaf) -> str:
    changed = [name for name in ("aggregate_id", "version", "topic", "state_sha256")
               if getattr(was, name) != getattr(now, name)]
    return "changed: " + ", ".join("stored bytes" if c == "state_sha256" else c for c in changed)


def check_digests(recorded: list[Leaf], digests: list[dict[str, Any]],
                  public_keys: str | Sequence[str]) -> list[Finding]:
    """Every digest: signed by the key it names (one of ``public_keys``: current and retired),
    numbered in sequence, and its root the root of the recorded leaves up to its size (which
    pins the leaves the rows were compared with)."""
    findings, tree, ring = [], GrowingRoot(), ring_of(public_keys)
    for number, digest in enumerate(digests, start=1):
        n = digest["digest"]
        if n != number:
            findings.append(Finding("digest", f"digest {number} is missing", digest=number))
        if digest["key_id"] not in ring:
            findings.append(Finding("digest", f"signed by key {digest['key_id']}, which is "
                                    "not among the public keys", digest=n))
        elif not signed_by_ring(digest, ring):
            findings.append(Finding("digest", "the signature does not hold", digest=n))
        if digest["tree_size"] > len(recorded) or digest["tree_size"] < tree.size:
            findings.append(Finding("digest", "its size does not fit the ledger", digest=n))
            continue
        while tree.size < digest["tree_size"]:
            tree.append(recorded[tree.size].hash())
        if tree.root.hex() != digest["root"]:
            findings.append(Finding("digest", "its root is not the root of the recorded "
                                    "leaves (the ledger table was changed)", digest=n))
        elif tree.size and recorded[tree.size - 1].position != digest["last_position"]:
            findings.append(Finding("digest", "its last position does not match", digest=n))
    return findings


def verify_store(app: Certificates, store: LedgerStore,
                 public_key: str | Sequence[str]) -> Report:
    recorded, digests = store.leaves(), store.digests()
    findings, unrecorded = compare_rows(recorded, list(stored_leaves(app)))
    findings += check_digests(recorded, digests, public_key)
    if not digests and (recorded or unrecorded):
        findings.append(Finding("digest", "no signed digest: nothing here can be verified "
                                "(run `intyg digest`)"))
    return Report(findings, len(recorded), len(digests), unrecorded)
