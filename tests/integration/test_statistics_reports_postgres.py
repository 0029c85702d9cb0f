"""DOMAIN.md §8 Intygsstatistik: the reports added for the original service's set give on
PostgreSQL the same hand-computed tables as on SQLite (their SQL differs only where the two
dialects do: the doctor read from a certificate's fact)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date

import pytest

from domain.statistics.facts import ReportPeriod, Scope, ScopeLevel
from domain.statistics.report_filter import ReportFilter
from projections.base import Sql
from projections.statistik import rows
from projections.statistik.reports import report
from projections.statistik.view import StatistikView
from streams.database import Database
from tests.conftest import production_settings
from tests.factories.statistics import GIVER, REGION_01, certificate, message, period, store, table

MARCH = period(date(2024, 3, 1), date(2024, 3, 20))
MAY = ReportPeriod(first=date(2024, 5, 1), last=date(2024, 5, 31))
YEAR = ReportPeriod(first=date(2024, 1, 1), last=date(2024, 12, 31))
CARE_GIVER = Scope(level=ScopeLevel.CARE_GIVER, id=GIVER)
DOCTOR, OTHER_DOCTOR = "SE2321000016-D1", "SE2321000016-D2"


@pytest.fixture
def tx(postgres_schema: str) -> Iterator[Sql]:
    """A statistik view of its own in a schema of its own, rolled back afterwards."""
    schema = f"{postgres_schema}_{uuid.uuid4().hex[:6]}"
    database = Database(production_settings(schema))
    try:
        with database.transaction() as found:
            found.execute(f"CREATE SCHEMA {schema}")
            found.execute(f"SET LOCAL search_path TO {schema}")
            StatistikView("a-key-for-the-tests-only").setup(found)
            yield found
            found.execute(f"DROP SCHEMA {schema} CASCADE")
    finally:
        database.close()


def test_messages_per_doctor_read_the_signer_from_the_fact_when_postgres(tx: Sql):
    first = certificate(MARCH, doctor=DOCTOR)
    second = certificate(MARCH, doctor=OTHER_DOCTOR, sex="M")
    store(tx, [first, second])
    rows.write_messages(tx, [], [message("KOMPLT", certificate_id=first.certificate_id),
                                 message("KONTKT", sex="M",
                                         certificate_id=second.certificate_id),
                                 message("OVRIGT")])
    found = report(tx, "meddelanden-per-lakare", CARE_GIVER, MAY)
    assert table(found) == {DOCTOR: (1, 0, 1), OTHER_DOCTOR: (0, 1, 1), "unknown": (1, 0, 1)}


def test_new_case_reports_give_the_hand_computed_tables_when_postgres(tx: Sql):
    """Per unit at region level (suppressed), chosen diagnoses, certificates per month and
    type: the same tables as tests/unit/statistics/test_statistik_more_reports.py."""
    facts = [certificate(MARCH, sex="F", diagnosis="F32") for _ in range(6)] + \
        [certificate(MARCH, sex="M", diagnosis="M54") for _ in range(4)]
    store(tx, facts)
    assert table(report(tx, "sjukfall-per-enhet", REGION_01, YEAR)) == {
        "SE2321000016-U1": (6, 0, 6)}
    chosen = ReportFilter(diagnoses=("V", "M50-M54"))
    assert table(report(tx, "jamforda-diagnoser", CARE_GIVER, YEAR, chosen)) == {
        "V": (6, 0, 6), "M50-M54": (0, 4, 4)}
    per_month = table(report(tx, "intyg-per-manad-och-typ", CARE_GIVER,
                             ReportPeriod(first=date(2024, 3, 1), last=date(2024, 3, 31))))
    assert per_month == {"2024-03:lisjp": (6, 4, 10)}


def test_complements_per_question_give_the_hand_computed_table_when_postgres(tx: Sql):
    """The same table as tests/unit/statistics/test_statistik_complements.py: a request asking
    about 32 and 35 counts for both, one naming 32 twice counts once."""
    rows.write_messages(tx, [], [
        message("KOMPLT", type_id="lisjp", complement_questions=("32", "35")),
        message("KOMPLT", "M", type_id="lisjp", complement_questions=("32",)),
        message("KOMPLT", type_id="lisjp", complement_questions=("32", "32"))])
    found = report(tx, "kompletteringar-per-fraga", CARE_GIVER, MAY)
    assert table(found) == {"lisjp:32": (2, 1, 3), "lisjp:35": (1, 0, 1)}
