"""The statistics page (/statistik): level, report, filters, chart, table, export and a share
link, all from the ledger (no CDN: it works on a network without internet access). The page
asks ``GET /v1/statistik/levels`` which levels the person's token opens, and takes the filter
panel's choices (Swedish diagnosis chapters, age groups, lengths, degrees, län) from the page
itself, written in by the server from the same catalogues the reports use."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from pydantic import Field

from api.http.auth import STAFF_ROLES, TokenDecoder
from api.http.deps import bearer
from api.http.schemas import Body
from domain.statistics.buckets import AGE_GROUPS, DEGREES, LENGTH_GROUPS
from domain.statistics.facts import ScopeLevel
from domain.statistics.labels import chapters
from domain.statistics.population import lan_names

router = APIRouter(tags=["Intygsstatistik"])
_CHOICES = "<!--CHOICES-->"


@cache
def _page() -> str:
    page = resources.files("api.http").joinpath("static/statistik.html").read_text(
        encoding="utf-8")
    # "<" escaped so that no value can close the script element it stands in.
    choices = json.dumps(filter_choices(), ensure_ascii=False).replace("<", "\\u003c")
    return page.replace(_CHOICES, f'<script id="choices" type="application/json">{choices}'
                                  "</script>")


def filter_choices() -> dict[str, Any]:
    """What the filter panel offers: each value as the reports key it, with its Swedish text."""
    return {
        "chapters": [[label.key, label.text] for label in chapters()],
        "ageGroups": [bucket.key for bucket in AGE_GROUPS],
        "lengthGroups": [bucket.key for bucket in LENGTH_GROUPS],
        "degrees": list(DEGREES),
        "lan": lan_names(),
    }


@router.get("/statistik", response_class=HTMLResponse, include_in_schema=False)
def statistics_page() -> HTMLResponse:
    return HTMLResponse(_page())


class StatisticsLevelOut(Body):
    level: ScopeLevel = Field(description="national, region, care_giver or care_unit")
    id: str | None = Field(description="The län code or HSA id of the scope; none nationally")
    label: str = Field(description="What the page shows, in Swedish")


@router.get("/v1/statistik/levels")
def statistics_levels(request: Request, credentials: bearer) -> list[StatisticsLevelOut]:
    """The levels whose reports the caller sees: national for all; with a care user's token
    its care giver and care unit, and the regions of its ``statistics_regions`` claim. A token
    that does not verify is a 401; a citizen's or a recipient system's opens no more."""
    found = [StatisticsLevelOut(level=ScopeLevel.NATIONAL, id=None, label="Hela landet")]
    if credentials is None:
        return found
    decoder: TokenDecoder = request.app.state.tokens
    if decoder.claims(credentials.credentials).get("role") not in STAFF_ROLES:
        return found
    staff = decoder.staff(credentials.credentials)
    names = lan_names()
    found += [StatisticsLevelOut(level=ScopeLevel.REGION, id=code,
                                 label=f"Region: {names.get(code, code)}")
              for code in sorted(decoder.statistics_regions(credentials.credentials))]
    return [*found,
            StatisticsLevelOut(level=ScopeLevel.CARE_GIVER, id=staff.care_giver_hsa_id,
                               label=f"Vårdgivare {staff.care_giver_hsa_id}"),
            StatisticsLevelOut(level=ScopeLevel.CARE_UNIT, id=staff.care_unit_hsa_id,
                               label=f"Vårdenhet {staff.care_unit_hsa_id}")]
