"""The report table of Intygsstatistik (DOMAIN.md §8) and its small-number suppression.

Every report is split by sex: the columns are women, men and the total. The API renders a
``Report`` to JSON (``model_dump(mode="json")``) or CSV (``to_csv``).

Suppression (national and region scope only; care giver and unit are never suppressed): every
count below 5 is shown as 0. The women and men cells are suppressed on their own; the total is the
sum of the two cells *as shown*, so it is 0 whenever the true total is below 5, and a suppressed
cell can never be worked back out as "total minus the other sex". Rates and shares are computed
from the counts as shown.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from pydantic import BaseModel, ConfigDict

from domain.statistics.facts import Scope, Sex

COLUMNS = ("Kvinnor", "Män", "Totalt")
SUPPRESSION_LIMIT = 5

Item = TypeVar("Item")
Cell = int | float | None  # None: no figure can be given (e.g. a population not shipped)
Shown = tuple[int, int, int]
"""Women, men and total of one row, after suppression."""


class ReportRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str
    label: str
    values: tuple[Cell, ...]


class Report(BaseModel):
    """A small typed table: a title, the columns, and one row per group."""

    model_config = ConfigDict(frozen=True)

    title: str
    scope: Scope
    suppressed: bool
    columns: tuple[str, ...] = COLUMNS
    rows: tuple[ReportRow, ...]

    def row(self, key: str) -> ReportRow:
        return next(row for row in self.rows if row.key == key)


class SexTally:
    """Counts per group key and sex."""

    def __init__(self) -> None:
        self._counts: dict[str, Counter[Sex]] = {}

    def add(self, key: str, sex: Sex, count: int = 1) -> None:
        self._counts.setdefault(key, Counter())[sex] += count

    def count(self, key: str) -> tuple[int, int]:
        found = self._counts.get(key, Counter())
        return found["F"], found["M"]

    def keys(self) -> list[str]:
        return list(self._counts)

    def total(self) -> tuple[int, int]:
        """Women and men over every key."""
        return sum(c["F"] for c in self._counts.values()), sum(c["M"] for c in
                                                                self._counts.values())


def tally(items: Iterable[Item], key_of: Callable[[Item], str],
          sex_of: Callable[[Item], Sex]) -> SexTally:
    counts = SexTally()
    for item in items:
        counts.add(key_of(item), sex_of(item))
    return counts


def suppress(count: int, suppressed: bool) -> int:
    """§8: below 5 is shown as 0 at national and region level."""
    return 0 if suppressed and count < SUPPRESSION_LIMIT else count


def shown(female: int, male: int, suppressed: bool) -> Shown:
    female, male = suppress(female, suppressed), suppress(male, suppressed)
    return female, male, female + male


def rate(count: int, denominator: int | None, per: int, decimals: int) -> float | None:
    """``count * per / denominator`` rounded half up; 0.0 when there is nothing to divide by,
    None when the denominator is unknown."""
    if denominator is None:
        return None
    if denominator == 0:
        return 0.0
    exact = Decimal(count * per) / Decimal(denominator)
    return float(exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def count_report(title: str, scope: Scope, groups: Sequence[tuple[str, str]],
                 counts: SexTally) -> Report:
    """One row per (key, label) group, with women, men and total as shown."""
    rows = tuple(ReportRow(key=key, label=label, values=shown(*counts.count(key), scope.suppressed))
                 for key, label in groups)
    return Report(title=title, scope=scope, suppressed=scope.suppressed, rows=rows)


def labelled(keys: Iterable[str], labels: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    names = labels or {}
    return [(key, names.get(key, key)) for key in keys]


def to_csv(report: Report) -> str:
    """RFC 4180 CSV: a header ``key,label,<columns>`` and one line per row."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["key", "label", *report.columns])
    for row in report.rows:
        writer.writerow([row.key, row.label, *row.values])
    return out.getvalue()
