"""Shared filter sets of Intygsstatistik (DOMAIN.md §8, "egna rapporter"): someone who may see a
region's, care giver's or unit's reports stores a filter set and gets its short stable id, reads
it back by that id, and every report of those levels takes it as ``?filter=<id>``. A set holds
codes and HSA ids only; the id narrows a report, it never opens a scope.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import Field

from api.http.deps import bearer
from api.http.openapi import problems
from api.http.schemas import Body
from api.http.statistik_scope import FilterLinksDep, ScopeDep
from domain.statistics.filters import FilterSet

router = APIRouter(prefix="/v1/statistik/{level}", tags=["Intygsstatistik"])
FilterId = Annotated[str, Path(min_length=1, max_length=64,
                               description="The set's short id (16 characters a-z, 2-7)")]


class SharedFilterOut(Body):
    id: str = Field(description="The short stable id: the same set always gets the same id")
    created: bool = Field(description="False when the set was already stored")
    filters: FilterSet


@router.post("/filters", status_code=201, responses=problems(404))
def share_filter_set(_scope: ScopeDep, _credentials: bearer, links: FilterLinksDep,
                     filters: FilterSet) -> SharedFilterOut:
    """Store a filter set under its short id (once: sharing it again finds the same id)."""
    filter_id, created = links.share(filters)
    return SharedFilterOut(id=filter_id, created=created, filters=filters)


@router.get("/filters/{filter_id}", responses=problems(404))
def read_filter_set(_scope: ScopeDep, _credentials: bearer, links: FilterLinksDep,
                    filter_id: FilterId) -> SharedFilterOut:
    """The filter set stored under the id."""
    return SharedFilterOut(id=filter_id, created=False, filters=links.get(filter_id))
