"""DOMAIN.md §8 region level ("per 1000 listed patients"): reading the statistics lead's unit
list file, every fault named by its row and column."""

from __future__ import annotations

import pytest

from domain.statistics.unit_list_file import (
    MAX_ISSUES,
    ListedUnit,
    UnitListInvalidError,
    read_unit_list,
)

REGION = "SE2321000016-G000001"


def _faults(raw: bytes) -> list[tuple[str, str]]:
    with pytest.raises(UnitListInvalidError) as refused:
        read_unit_list(raw, REGION)
    return [(issue.field, issue.code.value) for issue in refused.value.issues]


def test_units_are_read_in_file_order_when_the_file_is_valid():
    raw = b"hsaId,listedPatients\nSE2321000016-E2,12400\n\nSE2321000016-E1,0\n"
    assert read_unit_list(raw, REGION) == [ListedUnit("SE2321000016-E2", 12400),
                                           ListedUnit("SE2321000016-E1", 0)]


def test_swedish_spreadsheet_file_is_read_when_saved_with_semicolons_and_a_bom():
    raw = "HSA-id;Antal listade patienter\r\nSE2321000016-E1;7\r\n".encode("utf-8-sig")
    assert read_unit_list(raw, REGION) == [ListedUnit("SE2321000016-E1", 7)]


@pytest.mark.parametrize(("row", "fault"), [
    ("SE2321000016-E1", ("row[2].listedPatients", "MISSING")),
    ("SE2321000016-E1,3,4", ("row[2].column3", "FORBIDDEN")),
    ("SE2321000016-E1,-3", ("row[2].listedPatients", "INVALID_VALUE")),
    ("SE2321000016-E1,3.5", ("row[2].listedPatients", "INVALID_VALUE")),
    ("SE2321000016-E1,10000001", ("row[2].listedPatients", "INVALID_VALUE")),
    ("E1,3", ("row[2].hsaId", "INVALID_FORMAT")),
    ("SE5565594230-E1,3", ("row[2].hsaId", "INVALID_VALUE")),  # another care giver's unit
])
def test_fault_is_named_by_row_and_column_when_a_cell_is_wrong(row, fault):
    assert _faults(f"hsaId,listedPatients\n{row}\n".encode()) == [fault]


def test_repeated_unit_names_the_first_row_when_listed_twice():
    raw = b"hsaId,listedPatients\nSE2321000016-E1,3\nSE2321000016-E1,4\n"
    with pytest.raises(UnitListInvalidError) as refused:
        read_unit_list(raw, REGION)
    assert refused.value.issues[0].message.endswith("the unit is on row 2")


@pytest.mark.parametrize(("raw", "fault"), [
    (b"", ("row[1].hsaId", "MISSING")),
    (b"hsaId,listedPatients\n", ("row[2].hsaId", "MISSING")),
    (b"unit,count\nSE2321000016-E1,3\n", ("row[1].hsaId", "INVALID_VALUE")),
    (b"\xff\xfe", ("row[1].hsaId", "INVALID_FORMAT")),
    (b"hsaId,listedPatients\nSE2321000016-E1,\x003\n", ("row[1].hsaId", "INVALID_FORMAT")),
])
def test_file_is_refused_when_it_is_no_unit_list(raw, fault):
    assert _faults(raw)[0] == fault


def test_faults_are_capped_when_every_row_is_wrong():
    raw = ("hsaId,listedPatients\n" + "x,y\n" * 200).encode()
    assert len(_faults(raw)) == MAX_ISSUES


def test_message_never_repeats_a_cell_when_it_names_a_fault():
    """A personnummer pasted by mistake stays in the file it came in."""
    with pytest.raises(UnitListInvalidError) as refused:
        read_unit_list(b"hsaId,listedPatients\n191212121212,19121212\n", REGION)
    text = str(refused.value) + " ".join(i.message for i in refused.value.issues)
    assert "1212" not in text
