"""A report table of Intygsstatistik as a file to download: CSV or XLSX (DOMAIN.md §8).

A table is a title, column headers in Swedish and rows of a label and numbers. CSV is RFC 4180
in UTF-8 with a byte-order mark (so a spreadsheet opens å, ä and ö as written), the header row
first; XLSX (written by openpyxl) has the title in its first row, the headers below it in bold,
numbers as numbers and the label column wide enough, and wrapping, that no label is cut off.

Labels can come from what people typed (a unit's name), so a text that a spreadsheet would take
for a formula (``=``, ``+``, ``-``, ``@`` first) is written as text: in CSV behind an apostrophe,
in XLSX as a string cell.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

Number = int | float | None
LABEL_HEADER = "Grupp"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})
_SHEET_NAME_MAX = 31  # Excel's own limit for a sheet's name; the title itself is kept whole
_LABEL_WIDTH_MAX = 80


@dataclass(frozen=True, slots=True)
class TableRow:
    label: str
    values: tuple[Number, ...]


@dataclass(frozen=True, slots=True)
class ReportTable:
    """What an export holds: the title, the headers of the number columns, the rows."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[TableRow, ...]
    label_header: str = LABEL_HEADER

    @property
    def headers(self) -> list[str]:
        return [self.label_header, *self.columns]


class _ReportRowLike(Protocol):
    @property
    def label(self) -> str: ...
    @property
    def values(self) -> Sequence[Number]: ...


class ReportLike(Protocol):
    """Any report with a title, column headers and labelled rows of numbers."""

    @property
    def title(self) -> str: ...
    @property
    def columns(self) -> Sequence[str]: ...
    @property
    def rows(self) -> Sequence[_ReportRowLike]: ...


def table_of(report: ReportLike, label_header: str = LABEL_HEADER) -> ReportTable:
    return ReportTable(report.title, tuple(report.columns),
                       tuple(TableRow(r.label, tuple(r.values)) for r in report.rows),
                       label_header)


def _as_text(label: str) -> str:
    return f"'{label}" if label.startswith(_FORMULA_STARTS) else label


def to_csv(table: ReportTable) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_as_text(header) for header in table.headers])
    writer.writerows([_as_text(row.label), *row.values] for row in table.rows)
    return out.getvalue().encode("utf-8-sig")


def _sheet_name(title: str) -> str:
    name = " ".join(title.translate(_SHEET_FORBIDDEN).split())
    return name[:_SHEET_NAME_MAX].strip("'") or "Rapport"


def _label_width(labels: Iterable[str]) -> int:
    return min(_LABEL_WIDTH_MAX, max((len(label) for label in labels), default=10) + 2)


def to_xlsx(table: ReportTable) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _sheet_name(table.title)
    sheet.append([table.title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(table.headers)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([row.label, *row.values])
        label = sheet.cell(row=sheet.max_row, column=1)
        label.data_type = "s"  # a label is text, even when it starts with "="
        label.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = _label_width(
        [table.label_header, *(row.label for row in table.rows)])
    sheet.freeze_panes = "B3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
