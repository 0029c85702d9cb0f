"""The statistics reports' counts as SQL over the rows of ``projections.statistik.rows``.

Every query counts women and men per group in the database (GROUP BY) and returns a
``SexTally``: nothing is loaded per case or certificate. The same SQL runs on PostgreSQL and
SQLite. A scope and a ``ReportFilter`` (field names as the shareable filter sets'
ones) become plain WHERE clauses.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from domain.statistics.facts import ReportPeriod, Scope, ScopeLevel
from domain.statistics.report import SexTally
from domain.statistics.report_filter import NO_FILTER, ReportFilter
from projections.base import Sql
from projections.statistik.rollups import CASE_DIMENSIONS
from projections.statistik.rows import CARE_GIVER, NATIONAL

Where = tuple[list[str], list[Any]]
_SCOPE_COLUMN = {ScopeLevel.REGION: "lan", ScopeLevel.CARE_GIVER: "care_giver",
                 ScopeLevel.CARE_UNIT: "care_unit"}


def _scope(scope: Scope) -> Where:
    if scope.level is ScopeLevel.NATIONAL:
        return [], []
    return [f"{_SCOPE_COLUMN[scope.level]} = ?"], [scope.id]


def _case_scope(scope: Scope) -> Where:
    """National and region reports count national cases; care giver and unit reports the cases
    built from the care giver's own certificates."""
    level = NATIONAL if scope.level in (ScopeLevel.NATIONAL, ScopeLevel.REGION) else CARE_GIVER
    clauses, params = _scope(scope)
    return [f"level = '{level}'", *clauses], params  # a constant: partial indexes match it


def _any_of(column: str, values: Sequence[object]) -> tuple[str, list[Any]]:
    return f"{column} IN ({', '.join('?' for _ in values)})", list(values)


def _filters(filters: ReportFilter) -> Where:
    """Plain conditions: each chosen field any of its values; a diagnosis key matches the
    chapter, the block or the category column (a key is only ever one of the three)."""
    clauses: list[str] = []
    params: list[Any] = []
    if filters.diagnoses:
        found = [_any_of(column, filters.diagnoses) for column in ("chapter", "block", "category")]
        clauses.append("(" + " OR ".join(sql for sql, _ in found) + ")")
        params += [value for _, values in found for value in values]
    for column, values in (("care_unit", filters.units), ("age_group", filters.age_groups),
                           ("length_group", filters.length_groups),
                           ("degree", filters.degrees), ("sex", filters.sex)):
        if values:
            sql, chosen = _any_of(column, values)
            clauses.append(sql)
            params += chosen
    return clauses, params


def _unfiltered(filters: ReportFilter) -> bool:
    return not any((filters.diagnoses, filters.units, filters.age_groups,
                    filters.length_groups, filters.degrees, filters.sex))


def _tally(rows: list[tuple[Any, ...]]) -> SexTally:
    counts = SexTally()
    for key, sex, count in rows:
        if int(count):  # a rollup keeps a key whose count went back to 0
            counts.add(str(key), sex, int(count))
    return counts


def _rolled(scope: Scope, filters: ReportFilter) -> bool:
    """Whether the rollups answer: national and region reports without filters."""
    return scope.level in (ScopeLevel.NATIONAL, ScopeLevel.REGION) and _unfiltered(filters)


NO_CLAUSE: Where = ([], [])


def case_counts(tx: Sql, dimension: str, scope: Scope, period: ReportPeriod,
                filters: ReportFilter, extra: Where = NO_CLAUSE) -> SexTally:
    """Cases overlapping the period per value of ``dimension`` (a case column name or an
    expression over them from the report registry, never user input) and sex; ``extra``
    narrows further (the rollups cannot answer then)."""
    if _rolled(scope, filters) and extra == NO_CLAUSE and dimension in CASE_DIMENSIONS:
        return rolled_case_counts(tx, dimension, scope, period)
    (scoped, scope_params), (chosen, filter_params) = _case_scope(scope), _filters(filters)
    where = " AND ".join([*scoped, "end_day >= ?", "start_day <= ?", *chosen, *extra[0]])
    return _tally(tx.execute(
        f"SELECT {dimension}, sex, COUNT(*) FROM statistik_cases WHERE {where} "  # noqa: S608
        f"GROUP BY {dimension}, sex",
        (*scope_params, period.first.isoformat(), period.last.isoformat(), *filter_params,
         *extra[1])))


def month_counts(tx: Sql, scope: Scope, first_month: str, last_month: str,
                 filters: ReportFilter, extra: Where = NO_CLAUSE) -> SexTally:
    """Cases per month they overlap ("YYYY-MM", first to last inclusive) and sex; ``extra``
    narrows further (the rollup cannot answer then)."""
    if _rolled(scope, filters) and extra == NO_CLAUSE:
        scoped, params = _scope(scope)
        where = " AND ".join([*scoped, "month >= ?", "month <= ?"])
        return _tally(tx.execute(
            f"SELECT month, sex, SUM(n) FROM statistik_month_rollup "  # noqa: S608
            f"WHERE {where} GROUP BY month, sex", (*params, first_month, last_month)))
    (scoped, scope_params), (chosen, filter_params) = _case_scope(scope), _filters(filters)
    where = " AND ".join([*scoped, "month >= ?", "month <= ?", *chosen, *extra[0]])
    return _tally(tx.execute(
        f"SELECT month, sex, COUNT(*) FROM statistik_case_months WHERE {where} "  # noqa: S608
        "GROUP BY month, sex",
        (*scope_params, first_month, last_month, *filter_params, *extra[1])))


