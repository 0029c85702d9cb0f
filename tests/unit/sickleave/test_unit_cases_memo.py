"""The API process keeps a unit's computed sick-leave cases (DOMAIN.md §7) for the next request
with the same unit, day and settings: served as they are while the unit's revision token is the
same, and after a change only the rows of revisions not seen before are read in full, opened
and computed anew. A bounded number of results is kept, the least recently asked for going
first.

The rows here rest in ``StandInView`` (``tests.factories.unit_rows``), a stand-in for the
rehabstod view, read by ``UnitRowsOf`` as the overview reads the real one."""

from __future__ import annotations

from api.runtime.unit_cases import INSERTED, LISTINGS, UnitCases, computed
from api.runtime.unit_cases_memo import UnitCasesMemo
from domain.sickleave.engine import sick_leave_cases
from domain.sickleave.model import SickLeaveCertificate, SjukfallSettings
from tests.factories.sickleave import DEFAULT, OTHER_PATIENT, UNIT, cert, d, personnummer
from tests.factories.unit_rows import StandInView, UnitRowsOf


def two_patients() -> tuple[SickLeaveCertificate, SickLeaveCertificate]:
    return cert("03-01", "03-20"), cert("03-05", "03-25", personnummer=OTHER_PATIENT, sex="F")


def test_a_row_unchanged_since_the_last_result_keeps_its_case_when_another_row_changed():
    mine, theirs = two_patients()
    view = StandInView(mine, theirs)
    before = computed(UnitRowsOf(view), d(3, 10), DEFAULT)
    kept = next(c for c in before.cases if c.personnummer == OTHER_PATIENT)
    before.encoded[id(kept)] = b"{}"
    renewal = cert("03-21", "04-10", 50, signed=3)
    view.write(mine, renewal)
    after = computed(UnitRowsOf(view), d(3, 10), DEFAULT, before)
    assert after.cases == sick_leave_cases([mine, renewal, theirs], d(3, 10), DEFAULT)
    assert any(case is kept for case in after.cases)
    assert after.encoded == {id(kept): b"{}"}
    assert [c.certificate_ids for c in after.cases if c.personnummer != OTHER_PATIENT] == [
        (mine.certificate_id, renewal.certificate_id)]


def test_only_a_row_of_a_new_revision_is_read_and_opened_when_the_unit_changed():
    """Issue 17, deliverable 2: the rows are matched by revision, so a change at the unit reads
    only the rows' revisions and the changed row in full; an unchanged row is neither read in
    full nor opened (no key read, no decryption)."""
    mine, theirs = two_patients()
    view = StandInView(mine, theirs)
    before = computed(UnitRowsOf(view), d(3, 10), DEFAULT)
    renewal = cert("03-21", "04-10", 50, signed=3)
    view.write(mine, renewal)
    rows = UnitRowsOf(view)
    after = computed(rows, d(3, 10), DEFAULT, before)
    assert rows.read_in_full == rows.opened_rows == [view.revision_of(mine.personnummer)]
    assert after.cases == sick_leave_cases([mine, renewal, theirs], d(3, 10), DEFAULT)


def test_a_row_rewritten_with_the_same_text_is_read_again_when_its_revision_is_new():
    """Issue 17, deliverable 2: a new revision is a new row to the reader, whatever its text;
    the other row is not opened."""
    mine, theirs = two_patients()
    view = StandInView(mine, theirs)
    before = computed(UnitRowsOf(view), d(3, 10), DEFAULT)
    view.write(theirs)
    rows = UnitRowsOf(view)
    after = computed(rows, d(3, 10), DEFAULT, before)
    assert rows.opened_rows == [view.revision_of(OTHER_PATIENT)]
    assert after.cases == before.cases


def test_the_window_is_read_again_when_a_row_is_rewritten_after_its_revision_was_read():
    """Issue 17, deliverable 2: a row rewritten between reading the revisions and the rows (the
    revision asked for gone) has the whole window read at once, so the result is the current
    rows', as computed afresh."""
    mine, theirs = two_patients()
    view = StandInView(mine, theirs)
    before = computed(UnitRowsOf(view), d(3, 10), DEFAULT)
    view.write(theirs)  # a new revision: its row is to be read in full
    renewal = cert("03-26", "04-15", personnummer=OTHER_PATIENT, sex="F", signed=3)
    rows = UnitRowsOf(view)
    rows.rewritten_meanwhile = [theirs, renewal]
    after = computed(rows, d(3, 10), DEFAULT, before)
    assert after.cases == sick_leave_cases([mine, theirs, renewal], d(3, 10), DEFAULT)
    assert [c.certificate_ids for c in after.cases if c.personnummer == OTHER_PATIENT] == [
        (theirs.certificate_id, renewal.certificate_id)]


def test_a_row_that_does_not_open_gives_no_case_when_its_patients_key_is_destroyed():
    """docs/sealing.md: a forgotten patient's row opens to nothing, so the patient is not
    listed (the caller passes no previous result after a forget)."""
    mine, theirs = two_patients()
    result = computed(UnitRowsOf(StandInView(mine, theirs), frozenset({OTHER_PATIENT})),
                      d(3, 10), DEFAULT)
    assert [c.personnummer for c in result.cases] == [mine.personnummer]


