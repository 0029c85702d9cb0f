"""The suite's one port helper (``tests/ports.py``) picks ports no outgoing connection can take
before a test's server binds them."""

from __future__ import annotations

import socket

import pytest

from tests.ports import HIGHEST, KEPT_FOR_HAND, LOWEST, ephemeral_range, free_port


def test_free_ports_lie_below_the_ephemeral_range_when_picked_for_a_server() -> None:
    """Review leftovers (h48) item 3: a port bound as port 0 came from the kernel's ephemeral
    range, where an outgoing connection could take it before the server bound it."""
    ephemeral = ephemeral_range()
    for _ in range(50):
        port = free_port()
        assert LOWEST <= port <= HIGHEST
        assert port not in ephemeral
        assert port not in KEPT_FOR_HAND  # 5432, 9092, 9093, 8800-8899: used by hand
        with socket.socket() as server:
            server.bind(("127.0.0.1", port))  # free indeed


def test_a_bound_port_is_never_picked_when_another_is_free() -> None:
    """Review leftovers (h48) item 3: the pick is checked by binding, not guessed."""
    with socket.socket() as held, socket.socket() as spare:
        held.bind(("127.0.0.1", free_port()))
        spare.bind(("127.0.0.1", free_port()))
        taken, other = held.getsockname()[1], spare.getsockname()[1]
        spare.close()
        assert {free_port(among=[taken, other]) for _ in range(20)} == {other}
        with pytest.raises(RuntimeError, match="no free port"):
            free_port(among=[taken])
