"""A command run once per ``Idempotency-Key``: a retry by the same caller gets the first result
and writes nothing (``domain.shared.idempotency``).

The key's claim rides along with the command's own save (``Certificates.save`` adds it), so
the command's events and the claim commit in one transaction: a command never takes effect
without its key being taken, and two requests with one key never both take effect (the store
refuses the second claim, and with it that command's events). The result is recorded on the
claim in a second, small transaction. A crash between the two leaves a claim without a
result; a retry then gets 409 (``RequestNotAnsweredError``) and the command is still not run
again: the client finds what it made in the lists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import RecordConflictError

from commands.results import CommandResult
from domain.certificates.lifecycle import CertificateState
from domain.shared.errors import StaleVersionError
from domain.shared.idempotency import RequestClaim, request_claim_id

_RIDING: ContextVar[RequestClaim | None] = ContextVar("riding_claim", default=None)


def riding_claims() -> tuple[RequestClaim, ...]:
    """The claim to save with whatever the running command saves (none outside ``run_once``)."""
    claim = _RIDING.get()
    return () if claim is None else (claim,)


@contextmanager
def _riding(claim: RequestClaim) -> Iterator[None]:
    token = _RIDING.set(claim)
    try:
        yield
    finally:
        _RIDING.reset(token)


def run_once(app: Application[UUID], *, caller: str, key: str, fingerprint: str,
             command: Callable[[], CommandResult]) -> CommandResult:
    """``command``'s result, run only if ``caller`` has not used ``key`` before; a retry of the
    same request (same ``fingerprint``) gets the first result, another request 422. ``app`` is
    the ``Certificates`` application, whose ``save`` takes the riding claim along."""
    found = _claim(app, request_claim_id(caller, key))
    if found is not None:
        return _result(found.check_same_request(fingerprint))
    claim = RequestClaim.claim(caller, key, fingerprint)
    try:
        with _riding(claim):
            result = command()
    except (StaleVersionError, RecordConflictError):
        raced = _claim(app, claim.id)  # the same key, at the same time, won the race
        if raced is None:
            raise
        return _result(raced.check_same_request(fingerprint))
    if claim.pending_events:  # the command wrote nothing, so neither did the claim
        return result
    claim.answer_given(_answer(result))
    with suppress(RecordConflictError):  # answered by another process: the first stands
        app.save(claim)
    return result


def _claim(app: Application[UUID], claim_id: UUID) -> RequestClaim | None:
    try:
        found: RequestClaim = app.repository.get(claim_id)
    except AggregateNotFoundError:
        return None
    return found


def _answer(result: CommandResult) -> dict[str, Any]:
    return {"id": str(result.id), "version": result.version, "position": result.position,
            "state": result.state.value, "changed": result.changed}


def _result(answer: dict[str, Any]) -> CommandResult:
    return CommandResult(id=UUID(answer["id"]), version=answer["version"],
                         position=answer["position"], state=CertificateState(answer["state"]),
                         changed=answer["changed"])
