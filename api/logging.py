"""structlog set-up: JSON lines outside a terminal, one canonical line per request.

Logs carry ids only: never a personnummer, a name or free text from a certificate. The request
line names the route template, not the raw path or query, for the same reason.
"""

from __future__ import annotations

import logging
import sys
import time
import uuid
from typing import TextIO, cast

import structlog
from fastapi import FastAPI
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

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
    app.add_middleware(_RequestLog)


class _RequestLog:
    """One ``request_handled`` line per HTTP request (its route template, status, time and
    actor) and its ``x-request-id`` (the caller's, or a new one) bound to every line logged
    while it is handled and sent back. A pure ASGI middleware: the response passes through as
    it is sent, never gathered and sent again."""

    def __init__(self, app: ASGIApp) -> None:
        self._app = app
        self._log = structlog.get_logger("api.request")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        given = Headers(scope=scope).get("x-request-id")
        request_id = given or uuid.uuid4().hex
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=request_id)
        started, status = time.perf_counter(), 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)["x-request-id"] = request_id
            await send(message)

        try:
            await self._app(scope, receive, send_with_id)
        finally:
            route = scope.get("route")
            self._log.info("request_handled", method=scope["method"],
                           route=getattr(route, "path", "unmatched"), status=status,
                           ms=round((time.perf_counter() - started) * 1000, 1),
                           actor=scope.get("state", {}).get("actor"))
