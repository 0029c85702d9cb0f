"""AF00213 (Arbetsförmedlingens medicinska utlåtande): the doctor's statement to
Arbetsförmedlingen on how an illness affects a jobseeker (TYPES.md §12, content v1).

Signing sends it to Arbetsförmedlingen at once (sign = send); it can be replaced, not renewed.
Four yes/no questions, each with a description when the answer is yes, and övrigt:

- 1.1 funktionsnedsättning (required), 1.2 its description (observed findings, duration);
- 2.1 aktivitetsbegränsning, asked only when 1.1 is yes, 2.2 its description;
- 3.1 utredning/behandling (required), 3.2 its description;
- 4.1 arbetets påverkan (required), 4.2 its description;
- 5 övrigt, optional.

Each failure is reported on the sub-question it concerns (1.1, 1.2, ...; övrigt on 5). As in the
national validator, only 3.2 and 5 carry the blank-but-present rule for an optional text; a
text given but only whitespace is BLANK wherever it is checked (required or not), one that is
not given but required MISSING. No text limits are defined (TYPES.md §14).
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from domain.content.common.answers import CAMEL_CONTENT_CONFIG
from domain.content.common.checks import check_answered, check_care_unit, check_text
from domain.content.common.yes_no import check_yes_with_text
from domain.shared.care import CareUnit
from domain.shared.validation import ValidationIssue

CONTENT_VERSION = 1

QUESTION_IDS: dict[str, str] = {
    "harFunktionsnedsattning": "1.1",
    "funktionsnedsattning": "1.2",
    "harAktivitetsbegransning": "2.1",
    "aktivitetsbegransning": "2.2",
    "harUtredningBehandling": "3.1",
    "utredningBehandling": "3.2",
    "harArbetetsPaverkan": "4.1",
    "arbetetsPaverkan": "4.2",
    "ovrigt": "5",
}


class Af00213Content(BaseModel):
    """The answers of an AF00213, by their national (camelCase) names."""

    model_config = CAMEL_CONTENT_CONFIG

    har_funktionsnedsattning: bool | None = None
    funktionsnedsattning: str | None = None
    har_aktivitetsbegransning: bool | None = None
    aktivitetsbegransning: str | None = None
    har_utredning_behandling: bool | None = None
    utredning_behandling: str | None = None
    har_arbetets_paverkan: bool | None = None
    arbetets_paverkan: str | None = None
    ovrigt: str | None = None


def validate_af00213(
    content: Af00213Content, today: date, care_unit: CareUnit
) -> list[ValidationIssue]:
    """Every failing rule of TYPES.md §12, in the order of the form; empty when complete.
    ``today`` is unused (the form has no dates) but part of every validator's signature."""
    return [
        *_yes_with_text(content.har_funktionsnedsattning, content.funktionsnedsattning,
                        "1", "harFunktionsnedsattning", "funktionsnedsattning"),
        *_check_activity(content),
        *_check_investigation(content.har_utredning_behandling, content.utredning_behandling),
        *_yes_with_text(content.har_arbetets_paverkan, content.arbetets_paverkan,
                        "4", "harArbetetsPaverkan", "arbetetsPaverkan"),
        *check_text(content.ovrigt, "5", "ovrigt"),
        *check_care_unit(care_unit),
    ]


def _yes_with_text(
    answer: bool | None, text: str | None, question: str, field: str, text_field: str,
    condition: str = "",
) -> list[ValidationIssue]:
    """Question ``question``: its yes/no (.1) required, a yes needs the description (.2)."""
    return check_yes_with_text(answer, text, question_id=f"{question}.1", field=field,
                               text_question_id=f"{question}.2", text_field=text_field,
                               condition=condition)


def _check_activity(content: Af00213Content) -> list[ValidationIssue]:
    """2 is asked only when there is a funktionsnedsättning (1.1 = yes): then 2.1 is required
    and a yes needs 2.2. Otherwise whatever was left in 2 is not checked."""
    if content.har_funktionsnedsattning is not True:
        return []
    return _yes_with_text(content.har_aktivitetsbegransning, content.aktivitetsbegransning,
                          "2", "harAktivitetsbegransning", "aktivitetsbegransning",
                          condition="when harFunktionsnedsattning is yes")


def _check_investigation(answer: bool | None, text: str | None) -> list[ValidationIssue]:
    """3.1 required; a yes needs 3.2 (MISSING when absent or empty). 3.2 may never be only
    whitespace (BLANK), whatever the answer."""
    needed = answer is True and not text
    return [
        *check_answered(answer, "3.1", "harUtredningBehandling"),
        *check_text(text, "3.2", "utredningBehandling", required=needed,
                    condition="when harUtredningBehandling is yes"),
    ]
