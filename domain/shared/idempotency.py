"""That a caller's request was taken once (an ``Idempotency-Key``): a client that lost the
answer to a creating command may send it again and gets the first answer, nothing written twice.

Each key claims an id derived from the caller and the key, saved with the command's result in the
same transaction as the command's own events, so the store itself refuses a second command with
the key, and a claim found always stands for a command that took effect. Never published: it
is an index of requests, not a fact of care. It holds no patient data: the request only as a
fingerprint (a hash), the result as ids, versions and states.

Event style as in every aggregate (see ``domain.certificates.certificate``): the creation event
by ``@event`` on ``__init__``.
"""

from __future__ import annotations

import uuid
from typing import Any

from eventsourcing.domain import Aggregate, event

from domain.shared.errors import InvalidInputError

_KEYS = uuid.UUID("5d0c2a8e-7f41-4b93-9e36-2c1f8a74d0b5")


class IdempotencyKeyReusedError(InvalidInputError):
    """The key was used before by the same caller for another request."""


def request_claim_id(caller: str, key: str) -> uuid.UUID:
    """Keys are the caller's own: the same key from another caller is another claim."""
    return uuid.uuid5(_KEYS, f"{caller}\n{key}")


class RequestClaim(Aggregate):
    """That a caller's request with an ``Idempotency-Key`` took effect, and its result
    (never published). The result is claimed with the command; its log position, known only
    once the command's events are stored, follows in ``RequestAnswered``."""

    @event("RequestClaimed")
    def __init__(self, fingerprint: str, result: dict[str, Any]) -> None:
        self.fingerprint = fingerprint
        self.result = result

    @classmethod
    def claim(cls, caller: str, key: str, fingerprint: str,
              result: dict[str, Any]) -> RequestClaim:
        claimed = cls.RequestClaimed  # type: ignore[attr-defined]
        return cls._create(claimed, id=request_claim_id(caller, key), fingerprint=fingerprint,
                           result=result)

    @property
    def position(self) -> int | None:
        found: int | None = self.result.get("position")
        return found

    def answer_given(self, position: int | None) -> None:
        """Record the log position of the answer once; the first one stands."""
        if self.position is None:
            self._answered(position)

    def check_same_request(self, fingerprint: str) -> dict[str, Any]:
        """The result, for a retry of the very same request."""
        if fingerprint != self.fingerprint:
            raise IdempotencyKeyReusedError(
                "This Idempotency-Key was used before for another request (another route or "
                "another body); use a new key for a new request.")
        return self.result

    @event("RequestAnswered")
    def _answered(self, position: int | None) -> None:
        self.result = {**self.result, "position": position}
