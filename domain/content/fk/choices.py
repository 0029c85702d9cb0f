"""The coded questions of the FK 7804 family: sysselsättning (28/29), prognos (39) and
arbetslivsinriktade åtgärder (40/44).

``required`` is False under smittskydd (27): the question need not be answered then, but an answer
that is given must still be correct and complete. ``condition`` is what a missing answer's message
says of that (``UNLESS_SMITTSKYDD``).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from domain.content.common.answers import (
    Atgard,
    DagarTillArbete,
    Prognos,
    PrognosTyp,
    SysselsattningsTyp,
    has_text,
)
from domain.content.common.checks import check_code_list, check_text, issue, reason
from domain.shared.validation import IssueCode, ValidationIssue

OCCUPATION_QUESTION, WORK_QUESTION = "28", "29"
PROGNOSIS_QUESTION, DAYS_QUESTION = "39", "39.3"
MEASURES_QUESTION, MEASURES_TEXT_QUESTION = "40", "44"
MAX_OCCUPATIONS = 4
UNLESS_SMITTSKYDD = "unless avstängning enligt smittskyddslagen (27) is chosen"
_PROGNOSES = tuple(PrognosTyp)
_DAYS = tuple(DagarTillArbete)


def check_occupation(
    codes: Sequence[str] | None, current_work: str | None, *, required: bool, condition: str = ""
) -> list[ValidationIssue]:
    """28: 1-4 occupations, no duplicates; 29 (nuvarande arbete) with NUVARANDE_ARBETE only."""
    issues = check_code_list(codes, tuple(SysselsattningsTyp), question_id=OCCUPATION_QUESTION,
                             field="sysselsattning", required=required, max_count=MAX_OCCUPATIONS,
                             condition=condition)
    working = SysselsattningsTyp.NUVARANDE_ARBETE in (codes or ())
    if not working and has_text(current_work):
        issues.append(issue(WORK_QUESTION, "nuvarandeArbete", IssueCode.FORBIDDEN,
                            "The current work is only described with NUVARANDE_ARBETE."))
        return issues
    return issues + check_text(current_work, WORK_QUESTION, "nuvarandeArbete", required=working,
                               condition="when sysselsattning is NUVARANDE_ARBETE")


def check_prognosis(
    prognos: Prognos | None, *, required: bool, condition: str = "",
) -> list[ValidationIssue]:
    """39: a known type; ATER_X_ANTAL_DGR needs dagarTillArbete, the others forbid it.
    Every fault of the days (missing, forbidden, unknown) is on their own id, 39.3."""
    typ = prognos.typ if prognos else None
    days = prognos.dagar_till_arbete if prognos else None
    issues: list[ValidationIssue] = []
    if typ is None and required:
        issues.append(issue(PROGNOSIS_QUESTION, "prognos.typ", IssueCode.MISSING,
                            f"A prognosis is needed{reason(condition)}."))
    elif typ is not None and typ not in _PROGNOSES:
        issues.append(issue(PROGNOSIS_QUESTION, "prognos.typ", IssueCode.INVALID_VALUE,
                            f"{typ!r} is not one of {', '.join(_PROGNOSES)}."))
    if typ == PrognosTyp.ATER_X_ANTAL_DGR and days is None:
        issues.append(issue(DAYS_QUESTION, "prognos.dagarTillArbete", IssueCode.MISSING,
                            "ATER_X_ANTAL_DGR needs the number of days (dagarTillArbete)."))
    elif typ != PrognosTyp.ATER_X_ANTAL_DGR and days is not None:
        issues.append(issue(DAYS_QUESTION, "prognos.dagarTillArbete", IssueCode.FORBIDDEN,
                            "dagarTillArbete is only given with ATER_X_ANTAL_DGR."))
    elif days is not None and days not in _DAYS:
        issues.append(issue(DAYS_QUESTION, "prognos.dagarTillArbete", IssueCode.INVALID_VALUE,
                            f"{days!r} is not one of {', '.join(_DAYS)}."))
    return issues


def check_measures(
    codes: Sequence[str] | None,
    description: str | None,
    *,
    allowed: Collection[str],
    max_count: int,
    required: bool,
    condition: str = "",
) -> list[ValidationIssue]:
    """40: known codes, no duplicates, EJ_AKTUELLT alone; 44 is not described with EJ_AKTUELLT."""
    issues = check_code_list(codes, allowed, question_id=MEASURES_QUESTION,
                             field="arbetslivsinriktadeAtgarder", required=required,
                             max_count=max_count, condition=condition)
    not_relevant = Atgard.EJ_AKTUELLT in (codes or ())
    if not_relevant and len(set(codes or ())) > 1:
        issues.append(issue(MEASURES_QUESTION, "arbetslivsinriktadeAtgarder",
                            IssueCode.MUST_STAND_ALONE,
                            "EJ_AKTUELLT cannot be combined with other measures."))
    if not_relevant and has_text(description):
        issues.append(issue(MEASURES_TEXT_QUESTION, "arbetslivsinriktadeAtgarderBeskrivning",
                            IssueCode.FORBIDDEN,
                            "No measures are described when they are EJ_AKTUELLT."))
        return issues
    return issues + check_text(description, MEASURES_TEXT_QUESTION,
                               "arbetslivsinriktadeAtgarderBeskrivning")
