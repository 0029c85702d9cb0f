"""Who sees which statistics (DOMAIN.md §8): the scope a request names and the token's right to it.

National reports are open to all. A care unit's reports need a token of that unit's staff, a
care giver's a token of its staff, a region's a care user's token whose ``statistics_regions``
claim lists the län code (on a citizen's or a recipient system's token the claim means nothing).
The same check guards the shared filter sets: only someone who may see a scope's reports
stores or reads one.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials

from api.http.auth import TokenDecoder, unauthorized
from api.http.deps import bearer
from commands.filter_links import FilterLinks
from domain.shared.errors import NotAuthorisedError, NotFoundError
from domain.statistics.facts import Scope, ScopeLevel

SCOPED_LEVELS = ("region", "care_giver", "care_unit")
ScopedLevel = Annotated[str, Path(max_length=20, json_schema_extra={"enum": list(SCOPED_LEVELS)},
                                  description="region, care_giver or care_unit")]
ScopeId = Annotated[str, Query(alias="id", min_length=1, max_length=64,
                               description="The län code (region) or the HSA id")]


class NoSuchStatisticsLevelError(NotFoundError):
    pass


def authorise(request: Request, credentials: HTTPAuthorizationCredentials | None,
              scope: Scope) -> None:
    if scope.level is ScopeLevel.NATIONAL:
        return
    if credentials is None:
        raise unauthorized("Reports below the national level need a bearer token.")
    decoder: TokenDecoder = request.app.state.tokens
    if scope.level is ScopeLevel.REGION:
        if scope.id not in decoder.statistics_regions(credentials.credentials):
            raise NotAuthorisedError("The token does not give access to this region.")
        return
    staff = decoder.staff(credentials.credentials)
    own = staff.care_unit_hsa_id if scope.level is ScopeLevel.CARE_UNIT else \
        staff.care_giver_hsa_id
    if own != scope.id:
        raise NotAuthorisedError("Only the unit's or care giver's own staff see its reports.")


def authorised_scope(level: ScopedLevel, request: Request, credentials: bearer,
                     scope_id: ScopeId) -> Scope:
    """The scope the request names, once the token is found to give access to it."""
    if level not in SCOPED_LEVELS:
        raise NoSuchStatisticsLevelError(f"No statistics level {level!r}; levels: "
                                         f"{', '.join(SCOPED_LEVELS)}.")
    scope = Scope(level=ScopeLevel(level), id=scope_id)
    authorise(request, credentials, scope)
    return scope


def filter_links(request: Request) -> FilterLinks:
    app = request.app.state.certificates
    return FilterLinks(app, app.clock)


ScopeDep = Annotated[Scope, Depends(authorised_scope)]
FilterLinksDep = Annotated[FilterLinks, Depends(filter_links)]
