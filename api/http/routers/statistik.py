"""Intygsstatistik (DOMAIN.md §8): reports over the statistik view's facts, as JSON or CSV.

National reports are open to all. A care unit's reports need a token of that unit's staff, a
care giver's a token of its staff, a region's a care user's token whose ``statistics_regions``
claim lists the län code (on a citizen's or a recipient system's token the claim means nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.security import HTTPAuthorizationCredentials

from api.http.auth import TokenDecoder, unauthorized
from api.http.bounds import BoundedDate
from api.http.deps import AfterQuery, CertificatesDep, ViewsDep, bearer, seen_or_503
from api.http.openapi import CSV_OR_JSON
from domain.shared.errors import NotAuthorisedError, NotFoundError
from domain.statistics import certificates as intyg
from domain.statistics import sickleave as sjukfall
from domain.statistics.facts import CertificateFact, MessageFact, ReportPeriod, Scope, ScopeLevel
from domain.statistics.report import Report, to_csv

router = APIRouter(prefix="/v1/statistik", tags=["Intygsstatistik"])
VIEW = "statistik"
Facts = list[CertificateFact]
_PERIOD_REPORTS: dict[str, Callable[[Facts, Scope, ReportPeriod], Report]] = {
    "sjukfall-per-diagnoskapitel": sjukfall.cases_per_chapter,
    "sjukfall-per-diagnosavsnitt": sjukfall.cases_per_block,
    "sjukfall-per-diagnoskategori": sjukfall.cases_per_category,
    "sjukfall-per-aldersgrupp": sjukfall.cases_per_age_group,
    "sjukfall-per-sjukskrivningsgrad": sjukfall.cases_per_degree,
    "sjukfall-per-sjukskrivningslangd": sjukfall.cases_per_length,
    "sjukfall-per-antal-intyg": sjukfall.cases_per_certificate_count,
    "sjukfall-per-lakarens-alder": sjukfall.cases_per_doctor_age,
    "sjukfall-per-lan": sjukfall.cases_per_lan,
    "sjukfall-per-1000-invanare": sjukfall.cases_per_1000_inhabitants,
    "intyg-per-typ": intyg.certificates_per_type,
    "andel-kompletterade": intyg.complemented_share,
}
REPORTS = ("sjukfall-per-manad", "meddelanden-per-amne", *_PERIOD_REPORTS)


class NoSuchReportError(NotFoundError):
    pass


def default_period(today: date) -> ReportPeriod:
    """The twelve months up to today."""
    first = date(today.year - 1, today.month, 1) if today.month != 12 else date(today.year, 1, 1)
    return ReportPeriod(first=first, last=today)


def report(facts: Facts, name: str, scope: Scope, period: ReportPeriod,
           messages: list[MessageFact] | None = None) -> Report:
    if name == "sjukfall-per-manad":
        return sjukfall.cases_per_month(facts, scope, period.last)
    if name == "meddelanden-per-amne":
        return intyg.messages_per_subject(messages or [], scope, period)
    found = _PERIOD_REPORTS.get(name)
    if found is None:
        raise NoSuchReportError(f"No report {name!r}; reports: {', '.join(REPORTS)}.")
    return found(facts, scope, period)


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
    return _answer(host, app, name, scope, first, last, format, after)


@router.get("/{level}/reports/{name}", response_model=Report, responses=CSV_OR_JSON)
def read_report(
    level: ScopedLevel, name: str, request: Request, host: ViewsDep, app: CertificatesDep,
    credentials: bearer, scope_id: Annotated[str, Query(alias="id", min_length=1)],
    first: PeriodFrom = None, last: PeriodTo = None, format: Format = "json",
    after: AfterQuery = None,
) -> Any:
    """One report for a region (län code), care giver or care unit (HSA id) over a period, for
    a token of that scope."""
    scope = Scope(level=ScopeLevel(level), id=scope_id)
    _authorise(request, credentials, scope)
    return _answer(host, app, name, scope, first, last, format, after)


def _answer(host: ViewsDep, app: CertificatesDep, name: str, scope: Scope, first: date | None,
            last: date | None, format: str, after: int | None) -> Report | Response:
    period = ReportPeriod(first=first, last=last or app.clock().date()) if first else \
        default_period(last or app.clock().date())
    seen_or_503(host, VIEW, after)
    certificates, messages = host.facts(fresh=after is not None)
    built = report(certificates, name, scope, period, messages)
    if format == "csv":
        return Response(to_csv(built), media_type="text/csv; charset=utf-8")
    return built
