"""An aggregate created once per ``Idempotency-Key`` (the FMU investigations Försäkringskassan
creates): the key's claim is saved with the new aggregate in one transaction, so the creation
never takes effect without its key taken, and two requests with one key never both create.
A retry of the same request gets the first answer (what it stored, and the log position of the
creation); another request under the key is refused (422, ``check_same_request``)."""

from __future__ import annotations

from contextlib import suppress
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import RecordConflictError

from commands.orders import RequestKey
from domain.shared.errors import StaleVersionError
from domain.shared.idempotency import RequestClaim, request_claim_id

Answer = tuple[dict[str, Any], int | None]  # what the first request answered, its position


def first_answer(app: Application[UUID], key: RequestKey | None) -> Answer | None:
    """The answer given to the key's first request, if there was one."""
    if key is None:
        return None
    try:
        claim: Any = app.repository.get(request_claim_id(key.caller, key.key))
    except AggregateNotFoundError:
        return None
    stored: dict[str, Any] = claim.check_same_request(key.fingerprint)
    return stored, claim.position or app.recorder.max_notification_id()


def create_once(app: Application[UUID], key: RequestKey, created: Aggregate,
                answer: dict[str, Any]) -> Answer:
    """Save ``created`` with the key's claim holding ``answer``; when the key won meanwhile
    (a request at the same time), that first answer instead."""
    claim = RequestClaim.claim(key.caller, key.key, key.fingerprint, answer)
    try:
        recordings = app.save(claim, created)
    except RecordConflictError:
        raced = first_answer(app, key)
        if raced is None:
            raise StaleVersionError("Nothing was created; retry.") from None
        return raced
    position = recordings[-1].notification.id
    claim.answer_given(position)
    with suppress(RecordConflictError):  # recorded by a retry meanwhile: the first stands
        app.save(claim)
    return answer, position
