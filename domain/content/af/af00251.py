"""AF00251 (läkarintyg för deltagare i arbetsmarknadspolitiska program): the doctor's
certificate for a participant in one of Arbetsförmedlingen's labour-market programmes who cannot
take part because of illness (TYPES.md §13, content v1). It can be replaced and renewed.

The national validator reports by field path only. Question ids chosen here, by the rule that a
question's main answer is reported on the question and a dependent answer on its sub-question:

- 1: neither undersökningsdatum nor annatDatum; a date that is not real or after today.
  1.3: annatDatum without annatBeskrivning (R1).
- 2: the programme missing; 2.1 medicinsk bedömning, 2.2 omfattning (HELTID, DELTID, OKAND),
  2.3 hours a week for DELTID (1-39).
- 3 funktionsnedsättning, 4 aktivitetsbegränsning (non-blank).
- 5: harForhinder missing. 6: a yes without a checked sjukfrånvaro row, a no with rows
  (INCORRECT_COMBINATION), more than four checked rows; 6.1 a checked row's nivå (1-100 %), 6.2
  its period (real dates, from <= tom, no overlap with another checked row).
- 7: kanBegransas missing; 7.2 its description for a yes. 8: prognos missing or unknown; 8.2
  anpassningar for ATERGA_MED_ANPASSNING.

Rows that are not checked are form rows the doctor left unticked: they are not validated and
never count as a period. There is no blank-but-present rule (TYPES.md §0) and no text limit
(TYPES.md §14). As TYPES.md states them: DELTID hours are 1-39 (the Webcert v1 code refuses 1
too), and a description or hours beside a basis or extent that does not ask for them are
left alone.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel

from domain.content.common.answers import CAMEL_CONTENT_CONFIG, Period
from domain.content.common.checks import (
    check_answered,
    check_care_unit,
    check_choice,
    check_past_date,
    check_plain_text,
    issue,
)
from domain.content.common.yes_no import (
    DatedPeriod,
    check_int_range,
    check_overlaps,
    check_period,
    check_yes_with_text,
    period_dates,
)
from domain.shared.care import CareUnit
from domain.shared.validation import IssueCode, ValidationIssue

CONTENT_VERSION = 1
OMFATTNING = ("HELTID", "DELTID", "OKAND")
"""kv-omfattning-arbetsmarknadspolitiskt-program: full time (40 h a week), part time, unknown."""
MIN_HOURS, MAX_HOURS = 1, 39
MIN_NIVA, MAX_NIVA = 1, 100
MAX_ROWS = 4
PROGNOSER = ("ATERGA_UTAN_ANPASSNING", "ATERGA_MED_ANPASSNING", "KAN_EJ_ATERGA",
             "EJ_MOJLIGT_AVGORA")
WITH_ADJUSTMENT = "ATERGA_MED_ANPASSNING"
CHECKED = "when the row is checked"

QUESTION_IDS: dict[str, str] = {
    "undersokningsDatum": "1",
    "annatDatum": "1",
    "annatBeskrivning": "1.3",
    "arbetsmarknadspolitisktProgram": "2",
    "funktionsnedsattning": "3",
    "aktivitetsbegransning": "4",
    "harForhinder": "5",
    "sjukfranvaro": "6",
    "begransningSjukfranvaro": "7",
    "prognosAtergang": "8",
}


class _Group(BaseModel):
    model_config = CAMEL_CONTENT_CONFIG


class ArbetsmarknadspolitisktProgram(_Group):
    """2: the doctor's view of the patient's activities in the programme (2.1), its extent
    (2.2) and, part time, the hours a week (2.3)."""

    medicinsk_bedomning: str | None = None
    omfattning: str | None = None
    omfattning_deltid: int | None = None


class Sjukfranvaro(_Group):
    """One row of 6: ticked or not, the level of absence in per cent (6.1) and its period
    (6.2)."""

    checked: bool | None = None
    niva: int | None = None
    period: Period | None = None


class BegransningSjukfranvaro(_Group):
    """7: can the absence be limited (7.1), and how (7.2)."""

    kan_begransas: bool | None = None
    beskrivning: str | None = None


class PrognosAtergang(_Group):
    """8: the prognosis for a return to the programme (8.1) and the adjustments needed (8.2)."""

    prognos: str | None = None
    anpassningar: str | None = None


class Af00251Content(_Group):
    """The answers of an AF00251, by their national (camelCase) names."""

    undersoknings_datum: str | None = None
    annat_datum: str | None = None
    annat_beskrivning: str | None = None
    arbetsmarknadspolitiskt_program: ArbetsmarknadspolitisktProgram | None = None
    funktionsnedsattning: str | None = None
    aktivitetsbegransning: str | None = None
    har_forhinder: bool | None = None
    sjukfranvaro: list[Sjukfranvaro] | None = None
    begransning_sjukfranvaro: BegransningSjukfranvaro | None = None
    prognos_atergang: PrognosAtergang | None = None


def validate_af00251(
    content: Af00251Content, today: date, care_unit: CareUnit
) -> list[ValidationIssue]:
    """Every failing rule of TYPES.md §13, in the order of the form; empty when complete."""
    limit = content.begransning_sjukfranvaro or BegransningSjukfranvaro()
    prognos = content.prognos_atergang or PrognosAtergang()
    return [
        *_check_basis(content, today),
        *_check_programme(content.arbetsmarknadspolitiskt_program),
        *check_plain_text(content.funktionsnedsattning, "3", "funktionsnedsattning",
                          required=True),
        *check_plain_text(content.aktivitetsbegransning, "4", "aktivitetsbegransning",
                          required=True),
        *_check_hindrance(content.har_forhinder, content.sjukfranvaro),
        *_check_rows(content.sjukfranvaro),
        *check_yes_with_text(limit.kan_begransas, limit.beskrivning, question_id="7",
                             field="begransningSjukfranvaro.kanBegransas", text_question_id="7.2",
                             text_field="begransningSjukfranvaro.beskrivning"),
        *check_choice(prognos.prognos, PROGNOSER, "8", "prognosAtergang.prognos"),
        *check_plain_text(prognos.anpassningar, "8.2", "prognosAtergang.anpassningar",
                          required=prognos.prognos == WITH_ADJUSTMENT,
                          condition=f"when prognosAtergang.prognos is {WITH_ADJUSTMENT}"),
        *check_care_unit(care_unit),
    ]


def _check_basis(content: Af00251Content, today: date) -> list[ValidationIssue]:
    """1: an examination date or another basis's date, each real and not after today; R1 a
    date of another basis needs its description."""
    if content.undersoknings_datum is None and content.annat_datum is None:
        return check_answered(None, "1", "undersokningsDatum", "unless annatDatum is given")
    return [
        *check_past_date(content.undersoknings_datum, "1", "undersokningsDatum", today, None,
                         required=False),
        *check_past_date(content.annat_datum, "1", "annatDatum", today, None, required=False),
        *check_plain_text(content.annat_beskrivning, "1.3", "annatBeskrivning",
                          required=content.annat_datum is not None,
                          condition="when annatDatum is given"),
    ]


def _check_programme(programme: ArbetsmarknadspolitisktProgram | None) -> list[ValidationIssue]:
    """2 required; 2.1 non-blank, 2.2 a known extent, DELTID needs 2.3 hours (1-39)."""
    if programme is None:
        return check_answered(None, "2", "arbetsmarknadspolitisktProgram")
    path = "arbetsmarknadspolitisktProgram"
    issues = [
        *check_plain_text(programme.medicinsk_bedomning, "2.1", f"{path}.medicinskBedomning",
                          required=True),
        *check_choice(programme.omfattning, OMFATTNING, "2.2", f"{path}.omfattning"),
    ]
    if programme.omfattning == "DELTID":
        issues += check_int_range(programme.omfattning_deltid, MIN_HOURS, MAX_HOURS, "2.3",
                                  f"{path}.omfattningDeltid", "when omfattning is DELTID")
    return issues


def _check_hindrance(
    hindered: bool | None, rows: list[Sjukfranvaro] | None
) -> list[ValidationIssue]:
    """5 required; a yes needs at least one checked row of 6, a no allows no rows at all."""
    if hindered is None:
        return check_answered(None, "5", "harForhinder")
    if hindered and not _checked(rows):
        return [issue("6", "sjukfranvaro", IssueCode.MISSING,
                      "With a hindrance (5) at least one period of absence is needed.")]
    if not hindered and rows:
        return [issue("6", "sjukfranvaro", IssueCode.INCORRECT_COMBINATION,
                      "No periods of absence are given without a hindrance (5).")]
    return []


def _check_rows(rows: list[Sjukfranvaro] | None) -> list[ValidationIssue]:
    """6: at most four checked rows; each a nivå 1-100 (6.1) and a sound period (6.2); the
    periods of checked rows do not overlap."""
    checked = _checked(rows)
    issues: list[ValidationIssue] = []
    if len(checked) > MAX_ROWS:
        issues.append(issue("6", "sjukfranvaro", IssueCode.TOO_MANY,
                            f"At most {MAX_ROWS} periods are allowed; {len(checked)} were given."))
    for index, row in checked:
        path = f"sjukfranvaro[{index}]"
        issues += check_int_range(row.niva, MIN_NIVA, MAX_NIVA, "6.1", f"{path}.niva", CHECKED)
        issues += check_period(row.period, "6.2", f"{path}.period", CHECKED)
    return issues + check_overlaps(_dated(checked), "6.2")


def _checked(rows: list[Sjukfranvaro] | None) -> list[tuple[int, Sjukfranvaro]]:
    return [(index, row) for index, row in enumerate(rows or ()) if row.checked is True]


def _dated(checked: list[tuple[int, Sjukfranvaro]]) -> list[DatedPeriod]:
    found: list[DatedPeriod] = []
    for index, row in checked:
        dates = period_dates(row.period)
        if dates is not None:
            found.append((f"sjukfranvaro[{index}].period", *dates))
    return found


def renewal_content(content: Af00251Content) -> Af00251Content:
    """The content of a förlängning: a copy without the sjukfrånvaro rows and without all of
    question 1 (both dates and the description), which the doctor must give anew."""
    return content.model_copy(update={
        "undersoknings_datum": None,
        "annat_datum": None,
        "annat_beskrivning": None,
        "sjukfranvaro": None,
    })


def renewal_facts(content: Af00251Content) -> dict[str, Any]:
    """What the renewal remembers of its parent: the end of the latest valid period of absence
    (a checked row with a nivå 1-100 and real dates, from <= tom); empty when there is none."""
    ends = [dates[1] for _, row in _checked(content.sjukfranvaro)
            if row.niva is not None and MIN_NIVA <= row.niva <= MAX_NIVA
            and (dates := period_dates(row.period)) is not None]
    return {"parent_last_period_end": max(ends).isoformat()} if ends else {}
