"""Rules shared by the Transportstyrelsen certificates: TS-BAS, TS-DIABETES, TSTRK1009 and
TSTRK1062 (TYPES.md §6-§9).

Licence categories (körkortsbehörigheter) are national codes: KV_INTYGET_AVSER (IAV...) for what
a certificate is about, KV_KORKORTSBEHORIGHET (VAR...) for the doctor's assessment. "Higher"
categories are the heavy-vehicle and passenger ones: C1, C1E, C, CE, D1, D1E, D, DE and Taxi.
The visual-acuity block (synskärpa, questions 3-9) is TS-BAS's today but a TS concept (earlier
TS-DIABETES versions asked it too), so it is kept here.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel

from domain.content.common.answers import CAMEL_CONTENT_CONFIG
from domain.content.common.checks import (
    check_answered,
    check_choice,
    check_code_list,
    check_plain_text,
    issue,
)
from domain.shared.validation import IssueCode, ValidationIssue

IDENTITY_QUESTION = "2"
ID_KONTROLL = ("IDK1", "IDK2", "IDK3", "IDK4", "IDK5", "IDK6")
"""How the identity was checked: ID card, company card, Swedish licence, personal knowledge,
försäkran enligt 18 kap 4 §, passport."""

HIGHER_LICENCES = tuple(f"VAR{n}" for n in range(1, 10))
"""VAR1-VAR9: C1, C1E, C, CE, D1, D1E, D, DE, Taxi."""
LOWER_LICENCES = tuple(f"VAR{n}" for n in range(12, 19))
"""VAR12-VAR18: AM, A1, A2, A, B, BE, Traktor."""
CANNOT_ASSESS = "VAR11"
"""Kan inte ta ställning: the doctor cannot assess which licences the patient is fit for."""

_YEAR = re.compile(r"^\d{4}$")

Answer = tuple[object, str, str]
"""(value, question id, field path) of an answer that must be given."""


def answer_at(answers: Mapping[str, Any], path: str) -> Any:
    """The answer at a dotted path of the content's JSON (``syn.diplopi``); None if absent."""
    found: Any = answers
    for part in path.split("."):
        if not isinstance(found, Mapping):
            return None
        found = found.get(part)
    return found


def check_all_answered(answers: Iterable[Answer], condition: str = "") -> list[ValidationIssue]:
    """MISSING for every answer in ``answers`` that is not given; ``condition`` says when they
    are required if not always."""
    return [found for value, question_id, field in answers
            for found in check_answered(value, question_id, field, condition)]


def check_descriptions(
    answers: Mapping[str, Any], rules: Iterable[tuple[str, str, str]]
) -> list[ValidationIssue]:
    """For each (yes/no path, question id, text path): the text is required when the answer is
    yes."""
    return [found for answer, question_id, path in rules if answer_at(answers, answer) is True
            for found in check_plain_text(answer_at(answers, path), question_id, path,
                                          required=True, condition=f"when {answer} is yes")]


def check_identity(code: str | None, field: str) -> list[ValidationIssue]:
    """Question 2, identitet styrkt genom: one of IDK1-IDK6."""
    return check_choice(code, ID_KONTROLL, IDENTITY_QUESTION, field)


def check_categories(
    codes: Sequence[str] | None,
    allowed: Collection[str],
    *,
    question_id: str,
    field: str,
    max_count: int | None = None,
) -> list[ValidationIssue]:
    """A required set of categories: at least one, known codes, none twice."""
    return check_code_list(codes, allowed, question_id=question_id, field=field, required=True,
                           max_count=max_count or len(allowed))


def check_alone(
    codes: Sequence[str] | None, code: str, question_id: str, field: str
) -> list[ValidationIssue]:
    """``code`` (e.g. VAR11 kan inte ta ställning) may not be combined with other codes."""
    if code in (codes or ()) and len(set(codes or ())) > 1:
        return [issue(question_id, field, IssueCode.MUST_STAND_ALONE,
                      f"{code} cannot be combined with other values.")]
    return []


def check_year(
    raw: str | None, question_id: str, field: str, today: date, birth_year: int | None = None,
    condition: str = "",
) -> list[ValidationIssue]:
    """A required year (four digits), not in the future and not before ``birth_year``;
    ``condition`` says when it is required if not always."""
    if raw is None or not raw.strip():
        return check_answered(None, question_id, field, condition)
    if not _YEAR.match(raw.strip()):
        return [issue(question_id, field, IssueCode.INVALID_FORMAT,
                      f"{raw!r} is not a year (four digits).")]
    year = int(raw)
    if year > today.year:
        return [issue(question_id, field, IssueCode.FUTURE_DATE,
                      f"The year {year} is after this year ({today.year}).")]
    if birth_year is not None and year < birth_year:
        return [issue(question_id, field, IssueCode.BEFORE_BIRTH,
                      f"The year {year} is before the patient was born ({birth_year}).")]
    return []


