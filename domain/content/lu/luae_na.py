"""LUAE_NA (FK 7801, läkarutlåtande för aktivitetsersättning vid nedsatt arbetsförmåga): the
medical statement for activity compensation when the ability to work is reduced (TYPES.md §2).

It has LUSE's questions, ids and rules (``domain.content.lu.luse``) with three differences: an extra
optional question 24 (förslag på vad som kan underlätta att komma ut i arbete), every kind of
investigation (4) is accepted, and 22, 23, 24 and 45.2 carry no length limit.
"""

from __future__ import annotations

from datetime import date

from domain.content.common.checks import check_text
from domain.content.lu.common import UnderlagTyp, check_background, check_closing
from domain.content.lu.luse import MAX_OVRIGT, LuseContent, check_medical
from domain.content.lu.luse import QUESTION_IDS as LUSE_QUESTION_IDS
from domain.shared.care import CareUnit
from domain.shared.validation import ValidationIssue

CONTENT_VERSION = 1
UNDERLAG_TYPES = tuple(UnderlagTyp)

QUESTION_IDS: dict[str, str] = {**LUSE_QUESTION_IDS, "forslagTillAtgard": "24"}


class LuaeNaContent(LuseContent):
    """The answers of a LUAE_NA: those of a LUSE and question 24."""

    forslag_till_atgard: str | None = None


def validate_luae_na(
    content: LuaeNaContent, today: date, care_unit: CareUnit
) -> list[ValidationIssue]:
    """Every failing rule of TYPES.md §2 (LUSE's rules, §1), in the order of the form; empty
    when complete. Question 24 may be left out but must not be only whitespace."""
    return [
        *check_background(content, today, underlag_types=UNDERLAG_TYPES),
        *check_medical(content, assessment_limit=None),
        *check_text(content.forslag_till_atgard, "24", "forslagTillAtgard"),
        *check_closing(content, care_unit, max_ovrigt=MAX_OVRIGT),
    ]


def renewal_content(content: LuaeNaContent) -> LuaeNaContent:
    """The content of a förnyelse (FRLANG): FK renewal copies everything (TYPES.md §0.1).

    Only the signature and the signing date are reset, and neither is content, so the renewed
    draft starts with the parent's answers unchanged.
    """
    return content
