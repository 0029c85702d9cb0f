"""DOMAIN.md §7 input: the rehabstod view keeps each certificate's engine input ready (column
``engine``); what a request reads back must be the very value the document gives, or the cases
would differ from those computed from the documents."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.sickleave.engine import (
    SickLeaveCertificate,
    current_cases,
    patient_cases,
    sick_leave_cases,
    timeline_cases,
)
from domain.sickleave.timeline import TimelineEntry, timeline_of
from projections.rehabstod import ENGINE_LAYOUT, read_input, stored_input
from projections.sick_leave_timelines import COLUMNS, ENTRY_LAYOUT, read, stored_row
from tests.factories.sickleave import DEFAULT, OTHER_PATIENT, PATIENT, UNIT, cert, d, period

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


def test_cases_from_a_stored_timeline_equal_those_from_the_certificates_when_read_back():
    """The rehabstod view's patients' rows (``projections.sick_leave_timelines``): what the
    overview and the patient view compute from a row read back is what they would compute from
    the certificates."""
    chain = [cert("03-01", "03-10", signed=2, secondary_codes=("J06.9",)),
             cert("03-12", "03-31", 50, signed=1, open_komplt=1, protected_identity=True,
                  periods=(period("03-12", "03-20", 50), period("03-21", "03-31", 25))),
             cert("05-01", "05-10", signed=3, patient_name="Tolvan Tolvansson-Ny")]
    [timeline] = timeline_of(chain)
    row = dict(zip(COLUMNS, stored_row(UNIT, timeline), strict=True))
    again = read((row["personnummer"], row["patient_names"], row["entries"]))
    assert (row["care_unit"], row["start_date"], row["end_date"]) == (UNIT, "2026-03-01",
                                                                       "2026-05-10")
    for day in (d(3, 5), d(3, 25), d(5, 5)):
        assert current_cases([again], day, DEFAULT) == sick_leave_cases(chain, day, DEFAULT)
        assert timeline_cases(again, day, DEFAULT) == patient_cases(chain, PATIENT, day, DEFAULT)


def test_stored_timeline_layout_names_every_value_of_an_entry_when_pinned():
    """Stored entries are arrays in ``ENTRY_LAYOUT`` order: a field added to, moved in or
    removed from ``TimelineEntry`` must come with a new layout under a new column name."""
    assert TimelineEntry._fields == ENTRY_LAYOUT
