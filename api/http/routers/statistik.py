"""Intygsstatistik (DOMAIN.md §8): the report catalogue, and reports as queries over the
statistik view, as JSON, CSV or XLSX, narrowed by filters or a shared filter set's id.

National reports are open to all; who sees the others: ``api.http.statistik_scope``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import Field, StringConstraints

from api.http.auth import TokenDecoder
from api.http.bounds import BoundedDate
from api.http.deps import AfterQuery, CertificatesDep, ViewsDep, bearer, seen_or_503
from api.http.openapi import REPORT_FILES, problems
from api.http.schemas import Body
from api.http.statistik_export import Format, chosen_format, exported
from api.http.statistik_scope import ScopeDep, filter_links
from commands.unit_lists import UnitLists
from domain.shared.errors import InvalidInputError
from domain.statistics.catalogue import CATALOGUE
from domain.statistics.facts import ReportPeriod, Scope, ScopeLevel
from domain.statistics.report import Report
from domain.statistics.report_filter import (
    MAX_VALUES,
    NO_FILTER,
    AgeGroup,
    LengthGroup,
    ReportFilter,
    with_stored,
)
from domain.statistics.shared_filter import first_day, last_day, report_filter_of
from projections.statistik.reports import CASE_FILTERED, REPORTS, report

PER_LISTED = "sjukfall-per-enhet-per-1000-listade"

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


class CatalogueEntryOut(Body):
    id: str = Field(description="The report's id in `/v1/statistik/{level}/reports/{id}`")
    title: str = Field(description="Its title in Swedish")
    levels: list[ScopeLevel] = Field(description="The levels it is given at")
    filters: list[str] = Field(description="What narrows it: `period` (from, to) and, for the "
                                           "reports over cases, the case filters")


@router.get("/reports")
def report_catalogue() -> list[CatalogueEntryOut]:
    """Every report: id, Swedish title, the levels it is given at and the filters it takes."""
    return [CatalogueEntryOut(id=e.id, title=e.title, levels=list(e.levels),
                              filters=list(e.filters)) for e in CATALOGUE]


PeriodFrom = Annotated[BoundedDate | None, Query(alias="from")]
PeriodTo = Annotated[BoundedDate | None, Query(alias="to")]
FormatQuery = Annotated[Format | None, Query(
    description="json, csv or xlsx; without it the Accept header decides, else JSON")]
AcceptHeader = Annotated[str | None, Header(max_length=500, include_in_schema=False)]
FilterQuery = Annotated[str | None, Query(
    alias="filter", min_length=1, max_length=64,
    description="The short id of a shared filter set (POST /v1/statistik/{level}/filters); a "
                "filter or period the request names replaces the set's")]


@router.get("/national/reports/{name}", response_model=Report, responses=REPORT_FILES)
def read_national_report(name: str, host: ViewsDep, app: CertificatesDep,
                         first: PeriodFrom = None, last: PeriodTo = None,
                         format: FormatQuery = None, accept: AcceptHeader = None,
                         after: AfterQuery = None) -> Any:
    """One national report over a period (default the last twelve months; the monthly series
    ends with the period's month). Open to all: no token."""
    scope = Scope(level=ScopeLevel.NATIONAL, id=None)
    asked = Asked(name, scope, (first, last), NO_FILTER, chosen_format(format, accept))
    return _answer(host, app, asked, after)


@router.get("/{level}/reports/{name}", response_model=Report,
            responses={**REPORT_FILES, **problems(404)})
def read_report(
    name: str, request: Request, host: ViewsDep, app: CertificatesDep,
    credentials: bearer, scope: ScopeDep, first: PeriodFrom = None, last: PeriodTo = None,
    format: FormatQuery = None,
    accept: AcceptHeader = None, after: AfterQuery = None, filters: FilterDep = NO_FILTER,
    shared: FilterQuery = None,
) -> Any:
    """One report for a region (län code), care giver or care unit (HSA id) over a period, for
    a token of that scope, narrowed by the report's own filters or a shared filter set."""
    bounds: tuple[date | None, date | None] = (first, last)
    if shared is not None:
        stored = filter_links(request).get(shared)
        filters = with_stored(report_filter_of(stored), filters)
        bounds = (first or first_day(stored.first_month), last or last_day(stored.last_month))
    asked = Asked(name, scope, bounds, filters, chosen_format(format, accept),
                  _listed(request, credentials, name))
    return _answer(host, app, asked, after)


@dataclass(frozen=True)
class Asked:
    name: str
    scope: Scope
    bounds: tuple[date | None, date | None]
    filters: ReportFilter
    format: Format
    listed: dict[str, int] | None = None


def _listed(request: Request, credentials: HTTPAuthorizationCredentials | None,
            name: str) -> dict[str, int] | None:
    """The unit list of the token's care giver, for the report per 1000 listed patients."""
    if name != PER_LISTED or credentials is None:
        return None
    decoder: TokenDecoder = request.app.state.tokens
    app = request.app.state.certificates
    return UnitLists(app, app.clock).listed(decoder.staff(credentials.credentials)
                                            .care_giver_hsa_id)


def _answer(host: ViewsDep, app: CertificatesDep, asked: Asked,
            after: int | None) -> Report | Response:
    first, last = asked.bounds
    today = app.clock().date()
    period = ReportPeriod(first=first, last=last or today) if first else \
        default_period(last or today)
    if asked.filters != NO_FILTER and asked.name in REPORTS and \
            asked.name not in CASE_FILTERED:
        raise ReportFilterNotApplicableError(
            f"The report {asked.name!r} counts certificates or messages: it takes no filters.")
    seen_or_503(host, VIEW, after)
    with host.db.transaction() as tx:
        built = report(tx, asked.name, asked.scope, period, asked.filters, asked.listed)
    return exported(built, asked.name, asked.format)
