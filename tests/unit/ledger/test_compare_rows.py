"""Rows against the recorded ledger, without a store: what ``intyg verify`` reports."""

from __future__ import annotations

from streams.ledger.leaves import Leaf
from streams.ledger.verify import Finding, compare_rows


def row(position: int, state: str = "a") -> Leaf:
    return Leaf(position, f"aggregate-{position}", 1, "domain.Event", state * 64)


def test_a_row_at_a_position_the_ledger_skipped_is_inserted_when_below_the_last_recorded() -> None:
    """Positions may have gaps (a rolled-back PostgreSQL sequence value): a row appearing in
    one of them later was never recorded."""
    recorded = [row(1), row(2), row(4)]
    findings, unrecorded = compare_rows(recorded, [row(1), row(2), row(3), row(4), row(5)])
    assert findings == [Finding("inserted", "a row the ledger never recorded", 3)]
    assert unrecorded == 1


def test_findings_come_in_log_order_when_several_rows_changed() -> None:
    recorded = [row(1), row(2), row(3)]
    findings, _ = compare_rows(recorded, [row(1, "b"), row(3)])
    assert findings == [Finding("altered", "changed: stored bytes", 1),
                        Finding("missing", "the event row is gone", 2)]
