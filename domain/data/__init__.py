"""Packaged reference data for the domain, read lazily through ``importlib.resources``.

``icd10se_labels.csv``: the Swedish (ICD-10-SE) titles of the diagnosis chapters and innermost
blocks for Intygsstatistik (``domain.statistics.labels``); source in its header comment.

``lan_population.csv``: the population per län (county) code on 31 December 2023, from Statistics
Sweden (SCB), table "Folkmängd i riket, län och kommuner 31 december 2023 och
befolkningsförändringar 2023". Used by Intygsstatistik for cases per 1000 inhabitants. Replace the
rows (and the header comment) when SCB publishes a newer year; the rows must keep adding up to
SCB's figure for the whole country.
"""

from __future__ import annotations

import csv
from importlib.resources import files


def csv_rows(name: str) -> list[dict[str, str]]:
    """The rows of one of these CSV files, by its header; ``#`` lines are comments."""
    text = files(__name__).joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines))
