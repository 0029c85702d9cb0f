"""Intygsstatistik's reports by name (DOMAIN.md §8): a query for the counts, then the table."""

from __future__ import annotations

from domain.shared.errors import NotFoundError
from domain.statistics import certificates as intyg
from domain.statistics import sickleave as sjukfall
from domain.statistics.facts import ReportPeriod, Scope
from domain.statistics.report import Report
from domain.statistics.report_filter import NO_FILTER, ReportFilter
from projections.base import Sql
from projections.statistik import queries

PER_1000 = "sjukfall-per-1000-invanare"
REPORTS = ("sjukfall-per-manad", "meddelanden-per-amne", *sjukfall.CASE_REPORTS, PER_1000,
           "intyg-per-typ", "andel-kompletterade")
CASE_FILTERED = frozenset({"sjukfall-per-manad", *sjukfall.CASE_REPORTS, PER_1000})
"""The reports over cases, which take every filter; the others count certificates or
messages, which have no diagnosis, age, length or degree."""


class NoSuchReportError(NotFoundError):
    pass


def report(tx: Sql, name: str, scope: Scope, period: ReportPeriod,
           filters: ReportFilter = NO_FILTER) -> Report:
    """The named report of the scope over the period (the monthly series: the 18 months ending
    with the period's last month)."""
    if name == "sjukfall-per-manad":
        months = sjukfall.month_series(period.last, sjukfall.MONTHS_IN_SERIES)
        counts = queries.month_counts(tx, scope, months[0][0], months[-1][0], filters)
        return sjukfall.cases_per_month(counts, scope, period.last)
    if name == "meddelanden-per-amne":
        return intyg.messages_per_subject(queries.message_counts(tx, scope, period), scope)
    if name == "intyg-per-typ":
        return intyg.certificates_per_type(queries.certificate_counts(tx, scope, period), scope)
    if name == "andel-kompletterade":
        return intyg.complemented_share(queries.certificate_counts(tx, scope, period),
                                        queries.certificate_counts(tx, scope, period, True),
                                        scope)
    if name == PER_1000:
        return sjukfall.cases_per_1000_inhabitants(
            report(tx, "sjukfall-per-lan", scope, period, filters))
    found = sjukfall.CASE_REPORTS.get(name)
    if found is None:
        raise NoSuchReportError(f"No report {name!r}; reports: {', '.join(REPORTS)}.")
    return found.build(queries.case_counts(tx, found.dimension, scope, period, filters), scope)
