"""Which new certificate continues a space's case (DOMAIN.md §7: periods join across a gap of
at most 5 days), tested at the boundary."""

from __future__ import annotations

from datetime import date

import pytest

from domain.samverkan.following import continues_case

CASE = [(date(2026, 10, 1), date(2026, 10, 14))]


@pytest.mark.parametrize(("start", "end", "joins"), [
    (date(2026, 10, 15), date(2026, 11, 30), True),  # from the next day
    (date(2026, 10, 20), date(2026, 11, 30), True),  # after a gap of 5 days
    (date(2026, 10, 21), date(2026, 11, 30), False),  # a gap of 6 days: a new sick leave
    (date(2026, 9, 1), date(2026, 9, 25), True),  # before it, 5 days' gap
    (date(2026, 9, 1), date(2026, 9, 24), False),  # before it, 6 days' gap
])
def test_a_certificate_continues_the_case_only_across_a_gap_of_at_most_5_days(start, end,
                                                                              joins):
    assert continues_case(CASE, [(start, end)]) is joins


def test_a_certificate_ending_long_before_the_case_does_not_continue_it():
    assert not continues_case(CASE, [(date(2026, 8, 1), date(2026, 8, 31))])
    assert not continues_case([], [(date(2026, 10, 1), date(2026, 10, 2))])
