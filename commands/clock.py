"""Clock and id providers, injected into applications so tests control time and ids."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from uuid import UUID, uuid4

Clock = Callable[[], datetime]
IdFactory = Callable[[], UUID]


def system_clock() -> datetime:
    return datetime.now(UTC)


def new_id() -> UUID:
    return uuid4()
