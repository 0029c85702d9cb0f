"""DOMAIN.md §8 over a replay from the start on PostgreSQL: the bulk path (new rows by COPY,
the secondary indexes dropped while it runs, the rollups counted from the rows at its end)
leaves the same rows, indexes and rollups as the live view."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date

import pytest

from domain.statistics.facts import CertificateFact
from projections.base import Sql
from projections.statistik.view import StatistikView
from streams.database import Database
from tests.conftest import production_settings
from tests.factories.statistics import certificate, period, store

KEY = "a-key-for-the-tests-only"
ROLLUPS = ("statistik_case_rollup", "statistik_month_rollup", "statistik_certificate_rollup")


@pytest.fixture
def database(postgres_schema: str) -> Iterator[tuple[Database, str]]:
    """Two schemas of this test's own (a replayed view, a live one), dropped afterwards."""
    base = f"{postgres_schema}_{uuid.uuid4().hex[:6]}"
    found = Database(production_settings(postgres_schema))
    try:
        yield found, base
    finally:
        with found.transaction() as tx:
            for schema in (f"{base}_r", f"{base}_l"):
                tx.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        found.close()


def _in(tx: Sql, schema: str) -> None:
    tx.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    tx.execute(f"SET LOCAL search_path TO {schema}")


def _state(tx: Sql) -> tuple[object, ...]:
    """The view's indexes, case rows and rollup keys that count something."""
    indexes = tx.execute("SELECT indexname FROM pg_indexes WHERE schemaname = "
                         "current_schema() ORDER BY indexname")
    cases = tx.execute("SELECT * FROM statistik_cases ORDER BY case_id")
    months = tx.execute("SELECT case_id, month FROM statistik_case_months "
                        "ORDER BY case_id, month")
    rollups = [sorted(tx.execute(f"SELECT * FROM {name} WHERE n <> 0")) for name in ROLLUPS]
    return indexes, cases, months, rollups


def test_replay_leaves_the_live_views_rows_indexes_and_rollups_when_postgres(database):
    """§8 gap 5 across batches of a replay: p1's three certificates make one case (the
    bridge arrives last), p2's certificate is revoked in a later batch; the replayed view has
    the live view's case rows, month rows, indexes and rollups."""
    db, base = database
    bridged = certificate(period(date(2024, 3, 11), date(2024, 3, 24)), patient="p1")
    revoked = certificate(period(date(2024, 4, 2), date(2024, 4, 20)), patient="p2")
    batches = [[certificate(period(date(2024, 3, 1), date(2024, 3, 10)), patient="p1"),
                certificate(period(date(2024, 3, 25), date(2024, 5, 2)), patient="p1"),
                revoked],
               [bridged, revoked.model_copy(update={"revoked": True})]]
    with db.transaction() as tx:
        _in(tx, f"{base}_r")
        view = StatistikView(KEY)
        view.setup(tx)
        view.before_replay(tx)
        assert tx.execute("SELECT COUNT(*) FROM pg_indexes WHERE schemaname = "
                          "current_schema() AND indexname = 'statistik_cases_patient'") == [(0,)]
        for batch in batches:
            store(tx, batch, replaying=True)
        while view.after_replay(tx):
            pass
        replayed = _state(tx)
        facts = [CertificateFact.model_validate_json(fact) for (fact,) in
                 tx.execute("SELECT fact FROM statistik ORDER BY id")]
    with db.transaction() as tx:
        _in(tx, f"{base}_l")
        StatistikView(KEY).setup(tx)
        store(tx, facts)
        assert replayed == _state(tx)
    assert len(replayed[1]) == 2  # p1's one case, national and at its care giver
    assert [month for _, month in replayed[2]][:3] == ["2024-03", "2024-04", "2024-05"]
