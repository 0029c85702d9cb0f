"""The published contract of the digests topic (``<prefix>intyg.digests.v1``): one message
per signed digest, in order, all in partition 0 under the key ``intyg-ledger``, headers as on
the certificates topic (``ce_type`` se.intyg.ledger.DigestSigned.v1, ``ce_source``
/intyg/ledger, ``ce_subject`` the digest's number). Its JSON Schema is committed beside the
other schemas; regenerate it with ``python -m streams.ledger.wire`` after changing this."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_FILE = Path(__file__).parents[1] / "contract" / "ledger" / "DigestSigned.v1.schema.json"


class DigestSigned(BaseModel):
    """A signed Merkle root of the stored events. Verify the signature with the key at
    ``/.well-known/intyg-digest-key`` over ``intyg-ledger-digest-v1\\n`` followed by every
    other field as compact JSON with sorted keys (docs/ledger.md)."""

    model_config = ConfigDict(extra="forbid", title="DigestSigned")

    digest: int = Field(ge=1, description="The digest's number, from 1, without gaps.")
    tree_size: int = Field(ge=1, description="How many stored events (leaves) it covers.")
    last_position: int = Field(ge=1, description="The log position of its last leaf.")
    root: str = Field(pattern="^[0-9a-f]{64}$", description="The Merkle root, hex.")
    signed_at: str = Field(description="When it was signed (ISO 8601, UTC).")
    key_id: str = Field(pattern="^[0-9a-f]{16}$", description="The signing key's id.")
    signature: str = Field(description="Base64 Ed25519 signature.")


def to_wire(digest: dict[str, Any]) -> bytes:
    """The message value: the digest exactly as stored, checked against the contract."""
    return DigestSigned.model_validate(digest).model_dump_json().encode()


def json_schema() -> dict[str, Any]:
    return DigestSigned.model_json_schema()


if __name__ == "__main__":
    SCHEMA_FILE.parent.mkdir(parents=True, exist_ok=True)
    SCHEMA_FILE.write_text(json.dumps(json_schema(), indent=2) + "\n")
