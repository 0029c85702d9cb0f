"""The printed form of a certificate type: the question text of each answer and the names of
coded answers, so that a person reads "Min undersökning av patienten", not ``UNDERSOKNING``.

Answers are named by their dotted JSON path (``sjukskrivningar.period.from``); the rows of a list
share the path of the list. ``questions`` is in the order of the national form, which is the
order a printout follows. Pure data: rendering lives in the API's document package.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

Names = Mapping[str, str]


@dataclass(frozen=True)
class FormTexts:
    """Question texts by answer path, code names by answer path, and units (``%``) of numbers
    shown with one."""

    questions: Names
    codes: Mapping[str, Names] = field(default_factory=dict)
    units: Names = field(default_factory=dict)

    def question(self, path: str) -> str | None:
        return self.questions.get(path)

    def code_name(self, path: str, code: str) -> str | None:
        return self.codes.get(path, {}).get(code)


def under(prefix: str, questions: Names) -> dict[str, str]:
    """``questions`` with every path moved under ``prefix`` (a group's answers)."""
    return {f"{prefix}.{path}": text for path, text in questions.items()}


YES_NO = {True: "Ja", False: "Nej"}
