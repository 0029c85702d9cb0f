"""The embedded Unicode font: DejaVu Sans ships with the package (fonts/, with its licence), so
every character a doctor or a patient writes prints as written, on any machine.

A character the font has no glyph for prints as the replacement character (and a control
character as nothing): fpdf2 would otherwise drop it and log which characters it dropped, and a
log line must never carry a patient's text, not even one character of it.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF

FONT_DIR = Path(__file__).with_name("fonts")
FAMILY = "DejaVu"
_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
REPLACEMENT = "\ufffd"


def embed_fonts(pdf: FPDF) -> None:
    """Register the regular and bold faces; fpdf2 embeds the subset of glyphs used."""
    for style, name in _FILES.items():
        pdf.add_font(FAMILY, style, str(FONT_DIR / name))


@cache
def _covered() -> frozenset[int]:
    """The code points both faces have a glyph for."""
    faces = [set(TTFont(FONT_DIR / name)["cmap"].getBestCmap()) for name in _FILES.values()]
    return frozenset(set.intersection(*faces))


def printable(text: str) -> str:
    """``text`` with tabs as spaces, control characters dropped and characters the font lacks
    replaced, so that what is printed is what the page shows and nothing is logged."""
    covered = _covered()
    out: list[str] = []
    for char in text.replace("\t", " "):
        if char == "\n":
            out.append(char)
        elif unicodedata.category(char) in ("Cc", "Cs"):
            continue
        else:
            out.append(char if ord(char) in covered else REPLACEMENT)
    return "".join(out)
