"""The garbage collector relaxed while a consumer replays, and as it was afterwards."""

from __future__ import annotations

import gc

import pytest

from streams.collector import RELAXED, relaxed_collection


def test_the_collector_is_relaxed_within_the_block_and_restored_after_it():
    before = gc.get_threshold()
    with relaxed_collection():
        assert gc.get_threshold() == RELAXED
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_the_collector_is_restored_when_the_replay_fails():
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), relaxed_collection():
        raise RuntimeError("a replay that stops")
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
