"""A child of ``intyg run`` stops when its supervisor dies, even by SIGKILL: the supervisor
names itself in the child's environment (``SUPERVISOR_ENV``), and the child asks the Linux
kernel for SIGTERM on its parent's death (``prctl(PR_SET_PDEATHSIG)``), so it finishes its unit
of work as on ``intyg run``'s own stop. Were the supervisor gone before the request, the child
stops at once. Elsewhere than Linux nothing is asked: run ``intyg run`` under something that
stops its whole process group there."""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Mapping, MutableMapping

SUPERVISOR_ENV = "INTYG_SUPERVISOR_PID"
_PR_SET_PDEATHSIG = 1


def supervised_env(env: Mapping[str, str]) -> dict[str, str]:
    """A child's environment naming this process as its supervisor."""
    return {**env, SUPERVISOR_ENV: str(os.getpid())}


def stop_with_supervisor(env: MutableMapping[str, str]) -> None:
    """In a supervised child: SIGTERM when the supervisor dies; SystemExit if it already has.
    The name is taken out of ``env``, so a process this child starts is not taken for one."""
    supervisor = env.pop(SUPERVISOR_ENV, "")
    if not supervisor.isdigit() or not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) != 0:
        return  # the kernel refused: the supervisor's own stop still reaches the child
    if os.getppid() != int(supervisor):
        raise SystemExit(0)  # the supervisor died before the request was made
