"""The API process keeps a unit's computed sick-leave cases (DOMAIN.md §7) for the next request
with the same unit, day and settings: served as they are while the unit's revision token is the
same, and after a change only the rows that changed are computed anew. A bounded number of
results is kept, the least recently asked for going first."""

from __future__ import annotations

from api.runtime.unit_cases import LISTINGS, UnitCases, UnitCasesMemo, computed
from domain.sickleave.engine import sick_leave_cases
from domain.sickleave.timeline import timeline_of
from projections.sick_leave_timelines import COLUMNS, stored_row
from tests.factories.sickleave import DEFAULT, OTHER_PATIENT, UNIT, cert, d


def rows_of(*certs) -> list[tuple[str, str, str]]:
    """The overview's rows (personnummer, patient_names, entries) of the certificates."""
    stored = [dict(zip(COLUMNS, stored_row(UNIT, t), strict=True)) for t in timeline_of(certs)]
    return [(r["personnummer"], r["patient_names"], r["entries"]) for r in stored]


def test_a_row_unchanged_since_the_last_result_keeps_its_case_when_another_row_changed():
    mine, theirs = cert("03-01", "03-20"), cert("03-05", "03-25", personnummer=OTHER_PATIENT,
                                                sex="F")
    before = computed(rows_of(mine, theirs), d(3, 10), DEFAULT)
    kept = next(c for c in before.cases if c.personnummer == OTHER_PATIENT)
    before.encoded[id(kept)] = b"{}"
    renewal = cert("03-21", "04-10", 50, signed=3)
    after = computed(rows_of(mine, renewal, theirs), d(3, 10), DEFAULT, before)
    assert after.cases == sick_leave_cases([mine, renewal, theirs], d(3, 10), DEFAULT)
    assert any(case is kept for case in after.cases)
    assert after.encoded == {id(kept): b"{}"}
    assert [c.certificate_ids for c in after.cases if c.personnummer != OTHER_PATIENT] == [
        (mine.certificate_id, renewal.certificate_id)]


def test_a_patient_whose_row_is_gone_leaves_the_result_when_computed_again():
    mine, theirs = cert("03-01", "03-20"), cert("03-05", "03-25", personnummer=OTHER_PATIENT,
                                                sex="F")
    before = computed(rows_of(mine, theirs), d(3, 10), DEFAULT)
    after = computed(rows_of(theirs), d(3, 10), DEFAULT, before)
    assert [c.personnummer for c in after.cases] == [OTHER_PATIENT]


def test_a_result_is_kept_with_its_revision_token_and_the_oldest_asked_for_goes_first():
    memo = UnitCasesMemo(size=2)
    first, second, third = UnitCases([]), UnitCases([]), UnitCases([])
    memo.put(("unit-a", d(3, 1), 5, 0), "token-1", first)
    memo.put(("unit-b", d(3, 1), 5, 0), "token-1", second)
    found = memo.get(("unit-a", d(3, 1), 5, 0))  # now unit-b is the least recently asked for
    assert found is not None and found[0] == "token-1" and found[1] is first
    memo.put(("unit-a", d(3, 1), 6, 0), None, third)
    assert memo.get(("unit-b", d(3, 1), 5, 0)) is None
    kept = memo.get(("unit-a", d(3, 1), 6, 0))
    assert kept is not None and kept[1] is third


def test_a_listing_is_made_once_per_key_and_the_oldest_made_goes_first_when_more_are_kept():
    """Issue 17, deliverable 2: what a scope and filter shows of a result is made once while
    the result stands; a new result (the unit changed) starts with none, and at most
    ``LISTINGS`` are kept."""
    result = computed(rows_of(cert("03-01", "03-20")), d(3, 10), DEFAULT)
    made: list[str] = []

    def make(key: str) -> str:
        made.append(key)
        return f"body of {key}"

    assert [result.kept(k, lambda k=k: make(k)) for k in ("a", "a", "b")] == [
        "body of a", "body of a", "body of b"]
    assert made == ["a", "b"]
    for n in range(LISTINGS):
        result.kept(n, lambda n=n: make(str(n)))
    assert result.kept("a", lambda: make("a again")) == "body of a again"
    again = computed(rows_of(cert("03-01", "03-20")), d(3, 10), DEFAULT, result)
    assert again.kept("b", lambda: make("b anew")) == "body of b anew"
