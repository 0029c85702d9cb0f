"""LUAE_FS (FK 7802, läkarutlåtande för aktivitetsersättning vid förlängd skolgång): the medical
statement for activity compensation during prolonged schooling (TYPES.md §3).

Grund för MU (1), kännedom (2), investigations (3, 4), diagnoses (6), Övrigt (25) and the contact
wish (26) follow the rules shared with LUSE (``domain.content.lu.common``), with these differences:
an
investigation from företagshälsovården is not accepted, when 3 is unanswered the investigations
are not checked further, a contact reason is refused only beside an explicit no to 26.1, and
Övrigt may hold 2850 characters. Its own questions are 15 and 16, both required.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from domain.content.common.checks import check_text
from domain.content.common.limits import Limit
from domain.content.lu.common import (
    MAX_TEXT,
    LuContent,
    UnderlagTyp,
    check_background,
    check_closing,
)
from domain.content.lu.common import QUESTION_IDS as COMMON_QUESTION_IDS
from domain.shared.care import CareUnit
from domain.shared.validation import ValidationIssue

CONTENT_VERSION = 1
MAX_OVRIGT = 2850
UNDERLAG_TYPES = tuple(t for t in UnderlagTyp if t is not UnderlagTyp.FORETAGSHALSOVARD)

QUESTION_IDS: dict[str, str] = {
    **COMMON_QUESTION_IDS,
    "funktionsnedsattningDebut": "15",
    "funktionsnedsattningPaverkan": "16",
}


class LuaeFsContent(LuContent):
    """The answers of a LUAE_FS, by their national (camelCase) names."""

    funktionsnedsattning_debut: Annotated[str | None, Limit(MAX_TEXT)] = None
    funktionsnedsattning_paverkan: Annotated[str | None, Limit(MAX_TEXT)] = None


def validate_luae_fs(
    content: LuaeFsContent, today: date, care_unit: CareUnit
) -> list[ValidationIssue]:
    """Every failing rule of TYPES.md §3, in the order of the form; empty when complete.

    15 (when and how the impairment began and developed) and 16 (how it affects schooling) must
    be filled in.
    """
    return [
        *check_background(content, today, underlag_types=UNDERLAG_TYPES,
                          underlag_without_answer=False),
        *check_text(content.funktionsnedsattning_debut, "15", "funktionsnedsattningDebut",
                    required=True, max_length=MAX_TEXT),
        *check_text(content.funktionsnedsattning_paverkan, "16", "funktionsnedsattningPaverkan",
                    required=True, max_length=MAX_TEXT),
        *check_closing(content, care_unit, max_ovrigt=MAX_OVRIGT,
                       contact_refused_only_by_no=True),
    ]


def renewal_content(content: LuaeFsContent) -> LuaeFsContent:
    """The content of a förnyelse (FRLANG): FK renewal copies everything (TYPES.md §0.1).

    Only the signature and the signing date are reset, and neither is content, so the renewed
    draft starts with the parent's answers unchanged.
    """
    return content
