"""The API process keeps a unit's computed sick-leave cases (DOMAIN.md §7) for the next request
with the same unit, day and settings: served as they are while the unit's revision token is the
same, and after a change only the rows that changed are opened and computed anew. A bounded
number of results is kept, the least recently asked for going first.

The rows here rest in a stand-in for the seal: the patient's values as clear JSON, opened by
``open_clear``, which notes every row it opens."""

from __future__ import annotations

import json

from api.runtime.unit_cases import LISTINGS, UnitCases, UnitCasesMemo, computed
from domain.sickleave.engine import sick_leave_cases
from domain.sickleave.timeline import timeline_of
from projections.sick_leave_timelines import COLUMNS, stored_row
from tests.factories.sickleave import DEFAULT, OTHER_PATIENT, UNIT, cert, d


def rows_of(*certs) -> list[tuple[str, str]]:
    """The overview's rows (patient, entries) of the certificates, the patient's values in the
    clear stand-in for the seal."""
    stored = [dict(zip(COLUMNS, stored_row(UNIT, t), strict=True)) for t in timeline_of(certs)]
    return [(json.dumps([r["personnummer"], r["patient_names"]]), r["entries"]) for r in stored]


OPENED: list[tuple[str, str]] = []


def open_clear(rows: list[tuple[str, str]]) -> list[tuple[str, str, str] | None]:
    OPENED.extend(rows)
    return [(*json.loads(patient), entries) for patient, entries in rows]


def test_a_row_unchanged_since_the_last_result_keeps_its_case_when_another_row_changed():
    mine, theirs = cert("03-01", "03-20"), cert("03-05", "03-25", personnummer=OTHER_PATIENT,
                                                sex="F")
    before = computed(rows_of(mine, theirs), open_clear, d(3, 10), DEFAULT)
    kept = next(c for c in before.cases if c.personnummer == OTHER_PATIENT)
    before.encoded[id(kept)] = b"{}"
    renewal = cert("03-21", "04-10", 50, signed=3)
    after = computed(rows_of(mine, renewal, theirs), open_clear, d(3, 10), DEFAULT, before)
    assert after.cases == sick_leave_cases([mine, renewal, theirs], d(3, 10), DEFAULT)
    assert any(case is kept for case in after.cases)
    assert after.encoded == {id(kept): b"{}"}
    assert [c.certificate_ids for c in after.cases if c.personnummer != OTHER_PATIENT] == [
        (mine.certificate_id, renewal.certificate_id)]


def test_only_the_changed_rows_are_opened_when_the_unit_changed():
    """Issue 17, deliverable 2: a row kept as it rests (sealed) is matched without opening it,
    so a change at the unit opens the changed row only (no key read, no decryption)."""
    mine, theirs = cert("03-01", "03-20"), cert("03-05", "03-25", personnummer=OTHER_PATIENT,
                                                sex="F")
    before = computed(rows_of(mine, theirs), open_clear, d(3, 10), DEFAULT)
    OPENED.clear()
    renewal = cert("03-21", "04-10", 50, signed=3)
    after = computed(rows_of(mine, renewal, theirs), open_clear, d(3, 10), DEFAULT, before)
    assert rows_of(mine, renewal) == OPENED  # their row was matched unopened
    assert after.cases == sick_leave_cases([mine, renewal, theirs], d(3, 10), DEFAULT)


def test_a_row_that_does_not_open_gives_no_case_when_its_patients_key_is_destroyed():
    """docs/sealing.md: a forgotten patient's row opens to nothing, so the patient is not
    listed (the caller passes no previous result after a forget)."""
    mine, theirs = cert("03-01", "03-20"), cert("03-05", "03-25", personnummer=OTHER_PATIENT,
                                                sex="F")

    def forgetting_theirs(rows: list[tuple[str, str]]) -> list[tuple[str, str, str] | None]:
        return [None if OTHER_PATIENT in patient else opened
                for (patient, _), opened in zip(rows, open_clear(rows), strict=True)]

    result = computed(rows_of(mine, theirs), forgetting_theirs, d(3, 10), DEFAULT)
    assert [c.personnummer for c in result.cases] == [mine.personnummer]


