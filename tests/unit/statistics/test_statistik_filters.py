"""DOMAIN.md §8 "egna rapporter": a filter set's canonical form and its short stable id."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from domain.statistics.filters import FILTER_ID, FilterSet

MIXED = {"diagnoses": ["F32", "V", "M50-M54", "F32"], "units": ["SE2321000016-E002",
                                                                "SE2321000016-E001"],
         "ageGroups": ["21-25", "<16"], "lengthGroups": [">730", "15-30"],
         "degrees": [100, 25, 100], "sex": ["M", "F"], "from": "2025-01", "to": "2025-06"}


def test_same_set_gets_the_same_id_when_written_in_another_order():
    reordered = {key: list(reversed(value)) if isinstance(value, list) else value
                 for key, value in MIXED.items()}
    assert FilterSet.model_validate(reordered).id == FilterSet.model_validate(MIXED).id


def test_id_is_sixteen_base32_characters_when_made():
    filter_id = FilterSet.model_validate(MIXED).id
    assert FILTER_ID.match(filter_id) and len(filter_id) == 16


def test_canonical_form_is_sorted_without_repeats_when_given_repeats():
    canonical = FilterSet.model_validate(MIXED)
    assert canonical.diagnoses == ["F32", "M50-M54", "V"]
    assert canonical.degrees == [25, 100]
    assert canonical.sex == ["F", "M"]
    assert canonical.units == ["SE2321000016-E001", "SE2321000016-E002"]


def test_id_is_stable_across_releases_when_the_set_is_the_same():
    """A shared link must keep working: the id of a fixed set is pinned here."""
    assert FilterSet.model_validate({"diagnoses": ["M50-M54"], "sex": ["F"]}).id == \
        FilterSet.model_validate({"sex": ["F"], "diagnoses": ["M50-M54"]}).id
    assert FilterSet.model_validate(MIXED).canonical_json() == (
        '{"ageGroups":["21-25","<16"],"degrees":[25,100],"diagnoses":["F32","M50-M54","V"],'
        '"from":"2025-01","lengthGroups":["15-30",">730"],"sex":["F","M"],"to":"2025-06",'
        '"units":["SE2321000016-E001","SE2321000016-E002"]}')


def test_different_sets_get_different_ids_when_one_value_differs():
    other = {**MIXED, "degrees": [50]}
    assert FilterSet.model_validate(other).id != FilterSet.model_validate(MIXED).id


def test_empty_set_filters_nothing_when_given_no_filters():
    empty = FilterSet.model_validate({})
    assert empty.diagnoses == [] and empty.first_month is None


@pytest.mark.parametrize(("field", "value"), [
    ("diagnoses", ["M40-M54"]),  # an outer block: §8 groups by the innermost (M50-M54)
    ("diagnoses", ["XXIII"]), ("diagnoses", ["M544"]), ("diagnoses", ["Q99-Q99"]),
    ("ageGroups", ["16-19"]), ("lengthGroups", ["1-14"]), ("degrees", [30]),
    ("sex", ["X"]), ("units", ["not-an-hsa-id"]), ("from", "2025-13"), ("to", "25-01"),
])
def test_unknown_value_is_refused_when_not_in_the_catalogue(field, value):
    """§8 buckets: age, length, degree and diagnosis values come from the catalogue only."""
    with pytest.raises(ValidationError) as refused:
        FilterSet.model_validate({field: value})
    assert refused.value.errors()[0]["loc"][0] == field


def test_period_is_refused_when_it_ends_before_it_starts():
    with pytest.raises(ValidationError, match="after its last"):
        FilterSet.model_validate({"from": "2025-06", "to": "2025-01"})


def test_unknown_field_is_refused_when_sent():
    with pytest.raises(ValidationError):
        FilterSet.model_validate({"diagnosis": ["F32"]})


def test_list_is_refused_when_longer_than_its_bound():
    with pytest.raises(ValidationError):
        FilterSet.model_validate({"sex": ["F", "M", "F"]})
