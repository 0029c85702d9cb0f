"""Envelope encryption of patient data (AES-256-GCM): a data key per patient, kept wrapped by the
master key, seals the patient's fields on the wire.

A sealed value names its key by the patient's blind index (``key_ref``), never by the
personnummer. Its associated data binds it to one field of one event (``<id>:<version>:<path>``),
so a ciphertext moved to another event or field does not open. A wrapped key is bound to its
blind index the same way.

The nonce of a sealed value is synthetic: an HMAC, under a key derived from the data key, of the
associated data and the plaintext. The same field of the same event always seals to the same
bytes, so a message the relay sends again after a crash is byte for byte the first copy; two
different fields or events never share a nonce (they differ in the associated data).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import json
import os
from typing import Any

import orjson
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

ALG = "A256GCM"
_NONCE_BYTES = 12


class UnreadableSealError(Exception):
    """A sealed value does not open with the key given (a destroyed key, another key, or an
    altered ciphertext). The message never repeats the value."""


class WrongMasterKeyError(Exception):
    """A data key is wrapped under another master key than the one given."""


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def fingerprint(master: bytes) -> str:
    """Names a master key without revealing it (stored beside each data key it wraps)."""
    return hashlib.sha256(b"intyg-master-key:" + master).hexdigest()[:16]


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def wrap(master: bytes, data_key: bytes, index: str) -> str:
    nonce = os.urandom(_NONCE_BYTES)
    return _b64(nonce + AESGCM(master).encrypt(nonce, data_key, index.encode()))


def unwrap(master: bytes, wrapped: str, index: str) -> bytes:
    raw = base64.b64decode(wrapped)
    try:
        return AESGCM(master).decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], index.encode())
    except InvalidTag:
        raise WrongMasterKeyError("A data key does not unwrap with this master key.") from None


def associated(aggregate_id: str, version: int, path: str) -> bytes:
    return f"{aggregate_id}:{version}:{path}".encode()


@functools.lru_cache(maxsize=1024)  # by the key's bytes: a forgotten key is never asked for
def _cipher(data_key: bytes) -> tuple[AESGCM, bytes]:
    """The key's cipher and the key its nonces are derived with (made once per key)."""
    return AESGCM(data_key), hmac.new(data_key, b"intyg-seal-nonce", hashlib.sha256).digest()


def _synthetic_nonce(nonce_key: bytes, aad: bytes, plain: bytes) -> bytes:
    framed = len(aad).to_bytes(4, "big") + aad + plain
    return hmac.new(nonce_key, framed, hashlib.sha256).digest()[:_NONCE_BYTES]


def seal(data_key: bytes, index: str, aad: bytes, value: Any) -> dict[str, str]:
    """``value`` (any JSON) sealed under the patient's data key (deterministically)."""
    return seal_plain(data_key, index, aad,
                      json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode())


def seal_plain(data_key: bytes, index: str, aad: bytes, plain: bytes) -> dict[str, str]:
    """A JSON value already encoded (``plain``) sealed as ``seal`` seals a value."""
    cipher, nonce_key = _cipher(data_key)
    nonce = _synthetic_nonce(nonce_key, aad, plain)
    return {"alg": ALG, "key_ref": index, "nonce": _b64(nonce),
            "ciphertext": _b64(cipher.encrypt(nonce, plain, aad))}


def is_sealed(value: Any) -> bool:
    return isinstance(value, dict) and value.get("alg") == ALG and "ciphertext" in value


def open_sealed(data_key: bytes, sealed: dict[str, Any], aad: bytes) -> Any:
    """The JSON value a sealed value holds; raises ``UnreadableSealError`` when it does not
    open with this key."""
    try:
        nonce = base64.b64decode(sealed["nonce"])
        plain = _cipher(data_key)[0].decrypt(nonce, base64.b64decode(sealed["ciphertext"]), aad)
    except (InvalidTag, KeyError, ValueError, TypeError):
        raise UnreadableSealError("A sealed value does not open with this key.") from None
    return orjson.loads(plain)  # as json.loads reads it, a few times faster
