"""DOMAIN.md §8 over a replay from the start: the statistik view writes each batch's
certificate rows and notes whose cases changed; each noted patient's cases are computed once, at
the replay's end, or when the view's consumer next starts after a replay cut short."""

from __future__ import annotations

import sqlite3
from datetime import date

from domain.statistics.facts import CertificateFact
from projections.statistik import rows
from projections.statistik.reports import report
from projections.statistik.view import StatistikView
from streams.database import Transaction
from tests.factories.statistics import (
    UNIT_SCOPE,
    YEAR_2024,
    certificate,
    period,
    store,
    table,
)

PER_COUNT = "sjukfall-per-antal-intyg"


def _replayed_in_two_batches() -> tuple[Transaction, StatistikView]:
    """Two batches of a replay: 1-10 and 25-31 March of one patient, then the bridge 11-24
    March (§8 gap 5: one case of three certificates), and a patient of her own."""
    tx = Transaction(sqlite3.connect(":memory:", isolation_level=None), is_postgres=False)
    view = StatistikView("a-key-for-the-tests-only")
    view.setup(tx)
    view.before_replay(tx)
    store(tx, [certificate(period(date(2024, 3, 1), date(2024, 3, 10)), patient="p1"),
               certificate(period(date(2024, 3, 25), date(2024, 3, 31)), patient="p1")],
          replaying=True)
    store(tx, [certificate(period(date(2024, 3, 11), date(2024, 3, 24)), patient="p1"),
               certificate(period(date(2024, 4, 2), date(2024, 4, 20)), patient="p2")],
          replaying=True)
    return tx, view


def _cases(tx: Transaction) -> dict[str, tuple[int | float, ...]]:
    return {key: values for key, values in table(report(tx, PER_COUNT, UNIT_SCOPE,
                                                        YEAR_2024)).items()
            if values != (0, 0, 0)}


def test_replay_writes_each_patients_cases_once_at_its_end():
    """§8 gap 5 across two batches of a replay: no case rows while it runs; at its end one case
    of three certificates for p1 and one of one for p2, nothing left noted."""
    tx, view = _replayed_in_two_batches()
    assert tx.execute("SELECT COUNT(*) FROM statistik_cases") == [(0,)]
    while view.after_replay(tx):
        pass
    assert view.replaying is False
    assert _cases(tx) == {"1": (1, 0, 1), "3": (1, 0, 1)}
    assert tx.execute("SELECT COUNT(*) FROM statistik_pending") == [(0,)]


def test_replay_cut_short_has_its_cases_written_when_the_view_starts_again():
    """A replay stopped before its end leaves noted patients; the view's start (``setup``, run
    by every consumer before it reads) writes their cases, so the unit's report and the
    national month rollup count them: March 1 case (p1), April 1 case (p2)."""
    tx, _ = _replayed_in_two_batches()
    StatistikView("a-key-for-the-tests-only").setup(tx)
    assert _cases(tx) == {"1": (1, 0, 1), "3": (1, 0, 1)}
    assert tx.execute("SELECT month, SUM(n) FROM statistik_month_rollup GROUP BY month "
                      "ORDER BY month") == [("2024-03", 1), ("2024-04", 1)]
    assert tx.execute("SELECT COUNT(*) FROM statistik_pending") == [(0,)]


def test_patients_noted_twice_are_recomputed_once():
    """``rows.defer`` keeps a patient once however many batches note them."""
    tx, _ = _replayed_in_two_batches()
    rows.defer(tx, ["p1", "p2", "p1"])
    assert tx.execute("SELECT patient FROM statistik_pending ORDER BY patient") == [
        ("p1",), ("p2",)]


_ROLLUPS = ("statistik_case_rollup", "statistik_month_rollup", "statistik_certificate_rollup")


def _rollups(tx: Transaction) -> dict[str, list[tuple[object, ...]]]:
    """Every rollup's keys that count something, in order."""
    return {name: sorted(tx.execute(f"SELECT * FROM {name} WHERE n <> 0"))
            for name in _ROLLUPS}


def _indexes(tx: Transaction) -> list[tuple[object, ...]]:
    return tx.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                      "AND tbl_name LIKE 'statistik%' ORDER BY name")


def test_replay_counts_the_same_rollups_as_the_live_view_when_it_ends():
    """§8 counts: the rollups a replay counts from its rows at its end equal those the live
    view keeps by deltas over the same certificates (one of them revoked in a later batch)."""
    live = Transaction(sqlite3.connect(":memory:", isolation_level=None), is_postgres=False)
    StatistikView("a-key-for-the-tests-only").setup(live)
    tx, view = _replayed_in_two_batches()
    first = certificate(period(date(2024, 3, 1), date(2024, 3, 10)), patient="p3")
    revoked = first.model_copy(update={"revoked": True})
    store(tx, [first], replaying=True)
    store(tx, [revoked], replaying=True)
    while view.after_replay(tx):
        pass
    facts = tx.execute("SELECT fact FROM statistik ORDER BY id")
    store(live, [CertificateFact.model_validate_json(fact) for (fact,) in facts])
    assert _rollups(tx) == _rollups(live)
    assert _rollups(tx)["statistik_month_rollup"] != []


def test_replay_builds_the_indexes_it_dropped_when_it_ends():
    """A replay drops the secondary indexes of the certificate and case rows while it runs
    and has every one of them again at its end."""
    tx, view = _replayed_in_two_batches()
    fresh = Transaction(sqlite3.connect(":memory:", isolation_level=None), is_postgres=False)
    StatistikView("a-key-for-the-tests-only").setup(fresh)
    assert "statistik_cases_patient" not in [name for (name,) in _indexes(tx)]
    while view.after_replay(tx):
        pass
    assert _indexes(tx) == _indexes(fresh)


def test_replay_cut_short_after_its_cases_has_its_rollups_counted_when_the_view_starts():
    """A replay stopped after the last patient's cases were written, before the rollups were
    counted, leaves its marker: the view's start counts them (March 1 case, April 1 case)."""
    tx, view = _replayed_in_two_batches()
    view.after_replay(tx)  # one step: every noted patient's cases, nothing counted yet
    assert tx.execute("SELECT COUNT(*) FROM statistik_pending") == [(0,)]
    assert tx.execute("SELECT COUNT(*) FROM statistik_month_rollup WHERE n <> 0") == [(0,)]
    StatistikView("a-key-for-the-tests-only").setup(tx)
    assert tx.execute("SELECT month, SUM(n) FROM statistik_month_rollup GROUP BY month "
                      "ORDER BY month") == [("2024-03", 1), ("2024-04", 1)]
