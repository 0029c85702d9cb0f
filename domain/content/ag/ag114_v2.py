"""AG1-14 content version 2 (TYPES.md §5, "CS v2.0"), and the upcaster from version 1.

What changed from version 1: the bases of question 10 are FYSISKUNDERSOKNING,
DIGITALUNDERSOKNING, TELEFONKONTAKT, JOURNALUPPGIFTER and ANNAT (UNDERSOKNING is gone), ANNAT's
description (10.3) is at most 50 characters; sysselsättning (1.1) is a mandatory free text and
question 2 (nuvarande arbete) is gone; the degree (7.1) is 1-100 %. Everything else is as in
version 1 and checked by the same rules.

A certificate keeps the version it was written in: a version-1 AG1-14 is still read and
validated as version 1. A new draft made from one (replace, copy) is written in version 2, its
content lifted by ``from_v1``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from pydantic import Field

from domain.content.ag.ag114 import (
    ANNAT_QUESTION,
    GRUND_QUESTION,
    MAX_TEXT,
    Ag114Assessment,
    check_assessment,
)
from domain.content.common.answers import GrundForMU, has_text
from domain.content.common.checks import check_answered, check_care_unit, check_plain_text, issue
from domain.content.common.grund import check_grund
from domain.shared.care import CareUnit
from domain.shared.validation import IssueCode, ValidationIssue

CONTENT_VERSION = 2
BASES = ("FYSISKUNDERSOKNING", "DIGITALUNDERSOKNING", "TELEFONKONTAKT", "JOURNALUPPGIFTER",
         "ANNAT")
MAX_ANNAT = 50
MIN_PERCENT, MAX_PERCENT = 1, 100
_PERCENT = re.compile(r"^[1-9]\d*$")
_V1_BASIS = {"UNDERSOKNING": "FYSISKUNDERSOKNING"}

QUESTION_IDS: dict[str, str] = {
    "grundForMU": GRUND_QUESTION,
    "sysselsattning": "1.1",
    "onskarFormedlaDiagnos": "3",
    "diagnoser": "4",
    "nedsattArbetsformaga": "5",
    "arbetsformagaTrotsSjukdom": "6",
    "arbetsformagaTrotsSjukdomBeskrivning": "6.2",
    "sjukskrivningsgrad": "7.1",
    "sjukskrivningsperiod": "7.2",
    "ovrigaUpplysningar": "8",
    "kontaktMedArbetsgivaren": "9",
    "anledningTillKontakt": "9.2",
}


class Ag114V2Content(Ag114Assessment):
    """The answers of an AG1-14 in content version 2."""

    grund_for_mu: list[GrundForMU] | None = Field(default=None, alias="grundForMU")
    sysselsattning: str | None = None


def validate_ag114_v2(
    content: Ag114V2Content, today: date, care_unit: CareUnit
) -> list[ValidationIssue]:
    """Every failing rule of AG1-14 version 2."""
    return [
        *_check_basis(content.grund_for_mu, today),
        *check_plain_text(content.sysselsattning, "1.1", "sysselsattning", required=True,
                          max_length=MAX_TEXT),
        *_check_percent(content.sjukskrivningsgrad),
        *check_assessment(content, work_limit=MAX_TEXT),
        *check_care_unit(care_unit),
    ]


def _check_basis(rows: list[GrundForMU] | None, today: date) -> list[ValidationIssue]:
    issues = check_grund(rows, today, required=True, question_id=GRUND_QUESTION,
                         description_question_id=ANNAT_QUESTION, allowed=BASES)
    for index, row in enumerate(rows or ()):
        if row.typ == "ANNAT":
            issues += check_plain_text(row.beskrivning, ANNAT_QUESTION,
                                       f"grundForMU[{index}].beskrivning", max_length=MAX_ANNAT)
    return issues


def _check_percent(raw: str | None) -> list[ValidationIssue]:
    """7.1: a whole number 1-100."""
    field = "sjukskrivningsgrad"
    if raw is None or not has_text(raw):
        return check_answered(None, "7.1", field)
    if not _PERCENT.match(raw) or not MIN_PERCENT <= int(raw) <= MAX_PERCENT:
        return [issue("7.1", field, IssueCode.INVALID_VALUE,
                      f"The degree is {MIN_PERCENT}-{MAX_PERCENT} %; {raw!r} is not.")]
    return []


def from_v1(stored: dict[str, Any]) -> dict[str, Any]:
    """Upcast version-1 content (its stored JSON) to version 2.

    UNDERSOKNING becomes FYSISKUNDERSOKNING; the free-text occupation takes the text of the
    current work (question 2), which version 2 no longer has. Values version 2 no longer
    accepts (a 0 % degree, an ANNAT description over 50 characters) are carried over as they
    are, so the doctor sees them reported on the new draft instead of losing them silently.
    """
    lifted = {key: value for key, value in stored.items()
              if key not in ("sysselsattning", "nuvarandeArbete")}
    if "grundForMU" in stored:
        lifted["grundForMU"] = [{**row, "typ": _V1_BASIS.get(row.get("typ"), row.get("typ"))}
                                for row in stored["grundForMU"]]
    if stored.get("nuvarandeArbete"):
        lifted["sysselsattning"] = stored["nuvarandeArbete"]
    return lifted
