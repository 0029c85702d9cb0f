"""One answer in words: yes/no for booleans, names for codes, a unit on numbers that have one,
dates as the forms write them, and the uncertain dates of a death certificate spelled out."""

from __future__ import annotations

import re
from typing import Any

from domain.content.common.texts import YES_NO, FormTexts

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december")
DASH = "–"


def in_words(texts: FormTexts, path: str, value: Any) -> str:
    """``value``, the answer at ``path``, as a person reads it."""
    if isinstance(value, bool):
        return YES_NO[value]
    if isinstance(value, int | float):
        return _with_unit(texts, path, _number(value))
    if isinstance(value, dict) and is_period(value):
        return period_in_words(value)
    if not isinstance(value, str):
        return str(value)
    name = texts.code_name(path, value)
    if name is not None:
        return name
    if _DATE.match(value):
        return date_in_words(value)
    return _with_unit(texts, path, value)


def is_period(value: dict[str, Any]) -> bool:
    return bool(value) and set(value) <= {"from", "tom"}


def period_in_words(period: dict[str, Any]) -> str:
    start, end = period.get("from"), period.get("tom")
    return f"{date_in_words(start) if start else '?'} {DASH} {date_in_words(end) if end else '?'}"


def date_in_words(raw: str) -> str:
    """An exact date as written (ÅÅÅÅ-MM-DD); an uncertain one (``2026-11-00``) in words."""
    match = _DATE.match(raw)
    if match is None:
        return raw
    year, month, day = match.groups()
    if year == "0000":
        return "okänt datum"
    if month == "00":
        return f"{year} (månad och dag okända)"
    if day == "00" and 1 <= int(month) <= 12:
        return f"{MONTHS[int(month) - 1]} {year} (dag okänd)"
    return raw


def _number(value: int | float) -> str:
    text = f"{value:.1f}" if isinstance(value, float) else str(value)
    return text.replace(".", ",")  # the Swedish decimal comma


def _with_unit(texts: FormTexts, path: str, text: str) -> str:
    unit = texts.units.get(path)
    return f"{text} {unit}" if unit else text
