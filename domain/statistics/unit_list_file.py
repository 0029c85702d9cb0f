"""The unit list a region's statistics lead uploads (DOMAIN.md §8, region level "per 1000 listed
patients"): a CSV file of each care unit's HSA id and its number of listed patients.

The file: UTF-8 (a byte-order mark is allowed), a header row naming the two columns (``hsaId``
or ``HSA-id``, then ``listedPatients`` or ``Antal listade patienter``), one unit per row,
separated by commas or semicolons (as a Swedish spreadsheet saves it); empty lines are skipped.
Every fault is reported with its row (the line of the file) and column, all of them at once up
to ``MAX_ISSUES``; nothing of a faulty file is kept. A message never repeats a cell's value: a
personnummer pasted by mistake must not travel further.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass

from domain.shared.care import unit_belongs_to_care_giver
from domain.shared.errors import InvalidInputError
from domain.shared.validation import IssueCode, ValidationIssue

MAX_UNITS = 20_000
MAX_LISTED = 10_000_000  # more than anyone lives in Sweden: a larger count is a typing error
MAX_ISSUES = 50
QUESTION_ID = "unitList"
COLUMNS = ("hsaId", "listedPatients")
_HEADERS = ({"hsaid"}, {"listedpatients", "listadepatienter", "antallistadepatienter"})
_HSA_ID = re.compile(r"^[A-Z]{2,10}[0-9]{6,12}-[A-Za-z0-9]{1,30}$")
_COUNT = re.compile(r"^[0-9]{1,9}$")


class UnitListInvalidError(InvalidInputError):
    """The uploaded unit list has faults; ``issues`` names each one's row and column."""


@dataclass(frozen=True, slots=True)
class ListedUnit:
    hsa_id: str
    listed_patients: int


def _issue(row: int, column: int, code: IssueCode, what: str) -> ValidationIssue:
    name = COLUMNS[column - 1] if 1 <= column <= len(COLUMNS) else f"column{column}"
    return ValidationIssue(question_id=QUESTION_ID, field=f"row[{row}].{name}", code=code,
                           message=f"Row {row}, column {column} ({name}): {what}")


def _decoded(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnitListInvalidError("The unit list is not UTF-8 text.", [_issue(
            1, 1, IssueCode.INVALID_FORMAT, "the file must be UTF-8 text (CSV)")]) from None
    if "\x00" in text:
        raise UnitListInvalidError("The unit list holds a NUL character.", [_issue(
            1, 1, IssueCode.INVALID_FORMAT, "the file must be text without NUL characters")])
    return text


def _header_issues(header: list[str]) -> list[ValidationIssue]:
    found = [re.sub(r"[^a-z]", "", cell.lower()) for cell in header]
    issues = [_issue(1, i + 1, IssueCode.INVALID_VALUE, f"the header must be {COLUMNS[i]}")
              for i, names in enumerate(_HEADERS) if i >= len(found) or found[i] not in names]
    if len(found) > len(COLUMNS):
        issues.append(_issue(1, len(COLUMNS) + 1, IssueCode.FORBIDDEN,
                             "the file has two columns only"))
    return issues


def _row_issues(row: int, cells: list[str], care_giver: str,
                seen: dict[str, int]) -> list[ValidationIssue]:
    if len(cells) < len(COLUMNS):
        return [_issue(row, len(cells) + 1, IssueCode.MISSING,
                       "each row holds an HSA id and a number of listed patients")]
    if len(cells) > len(COLUMNS):
        return [_issue(row, len(COLUMNS) + 1, IssueCode.FORBIDDEN,
                       "each row holds an HSA id and a number of listed patients, no more")]
    hsa_id, count = (cell.strip() for cell in cells)
    issues = []
    if not _HSA_ID.match(hsa_id):
        issues.append(_issue(row, 1, IssueCode.INVALID_FORMAT, "not an HSA id"))
    elif not unit_belongs_to_care_giver(hsa_id, care_giver):
        issues.append(_issue(row, 1, IssueCode.INVALID_VALUE,
                             "the unit is not one of the region's own (HSA prefix)"))
    elif hsa_id in seen:
        issues.append(_issue(row, 1, IssueCode.DUPLICATE, f"the unit is on row {seen[hsa_id]}"))
    if not _COUNT.match(count) or int(count) > MAX_LISTED:
        issues.append(_issue(row, 2, IssueCode.INVALID_VALUE,
                             f"a whole number from 0 to {MAX_LISTED}"))
    seen.setdefault(hsa_id, row)
    return issues


def read_unit_list(raw: bytes, care_giver: str) -> list[ListedUnit]:
    """The units of the file, in its order; ``UnitListInvalidError`` with every fault."""
    lines = _decoded(raw).splitlines()
    delimiter = ";" if lines and ";" in lines[0] else ","
    rows = [(n, cells) for n, cells in enumerate(csv.reader(lines, delimiter=delimiter), 1)
            if any(cell.strip() for cell in cells)]
    if not rows:
        raise UnitListInvalidError("The unit list has no header row.", [_issue(
            1, 1, IssueCode.MISSING, f"the first row must name {' and '.join(COLUMNS)}")])
    issues = _header_issues(rows[0][1])
    if len(rows) == 1:
        issues.append(_issue(2, 1, IssueCode.MISSING, "the file lists no unit"))
    if len(rows) - 1 > MAX_UNITS:
        issues.append(_issue(MAX_UNITS + 2, 1, IssueCode.TOO_MANY,
                             f"a unit list holds at most {MAX_UNITS} units"))
    seen: dict[str, int] = {}
    for row, cells in rows[1:MAX_UNITS + 1]:
        issues.extend(_row_issues(row, cells, care_giver, seen))
        if len(issues) >= MAX_ISSUES:
            break
    if issues:
        raise UnitListInvalidError(f"The unit list has {len(issues)} fault(s): "
                                   f"{issues[0].message}" + (" ..." if len(issues) > 1 else ""),
                                   issues[:MAX_ISSUES])
    return [ListedUnit(cells[0].strip(), int(cells[1].strip())) for _, cells in rows[1:]]
