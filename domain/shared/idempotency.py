"""That a caller's request was taken once (an ``Idempotency-Key``): a client that lost the
answer to a creating command may send it again and gets the first answer, nothing written twice.

Each key claims an id derived from the caller and the key, saved in the same transaction as the
command's own events, so the store itself refuses a second command with the key. The answer is
recorded on the claim just after. Never published: it is an index of requests, not a fact of
care. It holds no patient data: the request only as a fingerprint (a hash), the answer as ids,
versions and states.

Event style as in every aggregate (see ``domain.certificates.certificate``): the creation event
by ``@event`` on ``__init__``.
"""

from __future__ import annotations

import uuid
from typing import Any

from eventsourcing.domain import Aggregate, event

from domain.shared.errors import InvalidInputError, RuleViolationError

_KEYS = uuid.UUID("5d0c2a8e-7f41-4b93-9e36-2c1f8a74d0b5")


class IdempotencyKeyReusedError(InvalidInputError):
    """The key was used before by the same caller for another request."""


class RequestNotAnsweredError(RuleViolationError):
    """The key's request took effect but its answer is not recorded (still running, or the
    process stopped between the two); it is never run again."""


def request_claim_id(caller: str, key: str) -> uuid.UUID:
    """Keys are the caller's own: the same key from another caller is another claim."""
    return uuid.uuid5(_KEYS, f"{caller}\n{key}")


class RequestClaim(Aggregate):
    """That a caller's request with an ``Idempotency-Key`` took effect (never published)."""

    @event("RequestClaimed")
    def __init__(self, fingerprint: str) -> None:
        self.fingerprint = fingerprint
        self.answer: dict[str, Any] | None = None

    @classmethod
    def claim(cls, caller: str, key: str, fingerprint: str) -> RequestClaim:
        claimed = cls.RequestClaimed  # type: ignore[attr-defined]
        return cls._create(claimed, id=request_claim_id(caller, key), fingerprint=fingerprint)

    def answer_given(self, answer: dict[str, Any]) -> None:
        """Record the answer once; the first one stands."""
        if self.answer is None:
            self._answer_recorded(answer)

    def check_same_request(self, fingerprint: str) -> dict[str, Any]:
        """The first answer, for a retry of the very same request."""
        if fingerprint != self.fingerprint:
            raise IdempotencyKeyReusedError(
                "This Idempotency-Key was used before for another request (another route or "
                "another body); use a new key for a new request.")
        if self.answer is None:
            raise RequestNotAnsweredError(
                "The request with this Idempotency-Key took effect but its answer is not "
                "recorded yet; it is not run again. Retry shortly.")
        return self.answer

    @event("RequestAnswered")
    def _answer_recorded(self, answer: dict[str, Any]) -> None:
        self.answer = answer
