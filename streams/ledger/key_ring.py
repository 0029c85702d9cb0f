"""The ledger's public keys from the settings, current and retired: each digest names the key
that signed it by ``key_id`` and is checked with that key. Rotating the signing key (``intyg
digest-rotate``) moves the old public key to INTYG_DIGEST_RETIRED_PUBLIC_KEYS, so digests signed
before keep verifying while only the new private key signs."""

from __future__ import annotations

from commands.settings import Settings
from streams.ledger.signing import public_key_of


def retired_keys(settings: Settings) -> list[str]:
    """The public keys of INTYG_DIGEST_RETIRED_PUBLIC_KEYS (comma-separated), in order."""
    return [key.strip() for key in settings.digest_retired_public_keys.split(",")
            if key.strip()]


def current_key(settings: Settings) -> str | None:
    """The public key of INTYG_DIGEST_SIGNING_KEY, or None when none is set."""
    key = settings.digest_signing_key
    if key is None or not key.get_secret_value():
        return None
    return public_key_of(key.get_secret_value())


def published_keys(settings: Settings) -> list[str]:
    """Every public key a digest of this ledger may name: the current one first, then the
    retired ones (each once)."""
    current = current_key(settings)
    keys = ([current] if current else []) + retired_keys(settings)
    return list(dict.fromkeys(keys))
