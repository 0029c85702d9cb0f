"""A unit's result of Rehabstöd's overview for one maxGap made ready to serve as the result
before one for another maxGap on the same day (``api.runtime.unit_cases.computed``'s
``previous``), while the unit is unchanged: no row's revisions are read again, and only the
rows whose chains the other maxGap may change are computed."""

from __future__ import annotations

from api.runtime.unit_cases import UnitCases
from domain.sickleave.timeline import same_chains


def other_gap(near: UnitCases, max_gap: int) -> UnitCases:
    """``near`` (a result of the same unit, day and maxDaysSinceEnded, computed at the unit's
    token now, for another maxGap) as the result before one for ``max_gap`` (``computed``'s
    ``previous``): every row as opened, and the cases of the rows none of whose gaps lies
    between the two maxGaps (``same_chains``); the other rows' cases left out, to be computed.
    No row's revisions are read again."""
    other = near.settings.max_gap if near.settings is not None else max_gap
    redo = {revision for revision, gaps in near.gaps.items()
            if gaps and gaps[-1] > min(max_gap, other) and not same_chains(gaps, max_gap, other)}
    redo |= near.by_revision.keys() - near.gaps.keys()
    by_revision = dict(near.by_revision)
    dropped = {id(case) for case in map(by_revision.pop, redo) if case is not None}
    if not dropped:
        return UnitCases(list(near.cases), dict(near.encoded), by_revision, near.rows,
                         near.until, near.gaps, near.settings)
    return UnitCases([case for case in near.cases if id(case) not in dropped],
                     {key: json for key, json in near.encoded.items() if key not in dropped},
                     by_revision, near.rows, near.until, near.gaps, near.settings)