def certificate_counts(tx: Sql, scope: Scope, period: ReportPeriod,
                       complemented: bool = False) -> SexTally:
    """Counted certificates (not revoked, not test) signed in the period, per type and sex;
    with ``complemented`` only those that got a signed KOMPLT child."""
    scoped, params = _scope(scope)
    chosen = ["complemented = 1"] if complemented else []
    if _rolled(scope, NO_FILTER):
        where = " AND ".join([*scoped, "day >= ?", "day <= ?", *chosen])
        sql = f"SELECT type, sex, SUM(n) FROM statistik_certificate_rollup WHERE {where} "  # noqa: S608
    else:
        where = " AND ".join([*scoped, "signed >= ?", "signed <= ?", "counted = 1", *chosen])
        sql = f"SELECT type, sex, COUNT(*) FROM statistik WHERE {where} "  # noqa: S608
    return _tally(tx.execute(sql + "GROUP BY type, sex",
                             (*params, period.first.isoformat(), period.last.isoformat())))


def message_counts(tx: Sql, scope: Scope, period: ReportPeriod,
                   dimension: str = "subject") -> SexTally:
    """Messages sent in the period per ``dimension`` (a column or expression of the report
    registry, never user input: the subject, the unit, the month) and sex."""
    scoped, params = _scope(scope)
    where = " AND ".join([*scoped, "sent >= ?", "sent <= ?"])
    return _tally(tx.execute(
        f"SELECT {dimension}, sex, COUNT(*) FROM statistik_messages WHERE {where} "  # noqa: S608
        f"GROUP BY {dimension}, sex",
        (*params, period.first.isoformat(), period.last.isoformat())))


def complement_counts(tx: Sql, scope: Scope, period: ReportPeriod) -> SexTally:
    """Questions asked about by the requests to complement sent in the period, per
    ``<certificate type>:<question id>`` and sex."""
    scoped, params = _scope(scope)
    where = " AND ".join([*scoped, "sent >= ?", "sent <= ?"])
    key = "type || ':' || question_id"
    return _tally(tx.execute(
        f"SELECT {key}, sex, COUNT(*) FROM statistik_complements WHERE {where} "  # noqa: S608
        f"GROUP BY {key}, sex", (*params, period.first.isoformat(), period.last.isoformat())))


def message_doctor_counts(tx: Sql, scope: Scope, period: ReportPeriod) -> SexTally:
    """Messages sent in the period per signing doctor of their certificate (``unknown`` when
    the certificate names none) and sex: the doctor is read from the certificate's fact."""
    scoped, params = _scope(scope)
    doctor = "(c.fact::jsonb ->> 'doctor')" if tx.is_postgres else \
        "json_extract(c.fact, '$.doctor')"
    where = " AND ".join([*(f"m.{clause}" for clause in scoped), "m.sent >= ?", "m.sent <= ?"])
    return _tally(tx.execute(
        f"SELECT COALESCE({doctor}, 'unknown'), m.sex, COUNT(*) "  # noqa: S608
        f"FROM statistik_messages m LEFT JOIN statistik c ON c.id = m.certificate_id "
        f"WHERE {where} GROUP BY COALESCE({doctor}, 'unknown'), m.sex",
        (*params, period.first.isoformat(), period.last.isoformat())))


def certificate_month_type_counts(tx: Sql, scope: Scope, period: ReportPeriod) -> SexTally:
    """Counted certificates signed in the period per "YYYY-MM:type" and sex (care giver and
    unit level: from the certificate rows)."""
    scoped, params = _scope(scope)
    where = " AND ".join([*scoped, "signed >= ?", "signed <= ?", "counted = 1"])
    key = "substr(signed, 1, 7) || ':' || type"
    return _tally(tx.execute(
        f"SELECT {key}, sex, COUNT(*) FROM statistik WHERE {where} "  # noqa: S608
        f"GROUP BY {key}, sex", (*params, period.first.isoformat(), period.last.isoformat())))


def rolled_case_counts(tx: Sql, dimension: str, scope: Scope, period: ReportPeriod) -> SexTally:
    """National or region cases overlapping the period, from the rollup: those starting before
    the period's last month and ending after its first (a month the period holds whole counts
    as well: a period from the 1st takes every case ending in its first month); plus, from the
    case rows, those starting in a partial last month or ending in a partial first month, whose
    days are compared."""
    scoped, params = _scope(scope)
    first, last = period.first, period.last
    whole_first, whole_last = first.day == 1, last == _month_end(last)
    starts_before = last + timedelta(days=1) if whole_last else last.replace(day=1)
    where = " AND ".join(["dimension = ?", *scoped, "start_month < ?",
                          "end_month >= ?" if whole_first else "end_month > ?"])
    counts = _tally(tx.execute(
        f"SELECT value, sex, SUM(n) FROM statistik_case_rollup WHERE {where} "  # noqa: S608
        "GROUP BY value, sex",
        (dimension, *params, f"{starts_before:%Y-%m}", f"{first:%Y-%m}")))
    edges = [] if whole_last else [("start_day >= ? AND start_day <= ? AND end_day >= ?", (
        starts_before.isoformat(), last.isoformat(), first.isoformat()))]
    if not whole_first:
        edges.append(("end_day >= ? AND end_day <= ? AND start_day < ?", (
            first.isoformat(), _month_end(first).isoformat(), starts_before.isoformat())))
    for edge, days in edges:
        where = " AND ".join(["level = 'national'", *scoped, edge])
        for key, sex, count in tx.execute(
                f"SELECT {dimension}, sex, COUNT(*) FROM statistik_cases "  # noqa: S608
                f"WHERE {where} GROUP BY {dimension}, sex", (*params, *days)):
            counts.add(str(key), sex, int(count))
    return counts


def _month_end(day: date) -> date:
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - timedelta(days=1)
