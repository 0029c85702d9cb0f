"""Intygsstatistik (DOMAIN.md §8): reports as queries over the statistik view, as JSON or CSV.

National reports are open to all. A care unit's reports need a token of that unit's staff, a
care giver's a token of its staff, a region's a care user's token whose ``statistics_regions``
claim lists the län code (on a citizen's or a recipient system's token the claim means nothing).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import StringConstraints

from api.http.auth import TokenDecoder, unauthorized
from api.http.bounds import BoundedDate
from api.http.deps import AfterQuery, CertificatesDep, ViewsDep, bearer, seen_or_503
from api.http.openapi import CSV_OR_JSON
from domain.shared.errors import InvalidInputError, NotAuthorisedError
from domain.statistics.facts import ReportPeriod, Scope, ScopeLevel
from domain.statistics.report import Report, to_csv
from domain.statistics.report_filter import (
    MAX_VALUES,
    NO_FILTER,
    AgeGroup,
    LengthGroup,
    ReportFilter,
)
from projections.statistik.reports import CASE_FILTERED, REPORTS, report

router = APIRouter(prefix="/v1/statistik", tags=["Intygsstatistik"])
VIEW = "statistik"


class ReportFilterNotApplicableError(InvalidInputError):
    pass


def default_period(today: date) -> ReportPeriod:
    """The twelve months up to today."""
    first = date(today.year - 1, today.month, 1) if today.month != 12 else date(today.year, 1, 1)
    return ReportPeriod(first=first, last=today)


Key = Annotated[str, StringConstraints(min_length=1, max_length=64)]
Keys = Annotated[list[Key] | None, Query(max_length=MAX_VALUES)]


def report_filter(
    chapter: Keys = None, block: Keys = None, category: Keys = None, unit: Keys = None,
    age_group: Annotated[list[AgeGroup] | None, Query(max_length=MAX_VALUES)] = None,
    length_group: Annotated[list[LengthGroup] | None, Query(max_length=MAX_VALUES)] = None,
    degree: Annotated[list[Literal["25", "50", "75", "100"]] | None, Query(max_length=4)] = None,
    sex: Literal["F", "M"] | None = None,
) -> ReportFilter:
    """The report's own filters: diagnoses (chapter, block, category: any of them), units, age
    groups, length groups, degrees and sex; each repeatable, an empty one does not filter."""
    return ReportFilter(diagnoses=(*(chapter or ()), *(block or ()), *(category or ())),
                        units=tuple(unit or ()),
                        age_groups=tuple(age_group or ()), length_groups=tuple(length_group or ()),
                        degrees=tuple(int(d) for d in degree or ()),
                        sex=(sex,) if sex else ())


FilterDep = Annotated[ReportFilter, Depends(report_filter)]


def _authorise(request: Request, credentials: HTTPAuthorizationCredentials | None,
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


@router.get("/reports")
def report_names() -> list[str]:
    return list(REPORTS)


PeriodFrom = Annotated[BoundedDate | None, Query(alias="from")]
PeriodTo = Annotated[BoundedDate | None, Query(alias="to")]
Format = Annotated[str, Query(pattern="^(json|csv)$")]
ScopedLevel = Literal["region", "care_giver", "care_unit"]


@router.get("/national/reports/{name}", response_model=Report, responses=CSV_OR_JSON)
def read_national_report(name: str, host: ViewsDep, app: CertificatesDep,
                         first: PeriodFrom = None, last: PeriodTo = None,
                         format: Format = "json", after: AfterQuery = None) -> Any:
    """One national report over a period (default the last twelve months; the monthly series
    ends with the period's month). Open to all: no token."""
    scope = Scope(level=ScopeLevel.NATIONAL, id=None)
    return _answer(host, app, name, scope, (first, last), format, after, NO_FILTER)


@router.get("/{level}/reports/{name}", response_model=Report, responses=CSV_OR_JSON)
def read_report(
    level: ScopedLevel, name: str, request: Request, host: ViewsDep, app: CertificatesDep,
    credentials: bearer, scope_id: Annotated[str, Query(alias="id", min_length=1)],
    first: PeriodFrom = None, last: PeriodTo = None, format: Format = "json",
    after: AfterQuery = None, filters: FilterDep = NO_FILTER,
) -> Any:
    """One report for a region (län code), care giver or care unit (HSA id) over a period, for
    a token of that scope, narrowed by the report's own filters."""
    scope = Scope(level=ScopeLevel(level), id=scope_id)
    _authorise(request, credentials, scope)
    return _answer(host, app, name, scope, (first, last), format, after, filters)


def _answer(host: ViewsDep, app: CertificatesDep, name: str, scope: Scope,
            bounds: tuple[date | None, date | None], format: str, after: int | None,
            filters: ReportFilter) -> Report | Response:
    first, last = bounds
    period = ReportPeriod(first=first, last=last or app.clock().date()) if first else \
        default_period(last or app.clock().date())
    if filters != NO_FILTER and name in REPORTS and name not in CASE_FILTERED:
        raise ReportFilterNotApplicableError(
            f"The report {name!r} counts certificates or messages: it takes no filters.")
    seen_or_503(host, VIEW, after)
    with host.db.transaction() as tx:
        built = report(tx, name, scope, period, filters)
    if format == "csv":
        return Response(to_csv(built), media_type="text/csv; charset=utf-8")
    return built
