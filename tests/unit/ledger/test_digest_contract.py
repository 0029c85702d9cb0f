"""The digests topic's contract: the committed JSON Schema is the code's, and a signed digest
is a valid message of it."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from streams.ledger.signing import key_id, new_signing_key, public_key_of, sign
from streams.ledger.wire import SCHEMA_FILE, json_schema, to_wire


def a_digest() -> dict[str, Any]:
    key = new_signing_key()
    digest: dict[str, Any] = {"digest": 3, "tree_size": 120, "last_position": 131,
                              "root": "ab" * 32, "signed_at": "2026-12-06T19:00:00.000001+00:00",
                              "key_id": key_id(public_key_of(key))}
    return {**digest, "signature": sign(digest, key)}


def test_committed_schema_is_the_codes_when_compared() -> None:
    """Regenerate with ``python -m streams.ledger.wire`` when this fails after a change."""
    assert json.loads(SCHEMA_FILE.read_text()) == json_schema()


def test_signed_digest_is_a_valid_message_when_sent_as_stored() -> None:
    digest = a_digest()
    message = json.loads(to_wire(digest))
    jsonschema.validate(message, json.loads(SCHEMA_FILE.read_text()))
    assert message == digest


def test_digest_outside_the_contract_is_never_sent_when_a_field_is_missing() -> None:
    digest = a_digest()
    del digest["signature"]
    with pytest.raises(ValueError, match="signature"):
        to_wire(digest)
