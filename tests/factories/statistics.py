"""Builders for the statistics tests (DOMAIN.md §8): facts of certificates and messages, report
periods and scopes."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

from domain.statistics.facts import (
    CertificateFact,
    MessageFact,
    ReportPeriod,
    Scope,
    ScopeLevel,
    SickLeavePeriod,
)
from domain.statistics.report import Report
from domain.statistics.report_filter import NO_FILTER, ReportFilter
from projections.base import Sql
from projections.statistik import rollups, rows
from projections.statistik.reports import report
from projections.statistik.view import StatistikView, fact_row
from streams.database import Transaction

UNIT, OTHER_UNIT, GIVER = "SE2321000016-U1", "SE2321000016-U2", "SE2321000016-G1"
YEAR_2024 = ReportPeriod(first=date(2024, 1, 1), last=date(2024, 12, 31))
NATIONAL = Scope(level=ScopeLevel.NATIONAL)
REGION_01 = Scope(level=ScopeLevel.REGION, id="01")
UNIT_SCOPE = Scope(level=ScopeLevel.CARE_UNIT, id=UNIT)


def period(start: date, end: date, degree: int = 100) -> SickLeavePeriod:
    return SickLeavePeriod(degree=degree, start=start, end=end)


def certificate(*periods: SickLeavePeriod, **fields: Any) -> CertificateFact:
    """A signed lisjp for a new patient on UNIT in län 01, unless the fields say otherwise."""
    first = min((p.start for p in periods), default=date(2024, 3, 1))
    values: dict[str, Any] = {
        "certificate_id": uuid.uuid4().hex, "type_id": "lisjp", "patient": uuid.uuid4().hex,
        "sex": "F", "age": 40, "care_unit": UNIT, "care_giver": GIVER, "lan": "01",
        "doctor": "SE2321000016-D1", "doctor_age": 45, "signed": first, "periods": periods,
        "diagnosis": "F32",
    }
    return CertificateFact(**(values | fields))


def message(subject: str, sex: str = "F", **fields: Any) -> MessageFact:
    values: dict[str, Any] = {
        "message_id": uuid.uuid4().hex, "certificate_id": uuid.uuid4().hex, "subject": subject,
        "sent": date(2024, 5, 2), "care_unit": UNIT, "care_giver": GIVER, "lan": "01", "sex": sex,
    }
    return MessageFact(**(values | fields))


def loaded(facts: Iterable[CertificateFact], messages: Iterable[MessageFact] = ()) -> Sql:
    """A fresh statistik view (SQLite in memory) holding these facts and their cases, written
    by the projection's own row code."""
    tx = Transaction(sqlite3.connect(":memory:", isolation_level=None), is_postgres=False)
    StatistikView("a-key-for-the-tests-only").setup(tx)
    store(tx, facts)
    rows.write_messages(tx, [], messages)
    return tx


def store(tx: Sql, facts: Iterable[CertificateFact], *, replaying: bool = False) -> None:
    """Write (or overwrite) these certificates' rows, then recompute their patients' cases, as
    the projection does when a certificate arrives, changes or is revoked (``replaying``: note
    the patients for the end of the replay instead, as a replay from the start does)."""
    facts = list(facts)
    ids = [f.certificate_id for f in facts]
    counted = rows.counted(tx, ids)
    names = ("id", *(name for name, _ in StatistikView.columns), "doc", "versions")
    tx.executemany(f"INSERT INTO statistik ({', '.join(names)}) "
                   f"VALUES ({', '.join('?' for _ in names)}) ON CONFLICT (id) DO UPDATE SET "
                   + ", ".join(f"{n} = excluded.{n}" for n in names[1:]),
                   [(f.certificate_id, *fact_row(f), "{}", "{}") for f in facts])
    rollups.change_certificates(tx, counted, rows.counted(tx, ids))
    if replaying:
        rows.defer(tx, {f.patient for f in facts})
    else:
        rows.recompute(tx, {f.patient for f in facts})


def report_of(facts: Iterable[CertificateFact], name: str, scope: Scope, period: ReportPeriod,
              messages: Iterable[MessageFact] = (),
              filters: ReportFilter = NO_FILTER) -> Report:
    """The named report as the API computes it, over a view holding only these facts."""
    return report(loaded(facts, messages), name, scope, period, filters)


def table(found: Report) -> dict[str, tuple[int | float, ...]]:
    return {row.key: row.values for row in found.rows}
