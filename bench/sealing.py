"""What sealing costs per message, in-process (no servers, so it holds still on a busy
machine): the relay's to_wire + seal + JSON against to_wire + JSON, and a reader's JSON + open
+ parse_wire against JSON + parse_wire, over the golden messages of every sealed event type.
Run: ``.venv/bin/python bench/sealing.py --rounds 2000``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from streams.schemas import HISTORY_KEYS, parse_wire, to_wire
from streams.sealing.envelope import new_data_key
from streams.sealing.fields import SEALED_FIELDS, open_message, seal_message

GOLDEN_DIR = Path(__file__).resolve().parents[1] / "tests" / "golden"


def lines() -> list[dict[str, Any]]:
    """The history line of every sealed event's version 1 golden (the clear message)."""
    found = []
    for event in SEALED_FIELDS:
        old = json.loads((GOLDEN_DIR / f"{event}.v1.json").read_text())
        found.append({key: old[key] for key in HISTORY_KEYS})
    return found


def per_second(action: Callable[[], None], rounds: int, count: int) -> float:
    started = time.perf_counter()
    for _ in range(rounds):
        action()
    return rounds * count / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=2000)
    args = parser.parse_args()
    history, key, index = lines(), new_data_key(), os.urandom(32).hex()
    clear = [json.dumps(to_wire(line)).encode() for line in history]
    sealed = [json.dumps(seal_message(to_wire(line), index, key)).encode() for line in history]
    keys = {index: key}
    n = len(history)
    write_clear = per_second(lambda: [json.dumps(to_wire(line)) for line in history],
                             args.rounds, n)
    write_sealed = per_second(
        lambda: [json.dumps(seal_message(to_wire(line), index, key)) for line in history],
        args.rounds, n)
    read_clear = per_second(lambda: [parse_wire(json.loads(v)) for v in clear], args.rounds, n)
    read_sealed = per_second(
        lambda: [parse_wire(open_message(json.loads(v), keys)) for v in sealed], args.rounds, n)
    size = sum(map(len, sealed)) / sum(map(len, clear))
    print(f"{n} event types, {args.rounds} rounds; value size sealed / clear: {size:.2f}")
    print(f"write (to_wire + json):        {write_clear:9.0f} msg/s clear, "
          f"{write_sealed:9.0f} sealed, ratio {write_sealed / write_clear:.2f}")
    print(f"read (json + parse_wire):      {read_clear:9.0f} msg/s clear, "
          f"{read_sealed:9.0f} opened, ratio {read_sealed / read_clear:.2f}")
    print(f"command: {' '.join(sys.argv)}")


if __name__ == "__main__":
    main()
