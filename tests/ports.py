"""Ports for the servers tests start (uvicorn, ``intyg serve``/``intyg run``, a broker of a
test's own), one helper for the whole suite.

A port the kernel handed out for binding port 0 lies in its ephemeral range
(``/proc/sys/net/ipv4/ip_local_port_range``), the range it also takes the local ports of
outgoing connections from: between the probe and the server's bind, any connection on the
machine (a Kafka client, a PostgreSQL pool) could take it. These ports lie below that range, so
only a process that binds the same port by number could take one first.
"""

from __future__ import annotations

import random
import socket
from collections.abc import Sequence
from pathlib import Path

LOWEST, HIGHEST = 20_000, 32_000
KEPT_FOR_HAND = frozenset({5432, 9092, 9093, *range(8800, 8900)})
"""The shared PostgreSQL and Kafka, and the ports engineers start servers on by hand."""
_EPHEMERAL = Path("/proc/sys/net/ipv4/ip_local_port_range")
_LINUX_DEFAULT_EPHEMERAL = range(32_768, 61_000)
_TRIES = 200
# Not the module-level generator: a test that seeds it would make two workers pick alike.
_pick = random.SystemRandom()


def ephemeral_range() -> range:
    """The kernel's range for the local ports of outgoing connections."""
    try:
        low, high = (int(n) for n in _EPHEMERAL.read_text(encoding="ascii").split())
    except (OSError, ValueError):
        return _LINUX_DEFAULT_EPHEMERAL
    return range(low, high + 1)


def candidate_ports() -> list[int]:
    """The ports ``free_port`` picks from: LOWEST to HIGHEST, none ephemeral or kept."""
    ephemeral = ephemeral_range()
    return [port for port in range(LOWEST, HIGHEST + 1)
            if port not in ephemeral and port not in KEPT_FOR_HAND]


def free_port(among: Sequence[int] | None = None) -> int:
    """A port nobody has bound right now on 127.0.0.1, at random ``among`` the given ports
    (``candidate_ports()`` by default)."""
    candidates = candidate_ports() if among is None else list(among)
    if not candidates:
        raise RuntimeError(f"no port in {LOWEST}-{HIGHEST} lies below the ephemeral range")
    for port in _pick.sample(candidates, min(_TRIES, len(candidates))):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port among {min(_TRIES, len(candidates))} tried")
