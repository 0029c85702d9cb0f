"""FMB decision support (DOMAIN.md §11): the recommended longest sick-leave length per diagnosis,
and the warning a doctor gets when a LISJP draft would make the patient's case at the unit
longer than that. The warning informs; it never blocks signing.

The recommendations ship as ``domain/data/fmb.csv`` (source and caveats in its header). A code is
looked up as given (``M544``), then by its category (``M54``).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from domain.shared import icd10
from domain.sickleave.engine import chains, covered_days
from domain.sickleave.model import SickLeaveCertificate

CASE_MAX_GAP = 5
UNIT_DAYS = {"DAG": 1, "VECKA": 7, "MANAD": 31}


@dataclass(frozen=True, slots=True)
class Recommendation:
    code: str
    value: int
    unit: str
    description: str

    @property
    def days(self) -> int:
        return self.value * UNIT_DAYS[self.unit]


@dataclass(frozen=True, slots=True)
class FmbWarning:
    recommendation: Recommendation
    case_days: int

    @property
    def message(self) -> str:
        r = self.recommendation
        return (f"The sick leave would be {self.case_days} days, longer than FMB recommends "
                f"for {r.code} ({r.description}): {r.value} {r.unit.lower()} = {r.days} days.")


@cache
def recommendations() -> dict[str, Recommendation]:
    text = files("domain.data").joinpath("fmb.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    found: dict[str, Recommendation] = {}
    for row in csv.DictReader(lines):
        if row["unit"] not in UNIT_DAYS or int(row["value"]) <= 0:
            raise ValueError(f"fmb.csv: bad value or unit for {row['code']}")
        found[row["code"]] = Recommendation(row["code"], int(row["value"]), row["unit"],
                                            row["description"])
    return found


def recommendation_for(code: str) -> Recommendation | None:
    """The recommendation of a code, or of its category when the code has none."""
    normal = icd10.normalise(code)
    table = recommendations()
    return table.get(normal) or table.get(normal[:3])


def largest_recommendation(codes: Iterable[str]) -> Recommendation | None:
    """§11: among the draft's diagnosis codes, the largest recommendation."""
    found = [r for code in codes if (r := recommendation_for(code)) is not None]
    return max(found, key=lambda r: r.days, default=None)


def fmb_warning(draft: SickLeaveCertificate, signed: Sequence[SickLeaveCertificate],
                codes: Iterable[str]) -> FmbWarning | None:
    """The warning for a draft, or None. ``signed`` are the patient's signed sick-leave
    certificates at the unit; the draft's periods join the case they form (gap 5) and the
    union of days of that case is compared with the largest recommendation."""
    recommendation = largest_recommendation(codes)
    if recommendation is None or not draft.periods:
        return None
    chain = next(c for c in chains([*signed, draft], CASE_MAX_GAP) if draft in c)
    days = covered_days(p for cert in chain for p in cert.periods)
    return FmbWarning(recommendation, days) if days > recommendation.days else None
