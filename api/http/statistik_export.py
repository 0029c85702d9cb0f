"""A statistics report as the caller asks for it: JSON, CSV or XLSX (DOMAIN.md §8, export).

The format is the ``format`` query parameter, or else the ``Accept`` header (``text/csv``, the
XLSX media type), or else JSON. The files are written by ``api.documents.tables``.
"""

from __future__ import annotations

from typing import Literal

from fastapi import Response

from api.documents.tables import table_of, to_csv, to_xlsx
from api.http.openapi import XLSX
from domain.statistics.report import Report

Format = Literal["json", "csv", "xlsx"]
CSV = "text/csv; charset=utf-8"


def chosen_format(format: Format | None, accept: str | None) -> Format:
    if format is not None:
        return format
    wanted = (accept or "").lower()
    if XLSX in wanted:
        return "xlsx"
    return "csv" if "text/csv" in wanted else "json"


def exported(report: Report, name: str, format: Format) -> Report | Response:
    """The report itself for JSON, else the file, named after the report."""
    if format == "json":
        return report
    table = table_of(report)
    body, media = (to_csv(table), CSV) if format == "csv" else (to_xlsx(table), XLSX)
    return Response(body, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="{name}.{format}"'})
