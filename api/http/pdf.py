"""PDF answers over HTTP: the media type, an inline file name, and the OpenAPI description of a
route that answers with a PDF."""

from __future__ import annotations

from typing import Any

from fastapi import Response

MEDIA_TYPE = "application/pdf"
PDF_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The document as a PDF (A4, Unicode font embedded).",
          "content": {MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}}},
}


def pdf_response(body: bytes, name: str) -> Response:
    """``body`` as an inline PDF named ``name``.pdf; never cached on the way (patient data)."""
    return Response(body, media_type=MEDIA_TYPE, headers={
        "Content-Disposition": f'inline; filename="{name}.pdf"',
        "Cache-Control": "no-store",
    })
