"""The ``Idempotency-Key`` header of every creating command (draft, renewal, replacement,
complement, copy, AG7804, DOI, a question, an answer, a recipient's message, an authority's
order: ``commands.orders`` keeps its key the same way).

A client that lost an answer sends the same request again with the same key and gets the first
answer (same status, same body), and nothing is written again. The key is the caller's own (a
care user at a unit, or a recipient system); the same key with another request (another route
or another body) is 422. Without the header a command runs as before. How the key is kept: see
``commands.idempotency``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Request

from commands.certificates import Certificates
from commands.idempotency import run_once
from commands.results import CommandResult
from domain.shared.care import Staff

KEY_DESCRIPTION = (
    "Makes the command safe to retry: a retry with the same key by the same caller returns the "
    "first answer (same status and body) and writes nothing; the same key with another request "
    "is 422. 1-255 visible ASCII characters, e.g. a UUID.")


@dataclass(frozen=True)
class RequestKey:
    key: str
    fingerprint: str


async def _request_key(
    request: Request,
    key: Annotated[str | None, Header(alias="Idempotency-Key", pattern=r"^[\x21-\x7e]{1,255}$",
                                      description=KEY_DESCRIPTION)] = None,
) -> RequestKey | None:
    if key is None:
        return None
    return RequestKey(key=key, fingerprint=request_fingerprint(
        request.method, request.url.path, await request.body()))


def request_fingerprint(method: str, path: str, body: bytes) -> str:
    """The request as a hash: method, path and body (JSON compared by meaning, not spacing)."""
    try:
        canonical = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":"))
        content = canonical.encode("utf-8", "surrogatepass")
    except (ValueError, RecursionError):
        content = body
    digest = hashlib.sha256(f"{method} {path}\n".encode())
    digest.update(content)
    return digest.hexdigest()


def caller_of(who: Staff | str) -> str:
    """Whose keys: a care user at one unit, or a recipient system (by its id)."""
    if isinstance(who, Staff):
        return f"staff:{who.hsa_id}@{who.care_unit_hsa_id}"
    return f"recipient:{who}"


def once(app: Certificates, key: RequestKey | None, who: Staff | str,
         command: Callable[[], CommandResult]) -> CommandResult:
    """Run ``command``, once per key when the request carries one."""
    if key is None:
        return command()
    return run_once(app, caller=caller_of(who), key=key.key, fingerprint=key.fingerprint,
                    command=command)


IdempotencyKey = Annotated[RequestKey | None, Depends(_request_key)]
