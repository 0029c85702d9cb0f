"""A command run once per ``Idempotency-Key``: a retry by the same caller gets the first result
and writes nothing (``domain.shared.idempotency``).

``run_once`` lets the command run with the key pending; where the command saves
(``Certificates._save``, ``commands.questions``), ``claims_for`` turns the pending key into a
claim holding the command's result, saved first in the same transaction. So a command never
takes effect without its key being taken, two requests with one key never both take effect (the
store refuses the second claim, and with it that command's events), and a claim found always
stands for a command that took effect. The result's log position is known only after that
commit, so it is recorded on the claim in a second, small transaction. Should the process stop
between the two (or a retry arrive in that moment), the retry records the log head instead: a
position at or after the command's events, so reading one's own write still works.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import RecordConflictError

from commands.results import CommandResult
from domain.certificates.lifecycle import CertificateState
from domain.shared.errors import StaleVersionError
from domain.shared.idempotency import RequestClaim, request_claim_id


@dataclass
class _PendingKey:
    caller: str
    key: str
    fingerprint: str
    claim: RequestClaim | None = None


_PENDING: ContextVar[_PendingKey | None] = ContextVar("pending_key", default=None)


def claims_for(result: CommandResult, *saved: Aggregate | None) -> tuple[RequestClaim, ...]:
    """The claim to save first with ``saved``, the aggregates of a command whose result (but
    for its position) is ``result``; none outside ``run_once`` or when nothing is written."""
    pending = _PENDING.get()
    if pending is None or pending.claim is not None:
        return ()
    if not any(a is not None and a.pending_events for a in saved):
        return ()
    pending.claim = RequestClaim.claim(pending.caller, pending.key, pending.fingerprint,
                                       _stored(result))
    return (pending.claim,)


@contextmanager
def _key_pending(pending: _PendingKey) -> Iterator[None]:
    token = _PENDING.set(pending)
    try:
        yield
    finally:
        _PENDING.reset(token)


def run_once(app: Application[UUID], *, caller: str, key: str, fingerprint: str,
             command: Callable[[], CommandResult]) -> CommandResult:
    """``command``'s result, run only if ``caller`` has not used ``key`` before; a retry of the
    same request (same ``fingerprint``) gets the first result, another request 422."""
    found = _claim(app, request_claim_id(caller, key))
    if found is not None:
        return _answer(app, found, fingerprint)
    pending = _PendingKey(caller, key, fingerprint)
    try:
        with _key_pending(pending):
            result = command()
    except (StaleVersionError, RecordConflictError):
        raced = _claim(app, request_claim_id(caller, key))  # the key, at the same time, won
        if raced is None:
            raise
        return _answer(app, raced, fingerprint)
    if pending.claim is not None:
        _record_position(app, pending.claim, result.position)
    return result


def _answer(app: Application[UUID], claim: RequestClaim, fingerprint: str) -> CommandResult:
    result = claim.check_same_request(fingerprint)
    if claim.position is None:  # its first request stopped before recording it
        _record_position(app, claim, app.recorder.max_notification_id())
        claim = _claim(app, claim.id) or claim
        result = claim.result
    return _result(result)


def _record_position(app: Application[UUID], claim: RequestClaim, position: int | None) -> None:
    claim.answer_given(position)
    with suppress(RecordConflictError):  # recorded by a retry meanwhile: the first one stands
        app.save(claim)


def _claim(app: Application[UUID], claim_id: UUID) -> RequestClaim | None:
    try:
        found: RequestClaim = app.repository.get(claim_id)
    except AggregateNotFoundError:
        return None
    return found


def _stored(result: CommandResult) -> dict[str, Any]:
    return {"id": str(result.id), "version": result.version, "position": None,
            "state": result.state.value, "changed": result.changed}


def _result(stored: dict[str, Any]) -> CommandResult:
    return CommandResult(id=UUID(stored["id"]), version=stored["version"],
                         position=stored["position"], state=CertificateState(stored["state"]),
                         changed=stored["changed"])
