"""The filters a statistics report takes (DOMAIN.md §8, "your own reports").

Each field narrows the counted cases; an empty field does not filter. Within a field the values
are alternatives (any of them); the fields together must all hold. The diagnosis fields are one
choice: a case passes when its chapter, block or category is among the chosen ones. Every value
is a key the reports show (a chapter "V", a block "F30-F39", a category "F32", an age group
"41-45", a length group "15-30", a degree 50), so a filter reads as plain WHERE clauses over the
stored case rows.
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

    chapters: tuple[Key, ...] = Field(default=(), max_length=MAX_VALUES)
    blocks: tuple[Key, ...] = Field(default=(), max_length=MAX_VALUES)
    categories: tuple[Key, ...] = Field(default=(), max_length=MAX_VALUES)
    units: tuple[Key, ...] = Field(default=(), max_length=MAX_VALUES)
    age_groups: tuple[AgeGroup, ...] = Field(default=(), max_length=MAX_VALUES)
    length_groups: tuple[LengthGroup, ...] = Field(default=(), max_length=MAX_VALUES)
    degrees: tuple[Literal[25, 50, 75, 100], ...] = Field(default=(), max_length=4)
    sex: Literal["F", "M"] | None = None

    @property
    def diagnoses(self) -> dict[str, tuple[str, ...]]:
        """The chosen diagnoses by the case column that holds them."""
        return {column: values for column, values in (
            ("chapter", self.chapters), ("block", self.blocks), ("category", self.categories))
            if values}

    def plain(self) -> dict[str, tuple[object, ...]]:
        """The other chosen values by the case column that holds them (each: any of them)."""
        columns: dict[str, tuple[object, ...]] = {
            "care_unit": self.units, "age_group": self.age_groups,
            "length_group": self.length_groups, "degree": self.degrees,
            "sex": (self.sex,) if self.sex else ()}
        return {column: values for column, values in columns.items() if values}


NO_FILTER = ReportFilter()
