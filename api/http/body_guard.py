"""Text the store cannot hold is refused at the door, with the field named.

JSON may carry a lone UTF-16 surrogate (``"\\ud800"``) that no UTF-8 encoder accepts, and a NUL
that PostgreSQL's text and jsonb refuse. Pydantic lets both through, so without this check they
fail deep in the store as a 500. Every JSON request body is walked, keys and values, before any
endpoint runs.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError

from api.http.door import BODY_METHODS

Path = tuple[str | int, ...]
MESSAGE = ("Text must be valid Unicode that can be stored as UTF-8: no lone surrogate "
           "(e.g. \\ud800) and no NUL character.")


async def refuse_unstorable_text(request: Request) -> None:
    """App-wide dependency: a 422 naming the first field whose text cannot be stored."""
    if request.method not in BODY_METHODS:
        return  # a body nobody asked for is never read
    raw = await request.body()
    if not raw or "json" not in request.headers.get("content-type", "json"):
        return
    try:
        parsed = json.loads(raw)
    except (ValueError, RecursionError):
        return  # not JSON: the endpoint's own parsing refuses it, or it takes no body
    found = unstorable_at(parsed)
    if found is not None:
        raise RequestValidationError([{"loc": ("body", *found), "msg": MESSAGE,
                                       "type": "string_unstorable"}])


def unstorable_at(value: Any) -> Path | None:
    """The path of the first string (or object key) that cannot be stored, or None.

    Iterative, so a deeply nested body cannot exhaust the stack here.
    """
    pending: list[tuple[Path, Any]] = [((), value)]
    while pending:
        path, item = pending.pop()
        if isinstance(item, str) and not storable(item):
            return path
        if isinstance(item, dict):
            for key, inner in reversed(item.items()):
                if not storable(key):
                    return (*path, "<key>")
                pending.append(((*path, key), inner))
        elif isinstance(item, list):
            pending.extend(((*path, i), inner) for i, inner in reversed(list(enumerate(item))))
    return None


def storable(text: str) -> bool:
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
