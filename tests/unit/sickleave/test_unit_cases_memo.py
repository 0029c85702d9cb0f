"""The API process keeps a unit's computed sick-leave cases (DOMAIN.md §7) for the next request
with the same key (unit, the view's revision token of the unit, day, settings): a bounded
number of them, the least recently asked for going first."""

from __future__ import annotations

from api.runtime.unit_cases import UnitCases, UnitCasesMemo


def computed() -> UnitCases:
    return UnitCases([], {})


def test_a_result_is_found_by_its_whole_key_when_kept():
    memo = UnitCasesMemo(size=4)
    kept = computed()
    memo.put(("unit", "token-1", "2026-03-01", 5, 0), kept)
    assert memo.get(("unit", "token-1", "2026-03-01", 5, 0)) is kept
    assert memo.get(("unit", "token-2", "2026-03-01", 5, 0)) is None
    assert memo.get(("unit", "token-1", "2026-03-01", 6, 0)) is None


def test_the_least_recently_asked_for_goes_first_when_the_memo_is_full():
    memo = UnitCasesMemo(size=2)
    first, second, third = computed(), computed(), computed()
    memo.put("a", first)
    memo.put("b", second)
    assert memo.get("a") is first  # now "b" is the least recently asked for
    memo.put("c", third)
    assert memo.get("b") is None
    assert memo.get("a") is first
    assert memo.get("c") is third
