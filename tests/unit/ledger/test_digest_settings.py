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
