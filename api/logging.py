"""structlog set-up: JSON lines outside a terminal, one canonical line per request.

Logs carry ids only: never a personnummer, a name or free text from a certificate. The request
line names the route template, not the raw path or query, for the same reason.
"""

from __future__ import annotations

import logging
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import TextIO, cast

import structlog
from fastapi import FastAPI, Request, Response


def configure_logging(log_format: str = "auto") -> None:
    use_json = log_format == "json" or (log_format == "auto" and not sys.stderr.isatty())
    renderer: structlog.typing.Processor = (
        structlog.processors.JSONRenderer()
        if use_json
        # Plain tracebacks: the rich ones print local variables, which may hold patient data.
        else structlog.dev.ConsoleRenderer(exception_formatter=structlog.dev.plain_traceback)
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            renderer,
        ],
        logger_factory=structlog.PrintLoggerFactory(file=cast(TextIO, _CurrentStderr())),
        cache_logger_on_first_use=False,
    )
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)


class _CurrentStderr:
    """Writes to whatever sys.stderr is at the time of writing (it may be swapped)."""

    def write(self, text: str) -> int:
        return sys.stderr.write(text)

    def flush(self) -> None:
        sys.stderr.flush()


def install_request_logging(app: FastAPI) -> None:
    log = structlog.get_logger("api.request")

    @app.middleware("http")
    async def log_request(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=request_id)
        started = time.perf_counter()
        response = await call_next(request)
        route = request.scope.get("route")
        log.info("request_handled", method=request.method,
                 route=getattr(route, "path", "unmatched"), status=response.status_code,
                 ms=round((time.perf_counter() - started) * 1000, 1),
                 actor=getattr(request.state, "actor", None))
        response.headers["x-request-id"] = request_id
        return response
