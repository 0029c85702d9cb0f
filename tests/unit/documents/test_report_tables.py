"""DOMAIN.md §8: a report table exported as CSV and XLSX, read back as a spreadsheet would."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import openpyxl

from api.documents.tables import ReportTable, TableRow, table_of, to_csv, to_xlsx

LONG = ("Y83-Y84 Kirurgiska och andra medicinska åtgärder som orsak till onormal reaktion eller "
        "sen komplikation hos patient utan anknytning till missöde vid operations- eller "
        "behandlingstillfället")
TABLE = ReportTable(
    title="Sjukfall per diagnoskapitel, jan-jun 2025: riket",
    columns=("Kvinnor", "Män", "Totalt"),
    rows=(TableRow("A00-B99 Vissa infektionssjukdomar och parasitsjukdomar", (12, 7, 19)),
          TableRow("F00-F99 Psykiska sjukdomar och syndrom samt beteendestörningar", (40, 0, 40)),
          TableRow(LONG, (5, 6, 11))))


def _sheet(data: bytes) -> list[list[object]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [[cell.value for cell in row] for row in book.active.iter_rows()]


def test_csv_reads_back_as_the_table_when_opened():
    text = to_csv(TABLE).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Grupp", "Kvinnor", "Män", "Totalt"]
    assert rows[1:] == [[row.label, *map(str, row.values)] for row in TABLE.rows]


def test_csv_starts_with_a_byte_order_mark_when_written():
    """So a spreadsheet opens å, ä and ö as written."""
    assert to_csv(TABLE).startswith(b"\xef\xbb\xbfGrupp,Kvinnor,M\xc3\xa4n,Totalt\r\n")


def test_xlsx_reads_back_with_title_headers_and_numbers_when_opened():
    cells = _sheet(to_xlsx(TABLE))
    assert cells[0][0] == TABLE.title
    assert cells[1] == ["Grupp", "Kvinnor", "Män", "Totalt"]
    assert cells[2:] == [[row.label, *row.values] for row in TABLE.rows]
    assert all(isinstance(value, int) for row in cells[2:] for value in row[1:])


def test_long_label_is_kept_whole_and_wrapped_when_written_to_xlsx():
    """Labels are never cut off: the whole text is in the cell, which wraps."""
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(TABLE)))
    cell = book.active["A5"]
    assert cell.value == LONG and cell.alignment.wrap_text


def test_sheet_name_stays_within_excels_limit_when_the_title_is_long():
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(TABLE)))
    assert len(book.active.title) <= 31 and book.active.title.startswith("Sjukfall per")


def test_formula_like_label_is_text_when_exported():
    """A unit name someone typed as ``=cmd|...`` never runs as a formula in a spreadsheet."""
    table = ReportTable("Sjukfall per enhet", ("Totalt",), (TableRow("=1+1", (7,)),
                                                             TableRow("@SUM(A1)", (8,))))
    assert list(csv.reader(io.StringIO(to_csv(table).decode("utf-8-sig"))))[1][0] == "'=1+1"
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(table)))
    assert book.active["A3"].value == "=1+1" and book.active["A3"].data_type == "s"
    assert book.active["A4"].data_type == "s"


@dataclass(frozen=True)
class _Row:
    label: str
    values: tuple[int, ...]


@dataclass(frozen=True)
class _Report:
    title: str
    columns: tuple[str, ...]
    rows: tuple[_Row, ...]


def test_any_report_with_title_columns_and_rows_becomes_a_table_when_converted():
    report = _Report("Sjukfall per kön", ("Kvinnor", "Män", "Totalt"), (_Row("Riket", (3, 4, 7)),))
    assert table_of(report) == ReportTable("Sjukfall per kön", ("Kvinnor", "Män", "Totalt"),
                                           (TableRow("Riket", (3, 4, 7)),))
