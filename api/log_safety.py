"""What may never reach a log line: exception text and the input a validator refused.

An exception's message and a pydantic error's ``input_value`` are built from the data that
failed, and that data is often a personnummer, a name or a free text. Every log line, ours and
the stdlib's (uvicorn, kafka-python), goes through ``scrub_event``: an exception becomes its type
and a traceback of frames (file, line, function), with no message and no local variables.
"""

from __future__ import annotations

import logging
import re
import sys
import traceback
from collections.abc import Mapping
from types import TracebackType
from typing import Any

from structlog.typing import EventDict, WrappedLogger

_INPUT_KEYS = frozenset({"input_value", "input"})
_INPUT_VALUE = re.compile(r"input_value=[^\n]*")
_REDACTED = "input_value=<redacted>]"
_MAX_CHAIN = 10


def scrub_event(_logger: WrappedLogger, _method: str, event_dict: EventDict) -> EventDict:
    """structlog processor: replaces ``exc_info`` and any exception or input value in a field."""
    error = _exception_of(event_dict.pop("exc_info", None))
    event_dict.pop("exception", None)  # rendered elsewhere, so with its message: never kept
    scrubbed: EventDict = {key: _scrub(value) for key, value in event_dict.items()
                           if key not in _INPUT_KEYS}
    if error is not None:
        scrubbed["exception"] = describe(error)
    return scrubbed


def describe(error: BaseException) -> str:
    """The exception chain as types and frames only, oldest cause first (like Python's own)."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain and len(chain) < _MAX_CHAIN:
        chain.append(current)
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__)
    parts = [_one(link) for link in reversed(chain)]
    return "\n\nThen, while handling it:\n\n".join(parts)


def _one(error: BaseException) -> str:
    frames = [f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}'
              for frame in traceback.extract_tb(error.__traceback__)]
    kind = type(error)
    name = kind.__qualname__ if kind.__module__ == "builtins" else \
        f"{kind.__module__}.{kind.__qualname__}"
    return "\n".join(["Traceback (most recent call last):", *frames,
                      f"{name} (message withheld)"])


def _exception_of(exc_info: Any) -> BaseException | None:
    if isinstance(exc_info, BaseException):
        return exc_info
    if isinstance(exc_info, tuple) and len(exc_info) == 3:
        value = exc_info[1]
        return value if isinstance(value, BaseException) else None
    if exc_info is True:
        return sys.exc_info()[1]
    return None


def _scrub(value: Any) -> Any:
    if isinstance(value, BaseException):
        return type(value).__name__
    if isinstance(value, TracebackType):
        return "traceback"
    if isinstance(value, str):
        return _INPUT_VALUE.sub(_REDACTED, value) if "input_value=" in value else value
    if isinstance(value, Mapping):
        return {k: _scrub(v) for k, v in value.items() if k not in _INPUT_KEYS}
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_scrub(v) for v in value)
    return value


class WithholdExceptionArgs(logging.Filter):
    """A stdlib record's exception arguments (``log.error("failed: %s", error)``) become their
    types before the message is formatted; the message itself loses any ``input_value``."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, BaseException):
            record.msg = type(record.msg).__name__
        if isinstance(record.args, tuple):
            record.args = tuple(_scrub(arg) for arg in record.args)
        elif isinstance(record.args, Mapping):
            record.args = {key: _scrub(arg) for key, arg in record.args.items()}
        if isinstance(record.msg, str) and "input_value=" in record.msg:
            record.msg = _INPUT_VALUE.sub(_REDACTED, record.msg)
        return True
