"""Ed25519 signatures over digests: the signing key from INTYG_DIGEST_SIGNING_KEY (base64 of
the 32-byte private key), the public key as base64 of its 32 raw bytes."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Sequence
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

MESSAGE_PREFIX = b"intyg-ledger-digest-v1\n"
SIGNED_FIELDS = ("digest", "tree_size", "last_position", "root", "signed_at", "key_id")


class InvalidKeyError(ValueError):
    """A key that is not base64 of 32 bytes."""


def _raw(key_b64: str) -> bytes:
    try:
        raw = base64.b64decode(key_b64.strip(), validate=True)
    except (binascii.Error, ValueError) as error:
        raise InvalidKeyError("the key is not base64") from error
    if len(raw) != 32:
        raise InvalidKeyError("the key must be 32 bytes (base64)")
    return raw


def new_signing_key() -> str:
    raw = Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw,
                                                     NoEncryption())
    return base64.b64encode(raw).decode()


def public_key_of(signing_key_b64: str) -> str:
    private = Ed25519PrivateKey.from_private_bytes(_raw(signing_key_b64))
    return base64.b64encode(private.public_key().public_bytes(Encoding.Raw,
                                                              PublicFormat.Raw)).decode()


def key_id(public_key_b64: str) -> str:
    """A short name of a public key: the first 16 hex digits of SHA-256 of its raw bytes."""
    return hashlib.sha256(_raw(public_key_b64)).hexdigest()[:16]


def message(digest: dict[str, Any]) -> bytes:
    """The exact bytes signed: a prefix, then the signed fields as sorted compact JSON."""
    fields = {name: digest[name] for name in SIGNED_FIELDS}
    return MESSAGE_PREFIX + json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()


def sign(digest: dict[str, Any], signing_key_b64: str) -> str:
    private = Ed25519PrivateKey.from_private_bytes(_raw(signing_key_b64))
    return base64.b64encode(private.sign(message(digest))).decode()


def signature_holds(digest: dict[str, Any], public_key_b64: str) -> bool:
    """True when ``digest['signature']`` is the key's signature of the digest's fields."""
    try:
        public = Ed25519PublicKey.from_public_bytes(_raw(public_key_b64))
        public.verify(base64.b64decode(str(digest["signature"]), validate=True),
                      message(digest))
    except (InvalidSignature, InvalidKeyError, KeyError, binascii.Error, ValueError, TypeError):
        return False
    return True


KeyRing = dict[str, str]  # key id -> base64 public key


def ring_of(public_keys: str | Sequence[str]) -> KeyRing:
    """The ledger's public keys by id (one key given alone is a ring of one); a key that is not
    base64 of 32 bytes raises InvalidKeyError."""
    keys = [public_keys] if isinstance(public_keys, str) else list(public_keys)
    return {key_id(key): key.strip() for key in keys if key.strip()}


def signed_by_ring(digest: dict[str, Any], ring: KeyRing) -> bool:
    """True when the key the digest names (``key_id``) is in the ring and its signature holds."""
    key = ring.get(str(digest.get("key_id")))
    return key is not None and signature_holds(digest, key)
