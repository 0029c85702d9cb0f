"""DOMAIN.md §7 unit summary: gender split, diagnosis chapters, active degree, one vs several
degrees, length buckets <90, 90-180, 181-365, >365 days."""

from __future__ import annotations

import pytest

from domain.sickleave.engine import CaseDiagnosis
from domain.sickleave.summary import length_bucket, summarise
from tests.factories.sickleave import case


@pytest.mark.parametrize(("days", "bucket"), [
    (1, "<90"), (89, "<90"), (90, "90-180"), (180, "90-180"), (181, "181-365"),
    (365, "181-365"), (366, ">365"), (1000, ">365"),
])
def test_length_bucket_is_exact_when_on_an_edge(days: int, bucket: str) -> None:
    assert length_bucket(days) == bucket


def test_summary_counts_every_dimension_when_cases_differ() -> None:
    """Chapters in ICD order (V before IX), a code outside the list counted as unknown last;
    one case on each length edge 89, 90, 181, 366."""
    cases = [
        case(sex="F", days=89, diagnosis=CaseDiagnosis.of("I10"), degrees=(100, 50),
             degree_today=50),
        case(sex="F", days=90, diagnosis=CaseDiagnosis.of("F321"), degree_today=100),
        case(sex="M", days=181, diagnosis=CaseDiagnosis.of("F430"), degrees=(25,),
             degree_today=25),
        case(sex="F", days=366, diagnosis=CaseDiagnosis.of("K99"), degree_today=None,
             active=False),
    ]
    summary = summarise(cases)
    assert summary.total == 4
    assert summary.by_sex == {"F": 3, "M": 1}
    assert list(summary.by_chapter.items()) == [("V", 2), ("IX", 1), ("unknown", 1)]
    assert summary.by_degree == {25: 1, 50: 1, 75: 0, 100: 1}
    assert summary.without_degree_today == 1
    assert (summary.one_degree, summary.several_degrees) == (3, 1)
    assert summary.by_length == {"<90": 1, "90-180": 1, "181-365": 1, ">365": 1}


def test_summary_shows_every_fixed_bucket_when_there_are_no_cases() -> None:
    summary = summarise([])
    assert (summary.total, summary.by_sex, summary.by_chapter) == (0, {"F": 0, "M": 0}, {})
    assert summary.by_degree == {25: 0, 50: 0, 75: 0, 100: 0}
    assert summary.by_length == {"<90": 0, "90-180": 0, "181-365": 0, ">365": 0}
