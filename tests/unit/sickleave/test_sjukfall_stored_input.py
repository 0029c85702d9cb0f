"""DOMAIN.md §7 input: the rehabstod view keeps each certificate's engine input ready (column
``engine``); what a request reads back must be the very value the document gives, or the cases
would differ from those computed from the documents."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.sickleave.engine import SickLeaveCertificate, sick_leave_cases
from projections.rehabstod import ENGINE_LAYOUT, read_input, stored_input
from tests.factories.sickleave import DEFAULT, OTHER_PATIENT, cert, d, period

VARIANTS = {
    "one_period": {},
    "several_periods_and_degrees": {"periods": (period("03-01", "03-10", 100),
                                                period("03-11", "03-31", 50))},
    "secondary_diagnoses": {"secondary_codes": ("J06.9", "M54.4")},
    "protected_identity_and_woman": {"personnummer": OTHER_PATIENT, "sex": "F",
                                     "protected_identity": True},
    "open_questions": {"open_komplt": 2, "open_other": 1},
    "revoked_smittskydd_test": {"revoked": True, "smittskydd": True, "test": True},
    "unsigned_without_diagnosis": {"signed_at": None, "diagnosis_code": None},
    "no_occupation": {"occupations": ()},
    "signed_with_offset": {"signed_at": datetime(2026, 3, 1, 9, 30, 15, 120, tzinfo=UTC)},
}


@pytest.mark.parametrize("changes", VARIANTS.values(), ids=VARIANTS.keys())
def test_stored_engine_input_reads_back_equal_when_the_view_keeps_it(changes):
    original = cert(**changes)
    again = read_input(stored_input(original))
    assert again == original
    assert isinstance(again, SickLeaveCertificate)
    assert (again.start, again.end, again.degrees) == (original.start, original.end,
                                                        original.degrees)


def test_cases_from_stored_input_equal_those_from_the_values_when_computed():
    chain = [cert("03-01", "03-10", signed=1), cert("03-12", "03-31", 50, signed=2,
                                                   open_komplt=1),
             cert("03-05", "03-20", signed=3, personnummer=OTHER_PATIENT, sex="F")]
    stored = [read_input(stored_input(c)) for c in chain]
    assert sick_leave_cases(stored, d(3, 15), DEFAULT) == sick_leave_cases(chain, d(3, 15),
                                                                          DEFAULT)


def test_stored_engine_input_layout_names_every_value_of_the_engine_input_when_pinned():
    """Stored rows are arrays in ``ENGINE_LAYOUT`` order: a field added to, moved in or
    removed from ``SickLeaveCertificate`` must come with a new layout under a new column name
    (so views in the old one are rebuilt), never a silent reinterpretation of stored rows."""
    assert tuple(SickLeaveCertificate.model_fields) == ENGINE_LAYOUT
