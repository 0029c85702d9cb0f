"""Population per län for "sjukfall per 1000 invånare" (DOMAIN.md §8).

The figures ship in ``domain/data/lan_population.csv`` (SCB, 31 December 2023; source in its header
comment). They are read once, lazily, through ``importlib.resources``: nothing is read at import.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from domain.data import csv_rows
from domain.statistics.facts import LAN_CODES

_FILE = "lan_population.csv"


@dataclass(frozen=True, slots=True)
class LanPopulation:
    code: str
    name: str
    population: int
    women: int | None  # None: the women and men of this län are not shipped yet
    men: int | None


@cache
def lan_population() -> dict[str, LanPopulation]:
    """The 21 län by code, with name and population."""
    rows = [LanPopulation(r["lan"], r["name"], int(r["population"]), _count(r["women"]),
                          _count(r["men"])) for r in csv_rows(_FILE)]
    found = {row.code: row for row in rows}
    if sorted(found) != sorted(LAN_CODES):
        raise ValueError(f"{_FILE} must list exactly the 21 län codes")
    for row in found.values():
        if row.women is not None and row.men is not None and row.women + row.men != row.population:
            raise ValueError(f"{_FILE}: women and men of län {row.code} must add up to its total")
    return found


def _count(cell: str | None) -> int | None:
    return int(cell) if cell else None


def lan_names() -> dict[str, str]:
    return {code: row.name for code, row in lan_population().items()}


def inhabitants(lan_code: str, sex: str) -> int | None:
    """The women (``"F"``) or men (``"M"``) living in the län (SCB), or None where the file
    does not ship that län's women and men yet (then no per-sex rate can be given: a rate per
    1000 women divided by the whole län would be wrong by about half)."""
    if sex not in ("F", "M"):
        raise ValueError("sex must be F or M")
    row = lan_population()[lan_code]
    return row.women if sex == "F" else row.men
