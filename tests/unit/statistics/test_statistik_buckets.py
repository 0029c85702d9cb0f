"""DOMAIN.md §8 Intygsstatistik: the buckets, at their edges."""

from __future__ import annotations

import pytest

from domain.statistics.buckets import (
    age_group,
    certificate_count_group,
    diagnosis_block,
    diagnosis_category,
    diagnosis_chapter,
    doctor_age_group,
    lan_group,
    length_group,
)


@pytest.mark.parametrize(("age", "group"), [
    (0, "<16"), (15, "<16"), (16, "16-20"), (20, "16-20"), (21, "21-25"), (25, "21-25"),
    (26, "26-30"), (60, "56-60"), (61, "61-65"), (65, "61-65"), (66, ">65"), (101, ">65"),
])
def test_age_falls_in_its_group_when_on_an_edge(age, group):
    """§8: age <16, 16-20, 21-25, ... in 5-year steps ..., 61-65, >65."""
    assert age_group(age) == group


@pytest.mark.parametrize(("days", "group"), [
    (1, "<15"), (14, "<15"), (15, "15-30"), (30, "15-30"), (31, "31-60"), (60, "31-60"),
    (61, "61-90"), (90, "61-90"), (91, "91-180"), (180, "91-180"), (181, "181-364"),
    (364, "181-364"), (365, "365-730"), (730, "365-730"), (731, ">730"),
])
def test_length_falls_in_its_group_when_on_an_edge(days, group):
    """§8: length <15, 15-30, 31-60, 61-90, 91-180, 181-364, 365-730, >730 days."""
    assert length_group(days) == group


@pytest.mark.parametrize(("age", "group"), [
    (29, "<30"), (30, "30-39"), (39, "30-39"), (40, "40-49"), (49, "40-49"), (50, "50-59"),
    (59, "50-59"), (60, ">59"), (None, "unknown"),
])
def test_doctor_age_falls_in_its_group_when_on_an_edge(age, group):
    """§8: doctor age <30, 30-39, 40-49, 50-59, >59; a missing age is unknown."""
    assert doctor_age_group(age) == group


@pytest.mark.parametrize(("count", "group"), [(1, "1"), (2, "2"), (10, "10"), (11, ">10"),
                                              (40, ">10")])
def test_certificate_count_falls_in_its_group_when_on_an_edge(count, group):
    """§8: certificates per case 1..10, >10."""
    assert certificate_count_group(count) == group


@pytest.mark.parametrize(("code", "group"), [("01", "01"), ("25", "25"), ("00", "00"),
                                             ("02", "00"), ("26", "00")])
def test_lan_falls_in_its_group_when_known_or_not(code, group):
    """§8: län 01-25 plus 00 unknown."""
    assert lan_group(code) == group


@pytest.mark.parametrize(("code", "chapter", "block", "category"), [
    ("F32", "V", "F30-F39", "F32"),
    ("F32.1", "V", "F30-F39", "F32"),
    ("M544", "XIII", "M50-M54", "M54"),
    ("S52.50", "XIX", "S50-S59", "S52"),
    ("J06", "X", "J00-J06", "J06"),
    (None, "unknown", "unknown", "unknown"),
    ("D49", "unknown", "unknown", "unknown"),
])
def test_diagnosis_falls_in_chapter_block_and_category_when_looked_up(code, chapter, block,
                                                                      category):
    """§8: diagnosis by ICD-10 chapter (kapitel), block (avsnitt) and three-character category."""
    assert (diagnosis_chapter(code), diagnosis_block(code), diagnosis_category(code)) == (
        chapter, block, category)
