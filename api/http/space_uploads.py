"""The uploaded documents of the Samverkansytan routes: where their files rest
(``streams.space_documents``, made once per app), the larger body limit of the upload path
(the request door), and how the OpenAPI document describes the file in and out."""

from __future__ import annotations

import threading
from typing import Annotated, Any

from fastapi import Depends, Request
from starlette.exceptions import HTTPException

from domain.samverkan.uploads import MEDIA_TYPES, kind_of
from streams.space_documents import SpaceDocuments, space_documents

UPLOAD_PATH = r"/v1/samverkan/spaces/[^/]+/documents"
"""The path whose body may be as large as INTYG_MAX_UPLOAD_BYTES (10 MiB by default)."""
_MADE = threading.Lock()
_FILE = {"schema": {"type": "string", "format": "binary"}}


def _documents(request: Request) -> SpaceDocuments:
    state = request.app.state
    with _MADE:
        if getattr(state, "space_documents", None) is None:
            state.space_documents = space_documents(state.settings)
    found: SpaceDocuments = state.space_documents
    return found


DocumentsDep = Annotated[SpaceDocuments, Depends(_documents)]


def checked_file(content: bytes) -> tuple[str, str]:
    """The media type and title of a file the space takes; 415 for any other, whatever
    Content-Type the client named."""
    found = kind_of(content)
    if found is None:
        raise HTTPException(415, "A document is a PDF, PNG or JPEG file (told by its content).")
    return found


def upload_body(limit: int) -> dict[str, Any]:
    return {"requestBody": {"required": True, "description": (
        f"The file itself: PDF, PNG or JPEG, at most {limit} bytes (INTYG_MAX_UPLOAD_BYTES, "
        "10 MiB by default; larger is 413); its type is told by its first bytes, any other "
        "is 415."), "content": {media: {"schema": {**_FILE["schema"], "maxLength": limit}}
                                for media in MEDIA_TYPES}}}


FILE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The file, of the type it was uploaded as.",
          "content": {media: _FILE for media in MEDIA_TYPES}}}
