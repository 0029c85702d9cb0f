"""The national statistics page: the open reports as charts, each with its CSV."""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter(tags=["Intygsstatistik"])


@router.get("/statistik", response_class=HTMLResponse, include_in_schema=False)
def statistics_page() -> HTMLResponse:
    page = resources.files("api.http").joinpath("static/statistik.html").read_text(encoding="utf-8")
    return HTMLResponse(page)
