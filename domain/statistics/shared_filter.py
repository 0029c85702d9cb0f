"""A shared filter set (``filters.FilterSet``) as what a report's query takes (DOMAIN.md §8,
"egna rapporter"): its filters as a ``ReportFilter`` and its months as the period's days."""

from __future__ import annotations

from datetime import date, timedelta

from domain.statistics.filters import FilterSet
from domain.statistics.report_filter import ReportFilter


def report_filter_of(found: FilterSet) -> ReportFilter:
    return ReportFilter(diagnoses=tuple(found.diagnoses), units=tuple(found.units),
                        age_groups=tuple(found.age_groups),
                        length_groups=tuple(found.length_groups),
                        degrees=tuple(found.degrees), sex=tuple(found.sex))


def first_day(month: str | None) -> date | None:
    """The 1st of a "YYYY-MM" month."""
    return date.fromisoformat(f"{month}-01") if month else None


def last_day(month: str | None) -> date | None:
    """The last day of a "YYYY-MM" month."""
    if not month:
        return None
    first = date.fromisoformat(f"{month}-01")
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
