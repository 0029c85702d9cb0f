"""The groupings of Intygsstatistik (DOMAIN.md §8), exactly as the statistics show them.

- age (on the last day of the sick leave, a case's highest): <16, 16-20, 21-25, ... in 5-year
  steps ..., 61-65, >65
- length in days: <15, 15-30, 31-60, 61-90, 91-180, 181-364, 365-730, >730
- degree: 25, 50, 75, 100 %
- certificates per case: 1..10, >10
- doctor age: <30, 30-39, 40-49, 50-59, >59
- län: the 21 codes plus 00 (unknown)
- diagnosis: ICD-10 chapter (kapitel), block (avsnitt, e.g. F30-F39), three-character category

Each bucket has a stable key (used in CSV/JSON) and a label.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from domain.shared.icd10 import lookup
from domain.statistics.facts import LAN_CODES, UNKNOWN_LAN

UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Bucket:
    """A closed range of whole numbers, ``low`` and ``high`` inclusive; None is open-ended."""

    key: str
    low: int | None
    high: int | None

    def holds(self, value: int) -> bool:
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)


def _ranges(edges: Sequence[int]) -> tuple[Bucket, ...]:
    """"<first", a closed range from each edge to the day before the next, ending at the last
    edge itself, then ">last": ``[16, 21, 65]`` gives <16, 16-20, 21-65, >65."""
    *starts, last = edges
    bounds = [*starts, last + 1]
    closed = [Bucket(f"{low}-{high - 1}", low, high - 1) for low, high in pairwise(bounds)]
    below = Bucket(f"<{starts[0]}", None, starts[0] - 1)
    return (below, *closed, Bucket(f">{last}", last + 1, None))


AGE_GROUPS = _ranges([16, 21, 26, 31, 36, 41, 46, 51, 56, 61, 65])
LENGTH_GROUPS = _ranges([15, 31, 61, 91, 181, 365, 730])
DOCTOR_AGE_GROUPS = _ranges([30, 40, 50, 59])
CERTIFICATE_COUNT_GROUPS = (*(Bucket(str(n), n, n) for n in range(1, 11)), Bucket(">10", 11, None))
DEGREES: tuple[int, ...] = (25, 50, 75, 100)
LAN_GROUPS: tuple[str, ...] = (*LAN_CODES, UNKNOWN_LAN)


def bucket_key(value: int | None, buckets: Sequence[Bucket]) -> str:
    """The key of the bucket holding the value, or ``UNKNOWN`` when there is no value."""
    if value is None:
        return UNKNOWN
    for bucket in buckets:
        if bucket.holds(value):
            return bucket.key
    return UNKNOWN


def age_group(age: int) -> str:
    return bucket_key(age, AGE_GROUPS)


def length_group(days: int) -> str:
    return bucket_key(days, LENGTH_GROUPS)


def doctor_age_group(age: int | None) -> str:
    return bucket_key(age, DOCTOR_AGE_GROUPS)


def certificate_count_group(count: int) -> str:
    return bucket_key(count, CERTIFICATE_COUNT_GROUPS)


def lan_group(code: str) -> str:
    return code if code in LAN_CODES else UNKNOWN_LAN


def diagnosis_chapter(code: str | None) -> str:
    """ICD-10 kapitel (roman numeral, e.g. "V"), or ``UNKNOWN``."""
    found = lookup(code) if code else None
    return found.chapter if found else UNKNOWN


def diagnosis_block(code: str | None) -> str:
    """ICD-10 avsnitt (e.g. "F30-F39"), or ``UNKNOWN``."""
    found = lookup(code) if code else None
    return found.block if found else UNKNOWN


def diagnosis_category(code: str | None) -> str:
    """The three-character ICD-10 category (e.g. "F32"), or ``UNKNOWN``."""
    found = lookup(code) if code else None
    return found.category if found else UNKNOWN
