"""The API's documentation pages, Swagger UI (/docs) and ReDoc (/redoc), served by the ledger.

FastAPI's own pages load their scripts from a public CDN, ReDoc's fonts from Google and the
favicon from FastAPI's site: on a network without internet access (many hospital networks)
they stay blank. Here every asset comes from the ledger, out of the pinned ``fastapi-offline``
package (Swagger UI's dist files, ReDoc's standalone bundle, a favicon), which is upgraded like
any other dependency in ``pyproject.toml``.
"""

from __future__ import annotations

from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Annotated

import fastapi_offline
from fastapi import APIRouter, HTTPException, Request
from fastapi import Path as PathParam
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, swagger_ui_default_parameters
from fastapi.responses import FileResponse, HTMLResponse, Response

ASSET_DIR = Path(fastapi_offline.__file__).parent / "static"
ASSET_VERSION = metadata.version("fastapi-offline")  # in the asset URLs: an upgrade busts caches
ASSETS: dict[str, str] = {
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui.css": "text/css",
    "redoc.standalone.js": "text/javascript",
    "favicon.png": "image/png",
}
CACHE = {"Cache-Control": "public, max-age=86400"}
# ReDoc's sidebar shows Redocly's logo from Redocly's CDN: a request to a third party (with the
# ledger's origin as referrer) on every visit, failing offline. It becomes an empty image.
REDOC_LOGO = b"https://cdn.redoc.ly/redoc/logo-mini.svg"
NO_LOGO = b"data:image/svg+xml,%3Csvg xmlns=%27http://www.w3.org/2000/svg%27/%3E"
# No online validator badge, whatever Swagger UI's default becomes.
SWAGGER_PARAMETERS = swagger_ui_default_parameters | {"validatorUrl": None}

router = APIRouter(tags=["Documentation"])
AssetName = Annotated[str, PathParam(max_length=64)]


def _asset_url(request: Request, name: str) -> str:
    return f"{request.scope.get('root_path', '')}/docs/assets/{name}?v={ASSET_VERSION}"


def _openapi_url(request: Request) -> str:
    return f"{request.scope.get('root_path', '')}{request.app.openapi_url}"


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def swagger_ui(request: Request) -> HTMLResponse:
    return get_swagger_ui_html(
        openapi_url=_openapi_url(request), title=f"{request.app.title} - Swagger UI",
        swagger_js_url=_asset_url(request, "swagger-ui-bundle.js"),
        swagger_css_url=_asset_url(request, "swagger-ui.css"),
        swagger_favicon_url=_asset_url(request, "favicon.png"),
        swagger_ui_parameters=SWAGGER_PARAMETERS)


@router.get("/redoc", response_class=HTMLResponse, include_in_schema=False)
def redoc(request: Request) -> HTMLResponse:
    return get_redoc_html(
        openapi_url=_openapi_url(request), title=f"{request.app.title} - ReDoc",
        redoc_js_url=_asset_url(request, "redoc.standalone.js"),
        redoc_favicon_url=_asset_url(request, "favicon.png"), with_google_fonts=False)


@router.get("/docs/assets/{name}", include_in_schema=False)
def asset(name: AssetName) -> Response:
    if name not in ASSETS:
        raise HTTPException(status_code=404, detail="No such documentation asset.")
    if name == "redoc.standalone.js":
        return Response(redoc_bundle(), media_type=ASSETS[name], headers=CACHE)
    return FileResponse(ASSET_DIR / name, media_type=ASSETS[name], headers=CACHE)


@cache
def redoc_bundle() -> bytes:
    return (ASSET_DIR / "redoc.standalone.js").read_bytes().replace(REDOC_LOGO, NO_LOGO)


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> FileResponse:
    """What a browser asks for on any page that names no icon (/statistik, /health ...)."""
    return FileResponse(ASSET_DIR / "favicon.png", media_type="image/png", headers=CACHE)
