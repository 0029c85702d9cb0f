"""The embedded Unicode font: DejaVu Sans ships with the package (fonts/, with its licence), so
every character a doctor or a patient writes prints as written, on any machine."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

FONT_DIR = Path(__file__).with_name("fonts")
FAMILY = "DejaVu"
_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}


def embed_fonts(pdf: FPDF) -> None:
    """Register the regular and bold faces; fpdf2 embeds the subset of glyphs used."""
    for style, name in _FILES.items():
        pdf.add_font(FAMILY, style, str(FONT_DIR / name))
