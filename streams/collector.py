"""Python's cyclic garbage collector, relaxed while a consumer replays a topic, in the relay's
own process (``intyg relay``) and in each API process (``intyg serve``).

Reading a record makes a dozen small dicts (the JSON value, the opened fields, the validated
message, the folded document), so the collector's youngest generation fills every few records
and its full collections walk every object the process holds. On the shared machine a view's
rebuild ran 1.6-2 times as fast with the first threshold at 50,000 instead of 700 (none of what
the consumers make is cyclic: reference counting frees it). ``relaxed_collection`` also moves
what the process made before (modules, schemas, settings) out of the collector's sight. The
relay is alike: a batch of 500 events makes some 50,000 objects (stored events, opened fields,
history lines, messages) that outlive the youngest generation while the batch is built, and each
full collection then walked the whole process, 0.2-0.3 s of a 1,200-event catch-up. An API
process is alike: a Rehabstöd overview of a large unit makes some 100,000 objects (rows, cases,
their JSON) that the process keeps for the next request, and the full collections their making
set off were the overview's p99 (219 against 125 ms cold, 226 against 89 ms for another day, at
30,000 certificates in ``bench/rehabstod.py``, whose app runs with the serving setting).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

RELAXED = (50_000, 20, 100)


@contextmanager
def relaxed_collection() -> Iterator[None]:
    """The collector relaxed for the block, as it was after."""
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*RELAXED)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def relax_collection_for_process() -> None:
    """The collector relaxed for the rest of the process's life, what it made so far (modules,
    schemas, the app) moved out of its sight: for a process that serves until it stops."""
    gc.freeze()
    gc.set_threshold(*RELAXED)
