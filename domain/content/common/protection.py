"""Which answers are codes or dates rather than free text.

An answer held as a plain string may be free text about the patient, or a code, a date or a
number written as text (dates and codes are strings on purpose: see ``answers``). Only the
models can tell them apart, so a string answer that never holds free text is marked ``Coded``.
Everything else typed ``str`` counts as free text; booleans, numbers and enums are never free
text. The marker changes nothing in validation or in the stored JSON; the published contract
reads it to say which answers travel sealed (``streams/sealing/content.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated


@dataclass(frozen=True)
class NotFreeText:
    """Marks a string answer that holds a code, a date or a number, never free text."""

    kind: str  # "code", "date" or "number"


CODE, DATE, NUMBER = NotFreeText("code"), NotFreeText("date"), NotFreeText("number")
Code = Annotated[str | None, CODE]
IsoDate = Annotated[str | None, DATE]
Number = Annotated[str | None, NUMBER]