def test_no_row_is_opened_again_when_the_unit_is_asked_for_another_day():
    """Issue 17, deliverable 2: the patients a result of the unit opened serve another day's
    (or other settings') result: the engine runs for every row, nothing is opened."""
    mine, theirs = cert("03-01", "03-20"), cert("03-05", "03-25", personnummer=OTHER_PATIENT,
                                                sex="F")
    first = computed(rows_of(mine, theirs), open_clear, d(3, 10), DEFAULT)
    OPENED.clear()
    next_day = computed(rows_of(mine, theirs), open_clear, d(3, 11), DEFAULT,
                        patients=first.patients)
    assert OPENED == []
    assert next_day.cases == sick_leave_cases([mine, theirs], d(3, 11), DEFAULT)
    assert next_day.patients == first.patients


def test_only_a_new_patients_row_is_opened_when_another_days_result_holds_the_others():
    mine, theirs = cert("03-01", "03-20"), cert("03-05", "03-25", personnummer=OTHER_PATIENT,
                                                sex="F")
    first = computed(rows_of(mine), open_clear, d(3, 10), DEFAULT)
    OPENED.clear()
    next_day = computed(rows_of(mine, theirs), open_clear, d(3, 11), DEFAULT,
                        patients=first.patients)
    assert rows_of(theirs) == OPENED
    assert next_day.cases == sick_leave_cases([mine, theirs], d(3, 11), DEFAULT)


def test_the_patients_of_a_unit_are_not_handed_on_when_a_key_was_destroyed_since():
    """docs/sealing.md: after a forget no patient opened before is used again."""
    memo = UnitCasesMemo()
    result = computed(rows_of(cert("03-01", "03-20")), open_clear, d(3, 10), DEFAULT)
    memo.put((UNIT, d(3, 10), 5, 0), ("token-1", 0), result)
    memo.put(("other unit", d(3, 10), 5, 0), ("token-1", 0), UnitCases([]))
    assert memo.patients_of(UNIT, 0) == result.patients != {}
    assert memo.patients_of(UNIT, 1) == {}
    assert memo.patients_of("third unit", 0) == {}


def test_a_patient_whose_row_is_gone_leaves_the_result_when_computed_again():
    mine, theirs = cert("03-01", "03-20"), cert("03-05", "03-25", personnummer=OTHER_PATIENT,
                                                sex="F")
    before = computed(rows_of(mine, theirs), open_clear, d(3, 10), DEFAULT)
    after = computed(rows_of(theirs), open_clear, d(3, 10), DEFAULT, before)
    assert [c.personnummer for c in after.cases] == [OTHER_PATIENT]


def test_a_result_is_kept_with_its_revision_token_and_the_oldest_asked_for_goes_first():
    memo = UnitCasesMemo(size=2)
    first, second, third = UnitCases([]), UnitCases([]), UnitCases([])
    memo.put(("unit-a", d(3, 1), 5, 0), ("token-1", 0), first)
    memo.put(("unit-b", d(3, 1), 5, 0), ("token-1", 0), second)
    found = memo.get(("unit-a", d(3, 1), 5, 0))  # now unit-b is the least recently asked for
    assert found is not None and found[0] == ("token-1", 0) and found[1] is first
    memo.put(("unit-a", d(3, 1), 6, 0), (None, 0), third)
    assert memo.get(("unit-b", d(3, 1), 5, 0)) is None
    kept = memo.get(("unit-a", d(3, 1), 6, 0))
    assert kept is not None and kept[1] is third


def test_a_listing_is_made_once_per_key_and_the_oldest_made_goes_first_when_more_are_kept():
    """Issue 17, deliverable 2: what a scope and filter shows of a result is made once while
    the result stands; a new result (the unit changed) starts with none, and at most
    ``LISTINGS`` are kept."""
    result = computed(rows_of(cert("03-01", "03-20")), open_clear, d(3, 10), DEFAULT)
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
    again = computed(rows_of(cert("03-01", "03-20")), open_clear, d(3, 10), DEFAULT, result)
    assert again.kept("b", lambda: make("b anew")) == "body of b anew"
