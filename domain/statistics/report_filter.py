"""The filters a statistics report's query takes (DOMAIN.md §8, "your own reports").

Each field narrows the counted cases; an empty field does not filter. Within a field the values
are alternatives (any of them); the fields together must all hold. ``diagnoses`` mixes ICD-10
chapters ("V"), blocks ("F30-F39") and categories ("F32"): a case passes when its chapter, block
or category is among them. Every value is a key the reports show (an age group "41-45", a length
group "15-30", a degree 50), so a filter reads as plain WHERE clauses over the stored case rows.
The field names are those of the shareable filter sets, so either can be handed to the queries.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

MAX_VALUES = 50
Key = Annotated[str, StringConstraints(min_length=1, max_length=64)]
AgeGroup = Literal["<16", "16-20", "21-25", "26-30", "31-35", "36-40", "41-45", "46-50", "51-55",
                   "56-60", "61-65", ">65"]
LengthGroup = Literal["<15", "15-30", "31-60", "61-90", "91-180", "181-364", "365-730", ">730"]
"""The keys of ``buckets.AGE_GROUPS`` and ``buckets.LENGTH_GROUPS`` (a test keeps them equal)."""


class ReportFilter(BaseModel):
    """Which cases a report counts, beyond its scope and period."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    diagnoses: tuple[Key, ...] = Field(default=(), max_length=3 * MAX_VALUES)
    units: tuple[Key, ...] = Field(default=(), max_length=MAX_VALUES)
    age_groups: tuple[AgeGroup, ...] = Field(default=(), max_length=MAX_VALUES)
    length_groups: tuple[LengthGroup, ...] = Field(default=(), max_length=MAX_VALUES)
    degrees: tuple[Literal[25, 50, 75, 100], ...] = Field(default=(), max_length=4)
    sex: tuple[Literal["F", "M"], ...] = Field(default=(), max_length=2)


NO_FILTER = ReportFilter()


def with_stored(stored: ReportFilter, explicit: ReportFilter) -> ReportFilter:
    """A shared filter set's filters, each field the request names replacing the stored one."""
    given = {name: value for name, value in explicit if value}
    return stored.model_copy(update=given)
