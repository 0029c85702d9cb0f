"""The digest process's settings: it never starts without its key."""

from __future__ import annotations

import pytest

from commands.settings import Settings


def test_settings_are_refused_when_serve_should_digest_without_a_key() -> None:
    with pytest.raises(ValueError, match="INTYG_DIGEST_SIGNING_KEY"):
        Settings(digest_in_serve=True)


def test_settings_are_refused_when_the_interval_is_not_positive() -> None:
    with pytest.raises(ValueError, match="digest_interval_seconds"):
        Settings(digest_interval_seconds=0)


def test_settings_are_refused_when_a_retired_public_key_is_not_32_bytes_of_base64() -> None:
    """Hardening item 5 (issue 12 leftovers): a rotation's retired keys are checked at start."""
    with pytest.raises(ValueError, match="INTYG_DIGEST_RETIRED_PUBLIC_KEYS"):
        Settings(digest_retired_public_keys="AAAA,not-a-key")
