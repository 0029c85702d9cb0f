"""DOMAIN.md §8 "egna rapporter": a filter set is stored once under its short id and found again,
on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from commands.certificates import Certificates
from commands.filter_links import FilterLinks, FilterSetNotFoundError
from domain.statistics.filter_link import FilterLink
from domain.statistics.filters import FilterSet
from domain.topics import topics_of

FILTERS = FilterSet.model_validate({"diagnoses": ["F32", "V"], "sex": ["F"],
                                    "ageGroups": ["31-35"], "from": "2025-01"})


def _stored(app: Certificates) -> int:
    return len(app.recorder.select_notifications(1, 1000, topics=topics_of(FilterLink)))


def test_shared_set_is_found_by_its_id_when_stored(certificates: Certificates, clock):
    links = FilterLinks(certificates, clock)
    filter_id, new = links.share(FILTERS)
    assert new and filter_id == FILTERS.id
    assert links.get(filter_id) == FILTERS


def test_same_set_is_stored_once_when_shared_twice(certificates: Certificates, clock):
    links = FilterLinks(certificates, clock)
    first, _ = links.share(FILTERS)
    again, new = links.share(FilterSet.model_validate(
        {"from": "2025-01", "ageGroups": ["31-35"], "sex": ["F"], "diagnoses": ["V", "F32"]}))
    assert again == first and not new
    assert _stored(certificates) == 1


@pytest.mark.parametrize("filter_id", ["aaaaaaaaaaaaaaaa", "not-an-id", "A" * 16, ""])
def test_unknown_id_is_not_found_when_asked_for(certificates: Certificates, clock, filter_id):
    with pytest.raises(FilterSetNotFoundError):
        FilterLinks(certificates, clock).get(filter_id)
