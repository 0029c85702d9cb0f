"""Filter sets for "egna rapporter" (your own reports) and their short, stable ids (DOMAIN.md §8).

A filter set is any mix of diagnoses (ICD-10 kapitel, innermost avsnitt and three-character
categories), care units (HSA ids), age groups, length buckets, degrees, sex and a period of
months. Every value is checked against the bucket catalogue (``domain.statistics.buckets``) and
the diagnosis labels (``domain.statistics.labels``): an unknown one is refused, never ignored.

The canonical form has each list sorted and without repeats, so the same set, written in any
order, gives the same canonical JSON and so the same id: the first 80 bits of its SHA-256,
base32, lower case (16 characters). A set is stored once under that id (``FilterLink``), so a
report can be linked and shared. Sets that differ only by redundancy (a chapter and a category
inside it) are different sets with different ids: nothing is merged behind the caller's back.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from domain.shared.icd10 import lookup
from domain.shared.identities import HsaId
from domain.statistics.buckets import AGE_GROUPS, DEGREES, LENGTH_GROUPS
from domain.statistics.labels import block_label, chapter_label

FILTER_ID = re.compile(r"^[a-z2-7]{16}$")
_ID_BYTES = 10
MAX_DIAGNOSES = 200
MAX_UNITS = 500
_AGE_KEYS = frozenset(b.key for b in AGE_GROUPS)
_LENGTH_KEYS = frozenset(b.key for b in LENGTH_GROUPS)


def _known_diagnosis(key: str) -> str:
    """A kapitel numeral (``V``), an innermost avsnitt (``F30-F39``) or a category (``F32``)."""
    found = lookup(key) if len(key) == 3 else None
    if chapter_label(key) or block_label(key) or (found and found.category == key):
        return key
    raise ValueError(f"{key!r} is no ICD-10 chapter (I-XXII), innermost block (F30-F39) or "
                     "three-character category (F32).")


def _in_catalogue(known: frozenset[str], name: str) -> Any:
    def check(key: str) -> str:
        if key not in known:
            raise ValueError(f"{key!r} is no {name}; one of: {', '.join(sorted(known))}.")
        return key
    return AfterValidator(check)


DiagnosisKey = Annotated[str, Field(min_length=1, max_length=7,
                                    pattern=r"^[A-Z0-9][A-Z0-9-]{0,6}$"),
                         AfterValidator(_known_diagnosis)]
AgeGroup = Annotated[str, Field(min_length=1, max_length=5),
                     _in_catalogue(_AGE_KEYS, "age group")]
LengthGroup = Annotated[str, Field(min_length=1, max_length=7),
                        _in_catalogue(_LENGTH_KEYS, "length bucket")]
BoundedHsaId = Annotated[HsaId, Field(min_length=9, max_length=60)]
Month = Annotated[str, Field(max_length=7, pattern=r"^(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])$",
                             description="A month, YYYY-MM.")]
Degree = Literal[25, 50, 75, 100]
Sex = Literal["F", "M"]


def _canonical(values: list[Any]) -> list[Any]:
    return sorted(set(values))


class FilterSet(BaseModel):
    """The filters of one report. Every list is optional; an empty list filters nothing."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    diagnoses: list[DiagnosisKey] = Field(default_factory=list, max_length=MAX_DIAGNOSES)
    units: list[BoundedHsaId] = Field(default_factory=list, max_length=MAX_UNITS)
    age_groups: list[AgeGroup] = Field(default_factory=list, alias="ageGroups",
                                       max_length=len(AGE_GROUPS))
    length_groups: list[LengthGroup] = Field(default_factory=list, alias="lengthGroups",
                                             max_length=len(LENGTH_GROUPS))
    degrees: list[Degree] = Field(default_factory=list, max_length=len(DEGREES))
    sex: list[Sex] = Field(default_factory=list, max_length=2)
    first_month: Month | None = Field(default=None, alias="from")
    last_month: Month | None = Field(default=None, alias="to")

    @model_validator(mode="after")
    def _canonical_and_ordered(self) -> FilterSet:
        for name in ("diagnoses", "units", "age_groups", "length_groups", "degrees", "sex"):
            object.__setattr__(self, name, _canonical(getattr(self, name)))
        if self.first_month and self.last_month and self.first_month > self.last_month:
            raise ValueError("The period's first month ('from') is after its last ('to').")
        return self

    def canonical_json(self) -> str:
        """Sorted keys, sorted lists, no spaces: the same set always gives the same text."""
        return json.dumps(self.model_dump(mode="json", by_alias=True), sort_keys=True,
                          separators=(",", ":"), ensure_ascii=False)

    @property
    def id(self) -> str:
        """The short stable id: base32 of the first 80 bits of the canonical JSON's SHA-256."""
        digest = hashlib.sha256(self.canonical_json().encode()).digest()[:_ID_BYTES]
        return base64.b32encode(digest).decode().lower()
