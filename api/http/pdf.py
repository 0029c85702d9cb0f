"""The employer version of a LISJP as a PDF: a plain, printable page of the allowed fields."""

from __future__ import annotations

import json
from typing import Any

from fpdf import FPDF


def _latin1(text: str) -> str:
    """The PDF core fonts speak Latin-1 (å, ä, ö fine); anything else becomes '?'."""
    return text.replace("–", "-").encode("latin-1", "replace").decode("latin-1")


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def employer_pdf(title: str, header: dict[str, str], fields: dict[str, Any]) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_compression(False)  # one small page; plain text streams stay searchable
    pdf.set_title(_latin1(title))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 15)
    pdf.multi_cell(0, 9, _latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    for label, value in header.items():
        pdf.multi_cell(0, 6, _latin1(f"{label}: {value}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for name, value in fields.items():
        pdf.set_font("Helvetica", "B", 10)
        pdf.multi_cell(0, 6, _latin1(name), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        pdf.multi_cell(0, 6, _latin1(_value(value)), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
