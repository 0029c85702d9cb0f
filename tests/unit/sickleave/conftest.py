"""Fixtures of the sick-leave tests."""

from __future__ import annotations

from collections.abc import Iterator
from unittest import mock

import pytest

import api.runtime.unit_cases as unit_cases


@pytest.fixture
def engine_reads() -> Iterator[mock.MagicMock]:
    """Counts the rows read into timelines for the engine (``read``), still reading them."""
    with mock.patch.object(unit_cases, "read", wraps=unit_cases.read) as reads:
        yield reads