# --- synskärpa (visual acuity), TS-BAS questions 3-9 -----------------------------------------
VISION_QUESTION = "8"
MIN_ACUITY, MAX_ACUITY = 0.0, 2.0
EYES = ("hogerOga", "vansterOga", "binokulart")


class Synskarpa(BaseModel):
    """Acuity of one eye (or both, binokulärt) without and with correction, and whether the
    correction is contact lenses (8.8/8.9; not asked binocularly)."""

    model_config = CAMEL_CONTENT_CONFIG

    utan_korrektion: float | None = None
    med_korrektion: float | None = None
    kontaktlins: bool | None = None


class Syn(BaseModel):
    """Synfunktioner: 3-7 yes/no, 8 acuity (8.1 = values sent separately), 9 strong glasses."""

    model_config = CAMEL_CONTENT_CONFIG

    synfaltsdefekter: bool | None = None
    nattblindhet: bool | None = None
    progressiv_ogonsjukdom: bool | None = None
    diplopi: bool | None = None
    nystagmus: bool | None = None
    synskarpa_skickas_separat: bool | None = None
    hoger_oga: Synskarpa | None = None
    vanster_oga: Synskarpa | None = None
    binokulart: Synskarpa | None = None
    korrektionsglasens_styrka: bool | None = None

    def eyes(self) -> dict[str, Synskarpa]:
        return {"hogerOga": self.hoger_oga or Synskarpa(),
                "vansterOga": self.vanster_oga or Synskarpa(),
                "binokulart": self.binokulart or Synskarpa()}


def check_vision(syn: Syn | None, intyg_avser: set[str]) -> list[ValidationIssue]:
    """3-7 required; R37: acuity without correction required (0.0-2.0) unless sent separately
    (8.1), and then none given; R33-R35: low acuity needs the corrected values."""
    given = syn or Syn()
    issues = check_all_answered([
        (given.synfaltsdefekter, "3", "syn.synfaltsdefekter"),
        (given.nattblindhet, "4", "syn.nattblindhet"),
        (given.progressiv_ogonsjukdom, "5", "syn.progressivOgonsjukdom"),
        (given.diplopi, "6", "syn.diplopi"),
        (given.nystagmus, "7", "syn.nystagmus"),
    ])
    if given.synskarpa_skickas_separat is True:
        return issues + [
            issue(VISION_QUESTION, f"syn.{eye}", IssueCode.INCORRECT_COMBINATION,
                  "No acuity values are given when they are sent separately (8.1).")
            for eye, values in given.eyes().items()
            if values.utan_korrektion is not None or values.med_korrektion is not None
            or values.kontaktlins is True
        ]
    return issues + _check_acuity(given) + _check_corrected(given, intyg_avser)


def _check_acuity(syn: Syn) -> list[ValidationIssue]:
    issues: list[ValidationIssue] = []
    for eye, values in syn.eyes().items():
        if values.utan_korrektion is None:
            issues.append(issue(VISION_QUESTION, f"syn.{eye}.utanKorrektion", IssueCode.MISSING,
                                "The acuity without correction is required unless the values "
                                "are sent separately (8.1)."))
        for name, value in (("utanKorrektion", values.utan_korrektion),
                            ("medKorrektion", values.med_korrektion)):
            if value is not None and not MIN_ACUITY <= value <= MAX_ACUITY:
                issues.append(issue(VISION_QUESTION, f"syn.{eye}.{name}", IssueCode.INVALID_VALUE,
                                    f"An acuity is {MIN_ACUITY}-{MAX_ACUITY}; {value} is not."))
    return issues


def _check_corrected(syn: Syn, intyg_avser: set[str]) -> list[ValidationIssue]:
    """R33: Annat (IAV10) and binocular < 0.5; R34: a category IAV1-IAV9 and both eyes in
    [0.1, 0.8); R35: a category IAV1-IAV9 and either eye < 0.1. Each needs all three
    corrected values."""
    right, left = syn.eyes()["hogerOga"].utan_korrektion, syn.eyes()["vansterOga"].utan_korrektion
    both = syn.eyes()["binokulart"].utan_korrektion
    normal = bool(intyg_avser & {f"IAV{n}" for n in range(1, 10)})
    r33 = "IAV10" in intyg_avser and both is not None and both < 0.5
    r34 = normal and right is not None and left is not None and all(
        0.1 <= eye < 0.8 for eye in (right, left))
    r35 = normal and any(eye is not None and eye < 0.1 for eye in (right, left))
    if not (r33 or r34 or r35):
        return []
    return [issue(VISION_QUESTION, f"syn.{eye}.medKorrektion", IssueCode.MISSING,
                  "With this low acuity the corrected acuity is required (R33-R35).")
            for eye, values in syn.eyes().items() if values.med_korrektion is None]
