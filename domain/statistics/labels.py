"""Swedish labels of the diagnosis groupings (DOMAIN.md §8): ICD-10-SE kapitel and avsnitt.

The statistics group by the WHO chapter numeral (``I``) and the innermost block (``M50-M54``);
the page shows them in Swedish, as the national service does: ``A00-B99 Vissa
infektionssjukdomar och parasitsjukdomar``. The titles ship in ``domain/data/icd10se_labels.csv``
(source in its header) and are read once, lazily. A label is never shortened here: the page
wraps a long one or shows it in full on hover.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from domain.data import csv_rows

_FILE = "icd10se_labels.csv"
UNKNOWN_LABEL = "Okänd diagnos"


class Level(StrEnum):
    CHAPTER = "kapitel"
    BLOCK = "avsnitt"


@dataclass(frozen=True, slots=True)
class DiagnosisLabel:
    """One chapter or block: its key in the statistics, its ICD-10-SE code range and title."""

    key: str
    range: str
    title: str

    @property
    def text(self) -> str:
        """Range and title, as the page shows them."""
        return f"{self.range} {self.title}"


@cache
def _labels() -> dict[tuple[Level, str], DiagnosisLabel]:
    return {(Level(row["level"]), row["key"]): DiagnosisLabel(row["key"], row["range"],
                                                              row["label"])
            for row in csv_rows(_FILE)}


def chapter_label(chapter: str) -> DiagnosisLabel | None:
    """The kapitel of a WHO chapter numeral (``"V"``), or None for one not in ICD-10-SE."""
    return _labels().get((Level.CHAPTER, chapter))


def block_label(block: str) -> DiagnosisLabel | None:
    """The avsnitt of an innermost block (``"F30-F39"``), or None when it has no title here."""
    return _labels().get((Level.BLOCK, block))


def label_text(level: Level, key: str) -> str:
    """What the page shows for a chapter or block key: range and Swedish title; a key without
    a title shows as itself, and the statistics' ``unknown`` as ``Okänd diagnos``."""
    found = _labels().get((level, key))
    if found is not None:
        return found.text
    return UNKNOWN_LABEL if key == "unknown" else key


def chapters() -> list[DiagnosisLabel]:
    """Every kapitel, in the order of the classification."""
    return [label for (level, _), label in _labels().items() if level is Level.CHAPTER]
