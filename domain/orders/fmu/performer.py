"""The performer a care unit names when it accepts an internal request (ORDERS.md §1.4 #4)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from domain.orders.fmu.errors import InvalidPerformerError
from domain.shared.validation import IssueCode, ValidationIssue

POSTNUMMER = re.compile(r"\d{5}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class PerformerType(StrEnum):
    ENHET = "ENHET"
    UNDERLEVERANTOR = "UNDERLEVERANTOR"


@dataclass(frozen=True)
class Performer:
    """Who will do the investigation: the unit itself or a subcontractor, and from when."""

    type: PerformerType
    name: str
    address: str
    postnummer: str
    postort: str
    starts_on: date
    email: str | None = None

    def check(self, today: date) -> None:
        """Name, address and postort given, a 5-digit postnummer, a valid e-mail if any, and a
        start no earlier than today; else every failing field at once."""
        issues = [_issue(f, IssueCode.MISSING, "required")
                  for f in ("name", "address", "postort") if not getattr(self, f).strip()]
        if not POSTNUMMER.fullmatch(self.postnummer):
            issues.append(_issue("postnummer", IssueCode.INVALID_FORMAT, "five digits"))
        if self.email is not None and not EMAIL.fullmatch(self.email):
            issues.append(_issue("email", IssueCode.INVALID_FORMAT, "not an e-mail address"))
        if self.starts_on < today:
            issues.append(_issue("starts_on", IssueCode.INVALID_VALUE, "before today"))
        if issues:
            raise InvalidPerformerError("The performer is incomplete.", issues)

    def as_data(self) -> dict[str, Any]:
        return {**asdict(self), "type": self.type.value, "starts_on": self.starts_on.isoformat()}


def _issue(field: str, code: IssueCode, message: str) -> ValidationIssue:
    return ValidationIssue(question_id="performer", field=field, code=code, message=message)
