"""Which new certificate continues a space's sick-leave case (issue 15 item 3: the timeline is
fed by the citizen's certificates from the ledger): one whose periods meet the case's chain of
periods across a gap of at most ``MAX_GAP`` days (DOMAIN.md §7), as ``timeline.case_days``
joins them. A certificate of a later, separate sick leave is not the space's. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from domain.samverkan.timeline import MAX_GAP, case_days

FOLLOWER = "samverkan:följer"
"""``by`` of a certificate linked because it continues the case, not by the citizen."""


def continues_case(linked: Sequence[tuple[date, date]],
                   new: Sequence[tuple[date, date]]) -> bool:
    days = case_days(linked)
    if not days:
        return False
    reach = timedelta(days=MAX_GAP + 1)
    return any(start <= days[-1] + reach and end >= days[0] - reach for start, end in new)
