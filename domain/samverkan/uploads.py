"""Uploaded documents in a space (issue 15 items 5 and 8): which files a space takes, told by
their first bytes (magic numbers), never by the type the client names. An upload is a
``DOKUMENT`` item whose ``reference`` names its stored file, released per item as the rest.
Pure."""

from __future__ import annotations

UPLOAD_REFERENCE = "uppladdat:"
"""The ``reference`` of an uploaded document: this prefix and the item's own id."""
MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "application/pdf", "PDF-dokument"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "PNG-bild"),
    (b"\xff\xd8\xff", "image/jpeg", "JPEG-bild"),
)
MEDIA_TYPES = tuple(media for _, media, _ in MAGIC)


def kind_of(content: bytes) -> tuple[str, str] | None:
    """The media type and a title of a file the space takes, or None for any other file."""
    return next(((media, title) for magic, media, title in MAGIC
                 if content.startswith(magic)), None)


def upload_reference(item_id: str) -> str:
    return f"{UPLOAD_REFERENCE}{item_id}"
