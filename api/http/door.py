"""The door every HTTP request passes before a byte of its body is read.

1. A request that may carry a body (POST, PUT, PATCH, DELETE: every such route here needs a bearer
   token) is answered 401 at once unless its token is genuine (signature, issuer, expiry). A
   stranger's body is never read, let alone parsed. Whether the token's holder may do what it
   asks is decided later, by the route.
2. A body larger than INTYG_MAX_BODY_BYTES is answered 413: at once when Content-Length says
   so, else (chunked) as soon as the bytes received pass the limit; the rest is never read.
   A path matching one of ``larger`` (an upload's) has that limit instead.

A pure ASGI middleware: FastAPI reads and parses a body before any dependency runs, so neither
check can live in a dependency.
"""

from __future__ import annotations

import re

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.http.auth import TokenDecoder
from api.http.errors import problem

BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class BodyTooLargeError(HTTPException):
    """Raised from ``receive`` while a route reads its body; answered as a 413 problem."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413,
                         detail=f"The request body is larger than the limit of {limit} bytes.")


class RequestDoor:
    def __init__(self, app: ASGIApp, max_body_bytes: int,
                 larger: tuple[tuple[str, int], ...] = ()) -> None:
        """``larger``: (path pattern, limit) for the routes that take files."""
        self.app = app
        self.limit = max_body_bytes
        self.larger = tuple((re.compile(pattern), limit) for pattern, limit in larger)

    def _limit_of(self, path: str) -> int:
        return next((limit for pattern, limit in self.larger if pattern.fullmatch(path)),
                    self.limit)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if scope["method"] in BODY_METHODS:
            refused = _unauthenticated(scope, headers)
            if refused is not None:
                await _answer(scope, receive, send, refused)
                return
        limit = self._limit_of(scope["path"])
        if _declared_length(headers) > limit:
            await _answer(scope, receive, send, BodyTooLargeError(limit))
            return
        started = False

        async def noting_start(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, self._counted(receive, limit), noting_start)
        except BodyTooLargeError as too_large:  # read outside a route: answer it here
            if started:
                raise
            await _answer(scope, receive, send, too_large)

    def _counted(self, receive: Receive, limit: int) -> Receive:
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLargeError(limit)
            return message

        return counted


def _unauthenticated(scope: Scope, headers: Headers) -> HTTPException | None:
    """The 401 for a request without a genuine bearer token, or None."""
    scheme, _, token = headers.get("authorization", "").partition(" ")
    decoder: TokenDecoder = scope["app"].state.tokens
    if scheme.lower() != "bearer" or not token.strip():
        return HTTPException(401, "A bearer token is required.")
    try:
        decoder.claims(token.strip())
    except HTTPException as refused:
        return refused
    return None


def _declared_length(headers: Headers) -> int:
    declared = headers.get("content-length", "")
    return int(declared) if declared.isdigit() else 0


async def _answer(scope: Scope, receive: Receive, send: Send, error: HTTPException) -> None:
    slug = "unauthorized" if error.status_code == 401 else "content-too-large"
    title = "Unauthorized" if error.status_code == 401 else "Content too large"
    response = problem(Request(scope), error.status_code, slug, title, str(error.detail))
    # A refusal before the body is read ends the exchange: the unread body is not drained.
    response.headers["Connection"] = "close"
    await response(scope, receive, send)