def test_no_row_is_read_in_full_or_opened_when_the_unit_is_asked_for_another_day():
    """Issue 17, deliverable 2: the rows a result of the unit opened serve another day's (or
    other settings') result: the revisions are read and the engine runs for every row."""
    mine, theirs = two_patients()
    view = StandInView(mine, theirs)
    first = computed(UnitRowsOf(view), d(3, 10), DEFAULT)
    rows = UnitRowsOf(view)
    next_day = computed(rows, d(3, 11), DEFAULT, latest=(d(3, 10), first))
    assert rows.read_in_full == rows.opened_rows == []
    assert next_day.cases == sick_leave_cases([mine, theirs], d(3, 11), DEFAULT)
    assert next_day.rows == first.rows


def test_only_a_new_patients_row_is_opened_when_another_days_result_holds_the_others():
    mine, theirs = two_patients()
    view = StandInView(mine)
    first = computed(UnitRowsOf(view), d(3, 10), DEFAULT)
    view.write(theirs)
    rows = UnitRowsOf(view)
    next_day = computed(rows, d(3, 11), DEFAULT, latest=(d(3, 10), first))
    assert rows.opened_rows == [view.revision_of(OTHER_PATIENT)]
    assert next_day.cases == sick_leave_cases([mine, theirs], d(3, 11), DEFAULT)


def test_a_case_of_the_same_day_is_taken_over_when_other_settings_make_the_same_chain():
    """Issue 17, deliverable 2 (other settings, the same day): DOMAIN.md §7 maxGap decides
    which certificates join; a row whose chain is the same keeps the case object (and its
    JSON), a row whose chain changed gets the engine's case for the new settings."""
    gap_of_ten = [cert("02-20", "03-01"), cert("03-12", "03-31", signed=3)]
    alone = cert("03-05", "03-25", personnummer=OTHER_PATIENT, sex="F")
    view = StandInView(*gap_of_ten, alone)
    first = computed(UnitRowsOf(view), d(3, 15), DEFAULT)
    kept = next(c for c in first.cases if c.personnummer == OTHER_PATIENT)
    first.encoded[id(kept)] = b"{}"
    wide = SjukfallSettings(max_gap=30)
    other = computed(UnitRowsOf(view), d(3, 15), wide, latest=(d(3, 15), first))
    assert other.cases == sick_leave_cases([*gap_of_ten, alone], d(3, 15), wide)
    assert any(case is kept for case in other.cases) and other.encoded == {id(kept): b"{}"}
    [joined] = [c for c in other.cases if c.personnummer != OTHER_PATIENT]
    assert joined.certificate_ids == tuple(c.certificate_id for c in gap_of_ten)
    next_day = computed(UnitRowsOf(view), d(3, 16), wide, latest=(d(3, 15), other))
    assert not any(case is kept for case in next_day.cases)


def test_many_cases_computed_anew_are_listed_in_the_overviews_order_when_few_were_kept():
    """DOMAIN.md §7 (the overview's order: by start, then personnummer): the cases computed
    anew, more than are put in place one by one, are sorted with those taken over."""
    first = cert("03-01", "03-20")
    others = [cert(f"03-{1 + n % 9:02d}", "03-25", personnummer=personnummer(
        f"1970{1 + n % 12:02d}{1 + n % 28:02d}", f"{100 + n:03d}")) for n in range(INSERTED + 5)]
    view = StandInView(first)
    before = computed(UnitRowsOf(view), d(3, 10), DEFAULT)
    view.write(*others)
    after = computed(UnitRowsOf(view), d(3, 10), DEFAULT, before)
    assert after.cases == sick_leave_cases([first, *others], d(3, 10), DEFAULT)


def test_the_rows_of_a_unit_are_not_handed_on_when_a_key_was_destroyed_since():
    """docs/sealing.md: after a forget no row opened before is used again."""
    memo = UnitCasesMemo()
    result = computed(UnitRowsOf(StandInView(cert("03-01", "03-20"))), d(3, 10), DEFAULT)
    memo.put((UNIT, d(3, 10), 5, 0), ("token-1", 0), result)
    memo.put(("other unit", d(3, 10), 5, 0), ("token-1", 0), UnitCases([]))
    assert memo.latest(UNIT, 0) == (d(3, 10), result)
    assert result.rows != {}
    assert memo.latest(UNIT, 1) is None
    assert memo.latest("third unit", 0) is None


def test_a_patient_whose_row_is_gone_leaves_the_result_when_computed_again():
    mine, theirs = two_patients()
    view = StandInView(mine, theirs)
    before = computed(UnitRowsOf(view), d(3, 10), DEFAULT)
    del view.rows[mine.personnummer]
    after = computed(UnitRowsOf(view), d(3, 10), DEFAULT, before)
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
    view = StandInView(cert("03-01", "03-20"))
    result = computed(UnitRowsOf(view), d(3, 10), DEFAULT)
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
    again = computed(UnitRowsOf(view), d(3, 10), DEFAULT, result)
    assert again.kept("b", lambda: make("b anew")) == "body of b anew"
