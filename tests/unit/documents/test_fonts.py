"""Hardening item 16: the Unicode font ships with the package, not with the machine."""

from __future__ import annotations

import tomllib
from pathlib import Path

from api.documents.fonts import FONT_DIR

ROOT = Path(__file__).resolve().parents[3]


def test_embedded_font_and_its_licence_are_package_data_when_the_package_is_built():
    """Hardening item 16: CI machines without DejaVu print the same PDFs."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["api.documents"]
    package = FONT_DIR.parent
    shipped = {path.name for pattern in patterns for path in package.glob(pattern)}
    assert {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE"} <= shipped
    assert FONT_DIR.is_relative_to(ROOT / "api")
