"""The national rollups count exactly what the case and certificate rows count: the same
cases of one care giver counted from the rollups (national) and from the rows (care giver),
over periods that start and end mid-month, after cases join and after a revocation."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from domain.statistics.facts import ReportPeriod, Scope, ScopeLevel
from domain.statistics.report_filter import NO_FILTER
from projections.statistik import queries
from projections.statistik.rollups import CASE_DIMENSIONS
from tests.factories.statistics import GIVER, NATIONAL, certificate, loaded, period, store

GIVER_SCOPE = Scope(level=ScopeLevel.CARE_GIVER, id=GIVER)
PERIODS = [ReportPeriod(first=date(2024, 2, 14), last=date(2024, 6, 9)),
           ReportPeriod(first=date(2024, 3, 1), last=date(2024, 3, 31)),
           ReportPeriod(first=date(2024, 4, 10), last=date(2024, 4, 12)),
           ReportPeriod(first=date(2023, 12, 20), last=date(2024, 12, 31)),
           ReportPeriod(first=date(2024, 2, 1), last=date(2024, 5, 17)),
           ReportPeriod(first=date(2024, 4, 1), last=date(2024, 4, 30)),
           ReportPeriod(first=date(2024, 4, 30), last=date(2024, 5, 1))]


def _world(rng: random.Random) -> list:
    facts = []
    for n in range(120):
        start = date(2024, 1, 1) + timedelta(days=rng.randint(0, 200))
        facts.append(certificate(
            period(start, start + timedelta(days=rng.randint(0, 80)), rng.choice([25, 50, 100])),
            patient=f"p{n % 40}", sex=rng.choice("FM"), age=rng.randint(14, 70),
            lan=rng.choice(["01", "03", "25"]), diagnosis=rng.choice(["F32", "M544", "J06"])))
    return facts


def _table(counts) -> dict[str, tuple[int, int]]:
    return {key: counts.count(key) for key in counts.keys()}  # noqa: SIM118 - not a dict


def _same(tx) -> None:
    for found in PERIODS:
        for dimension in CASE_DIMENSIONS:
            assert _table(queries.case_counts(tx, dimension, NATIONAL, found, NO_FILTER)) == \
                _table(queries.case_counts(tx, dimension, GIVER_SCOPE, found, NO_FILTER)), \
                (dimension, found)
        for complemented in (False, True):
            assert _table(queries.certificate_counts(tx, NATIONAL, found, complemented)) == \
                _table(queries.certificate_counts(tx, GIVER_SCOPE, found, complemented))
    assert _table(queries.month_counts(tx, NATIONAL, "2023-11", "2024-12", NO_FILTER)) == \
        _table(queries.month_counts(tx, GIVER_SCOPE, "2023-11", "2024-12", NO_FILTER))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_rollups_count_what_the_rows_count_when_cases_join_and_certificates_are_revoked(seed):
    """120 random certificates of 40 patients: 80 first, then 40 that join and extend cases,
    then 30 revoked; after each step every national figure equals the care giver's."""
    rng = random.Random(seed)
    facts = _world(rng)
    tx = loaded(facts[:80])
    assert _table(queries.case_counts(tx, "chapter", NATIONAL, PERIODS[0], NO_FILTER))
    _same(tx)
    store(tx, facts[80:])  # new certificates join and extend the patients' cases
    _same(tx)
    store(tx, [f.model_copy(update={"revoked": True}) for f in rng.sample(facts, 30)])
    _same(tx)
