"""The FK/AG diagnosis block (question 6), written once for LISJP and AG7804 (TYPES.md §0).

1-3 rows; each needs a code and a description; the code is 3-5 characters once trimmed and
without its dot, codes starting with F or Z73 need at least 4; all rows use the code system of the
first row; each code must exist in its code system.
"""

from __future__ import annotations

from collections.abc import Sequence

from domain.content.common.answers import Diagnos, Kodsystem, has_text
from domain.content.common.checks import check_text, issue, reason
from domain.shared import icd10
from domain.shared.validation import IssueCode, ValidationIssue

QUESTION = "6"
MAX_ROWS = 3
MIN_CODE, MAX_CODE, MIN_DETAILED_CODE = 3, 5, 4
_DETAILED_PREFIXES = ("F", "Z73")
_SYSTEMS = tuple(Kodsystem)


def check_diagnoses(
    rows: Sequence[Diagnos] | None, *, required: bool, max_description: int | None = None,
    question_id: str = QUESTION, condition: str = "",
) -> list[ValidationIssue]:
    """All rules of question 6. Empty rows after the first are left-over form rows, ignored.
    ``max_description`` is the UI limit of a description (81 in LUSE/LUAE), TOO_LONG above.
    ``question_id`` is where the block is reported: 6, or 4 for AG1-14."""
    filled = [(i, row) for i, row in enumerate(rows or ()) if i == 0 or not _is_empty(row)]
    if not filled or (len(filled) == 1 and _is_empty(filled[0][1])):
        if not required:
            return []
        return [issue(question_id, "diagnoser", IssueCode.MISSING,
                      f"At least one diagnosis is needed{reason(condition)}.")]
    issues: list[ValidationIssue] = []
    if len(filled) > MAX_ROWS:
        issues.append(issue(question_id, "diagnoser", IssueCode.TOO_MANY,
                            f"At most {MAX_ROWS} diagnoses are allowed; {len(filled)} were given."))
    if _is_empty(filled[0][1]):
        # As in Webcert: with several rows an empty first row is the only thing reported.
        return [*issues, issue(question_id, "diagnoser[0].kod", IssueCode.MISSING,
                               "The first diagnosis must be filled in before the others.")]
    first_system = filled[0][1].kodsystem
    for index, row in filled:
        issues += _check_row(row, f"diagnoser[{index}]", first_system, max_description,
                             question_id)
    return issues


def has_diagnosis(rows: Sequence[Diagnos] | None) -> bool:
    """Whether any row holds a code or a description."""
    return any(not _is_empty(row) for row in rows or ())


def _is_empty(row: Diagnos) -> bool:
    return not has_text(row.kod) and not has_text(row.beskrivning)


def _check_row(
    row: Diagnos, path: str, first_system: str, max_description: int | None,
    question_id: str = QUESTION,
) -> list[ValidationIssue]:
    issues = _check_system(row.kodsystem, f"{path}.kodsystem", first_system, question_id)
    issues += _check_code(row.kod, row.kodsystem, f"{path}.kod", question_id)
    issues += check_text(row.beskrivning, question_id, f"{path}.beskrivning", required=True,
                         max_length=max_description)
    return issues


def _check_system(
    system: str, field: str, first_system: str, question_id: str = QUESTION
) -> list[ValidationIssue]:
    if system not in _SYSTEMS:
        return [issue(question_id, field, IssueCode.INVALID_VALUE,
                      f"{system!r} is not one of {', '.join(_SYSTEMS)}.")]
    if system != first_system:
        return [issue(question_id, field, IssueCode.MIXED_CODE_SYSTEMS,
                      f"All diagnoses must use the code system of the first ({first_system}).")]
    return []


def _check_code(
    raw: str | None, system: str, field: str, question_id: str = QUESTION
) -> list[ValidationIssue]:
    if raw is None or not has_text(raw):
        return [issue(question_id, field, IssueCode.MISSING, "Each diagnosis needs a code.")]
    code = icd10.normalise(raw)
    if not MIN_CODE <= len(code) <= MAX_CODE:
        return [issue(question_id, field, IssueCode.INVALID_FORMAT,
                      f"A diagnosis code has {MIN_CODE}-{MAX_CODE} characters; {raw!r} does not.")]
    if code.startswith(_DETAILED_PREFIXES) and len(code) < MIN_DETAILED_CODE:
        return [issue(question_id, field, IssueCode.INVALID_FORMAT,
                      f"Codes starting with F or Z73 need {MIN_DETAILED_CODE} or more characters.")]
    if system in _SYSTEMS and not code_exists(code, system):
        return [issue(question_id, field, IssueCode.UNKNOWN_CODE,
                      f"{raw!r} is not a known {system} code.")]
    return []


def code_exists(code: str, system: str) -> bool:
    """Whether the code is in its code system.

    ICD-10-SE: ``domain.shared.icd10.lookup`` (the WHO category must exist). KSH97-P, the
    primary-care
    short list, is built from ICD-10 categories and no package ships it: a KSH97-P code is
    accepted when its ICD-10 category (its first three characters) exists.
    """
    normalised = icd10.normalise(code)
    if system == Kodsystem.KSH_97_P:
        return icd10.lookup(normalised[:MIN_CODE]) is not None
    return icd10.lookup(normalised) is not None
