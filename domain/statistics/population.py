"""Population per län for "sjukfall per 1000 invånare" (DOMAIN.md §8).

The figures ship in ``domain/data/lan_population.csv`` (SCB, 31 December 2023; source in its header
comment). They are read once, lazily, through ``importlib.resources``: nothing is read at import.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from domain.statistics.facts import LAN_CODES

_DATA_PACKAGE = "domain.data"
_FILE = "lan_population.csv"


@dataclass(frozen=True, slots=True)
class LanPopulation:
    code: str
    name: str
    population: int


@cache
def lan_population() -> dict[str, LanPopulation]:
    """The 21 län by code, with name and population."""
    text = files(_DATA_PACKAGE).joinpath(_FILE).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    rows = [LanPopulation(r["lan"], r["name"], int(r["population"])) for r in csv.DictReader(lines)]
    found = {row.code: row for row in rows}
    if sorted(found) != sorted(LAN_CODES):
        raise ValueError(f"{_FILE} must list exactly the 21 län codes")
    return found


def lan_names() -> dict[str, str]:
    return {code: row.name for code, row in lan_population().items()}


def inhabitants(lan_code: str, sex: str) -> int:
    """The women (``"F"``) or men (``"M"``) living in the län (SCB).

    A placeholder with the agreed signature until the women and men per län ship with the
    population file (another change replaces this function): it answers the whole län, which
    is what every column divided by before the correction of DOMAIN.md §8."""
    return lan_population()[lan_code].population
