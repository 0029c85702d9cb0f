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

from api.log_safety import WithholdExceptionArgs, scrub_event

# Stdlib loggers of the libraries we run, routed into the same JSON pipeline. uvicorn's access
# line names the raw path (it may hold a personnummer): ``request_handled`` replaces it.
_LIBRARY_LEVELS = {"uvicorn": logging.INFO, "uvicorn.error": logging.INFO,
                   "uvicorn.access": logging.WARNING, "kafka": logging.WARNING}


def configure_logging(log_format: str = "auto") -> None:
    use_json = log_format == "json" or (log_format == "auto" and not sys.stderr.isatty())
    renderer: structlog.typing.Processor = (
        structlog.processors.JSONRenderer() if use_json
        # scrub_event has already turned any exception into types and frames.
        else structlog.dev.ConsoleRenderer(exception_formatter=structlog.dev.plain_traceback)
    )
    stamp: list[structlog.typing.Processor] = [
        structlog.processors.add_log_level, structlog.processors.TimeStamper(fmt="iso", utc=True)]
    structlog.configure(
        processors=[structlog.contextvars.merge_contextvars, *stamp, scrub_event, renderer],
        logger_factory=structlog.PrintLoggerFactory(file=cast(TextIO, _CurrentStderr())),
        cache_logger_on_first_use=False,
    )
    _route_stdlib_logging(structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[structlog.contextvars.merge_contextvars, *stamp,
                           structlog.stdlib.add_logger_name],
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, scrub_event,
                    renderer]))


def _route_stdlib_logging(formatter: logging.Formatter) -> None:
    """One root handler for every stdlib logger, replacing any an earlier call installed."""
    handler = logging.StreamHandler(cast(TextIO, _CurrentStderr()))
    handler.setFormatter(formatter)
    handler.addFilter(WithholdExceptionArgs())
    handler.set_name(_HANDLER_NAME)
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    for name, level in _LIBRARY_LEVELS.items():
        library = logging.getLogger(name)
        library.handlers.clear()
        library.propagate = True
        library.setLevel(level)


_HANDLER_NAME = "intyg-json"


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
