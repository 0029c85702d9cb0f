"""Identities: personnummer, samordningsnummer and HSA ids.

A personnummer is written ``YYYYMMDD-NNNN``, ``YYYYMMDDNNNN``, ``YYMMDD-NNNN`` or ``YYMMDD+NNNN``
(``+`` means 100 years or older). It is stored normalised to 12 digits. The last digit is a Luhn
check over the 10-digit form (python-stdnum's ``luhn``). A samordningsnummer (coordination
number) is the same with 60 added to the day of birth.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import AfterValidator
from stdnum import luhn
from stdnum.exceptions import ValidationError as StdnumValidationError

from domain.shared.errors import InvalidPersonnummerError
from domain.shared.validation import IssueCode, ValidationIssue

_FORMS = re.compile(r"^(?P<century>\d{2})?(?P<yymmdd>\d{6})(?P<sep>[-+]?)(?P<serial>\d{4})$")
_HSA_ID = re.compile(r"^[A-Z]{2,10}[0-9]{6,12}-[A-Za-z0-9]{1,30}$")
SAMORDNING_DAY_OFFSET = 60


def _refuse(raw_field: str, message: str) -> InvalidPersonnummerError:
    issue = ValidationIssue(
        question_id="patient", field=raw_field, code=IssueCode.INVALID_FORMAT, message=message
    )
    return InvalidPersonnummerError(message, [issue])


def _birth_date(year: int, month: int, day: int) -> date | None:
    if day > SAMORDNING_DAY_OFFSET:
        day -= SAMORDNING_DAY_OFFSET
    try:
        return date(year, month, day)
    except ValueError:
        return None


def normalise_personnummer(raw: str, today: date, field: str = "personnummer") -> str:
    """Return the 12-digit form of a personnummer or samordningsnummer, or refuse it.

    ``today`` decides the century of a 10-digit form: the latest year not in the future,
    one century earlier again with ``+``.
    """
    match = _FORMS.match(raw.strip())
    if match is None:
        raise _refuse(field, "Personnummer must be YYYYMMDD-NNNN, YYYYMMDDNNNN or YYMMDD-NNNN.")
    yymmdd, serial = match["yymmdd"], match["serial"]
    if match["century"]:
        if match["sep"] == "+":
            raise _refuse(field, "The '+' separator is only used with the 10-digit form.")
        year = int(match["century"] + yymmdd[:2])
    else:
        year = (today.year // 100) * 100 + int(yymmdd[:2])
        if year > today.year:
            year -= 100
        if match["sep"] == "+":
            year -= 100
    born = _birth_date(year, int(yymmdd[2:4]), int(yymmdd[4:6]))
    if born is None or born > today:
        raise _refuse(field, "Personnummer does not start with a real date of birth.")
    try:
        luhn.validate(yymmdd + serial)
    except StdnumValidationError:
        raise _refuse(field, "Personnummer check digit is wrong.") from None
    return f"{year:04d}{yymmdd[2:]}{serial}"


def _check_stored_form(value: str) -> str:
    match = re.fullmatch(r"(\d{4})(\d{2})(\d{2})(\d{4})", value)
    if match is None or _birth_date(*(int(g) for g in match.groups()[:3])) is None:
        raise ValueError("personnummer must be normalised to 12 digits (YYYYMMDDNNNN)")
    if not luhn.is_valid(value[2:]):
        raise ValueError("personnummer check digit is wrong")
    return value


Personnummer = Annotated[str, AfterValidator(_check_stored_form)]
"""A personnummer or samordningsnummer already normalised to 12 digits."""


def is_samordningsnummer(personnummer: str) -> bool:
    return int(personnummer[6:8]) > SAMORDNING_DAY_OFFSET


def birth_date(personnummer: str) -> date:
    born = _birth_date(int(personnummer[:4]), int(personnummer[4:6]), int(personnummer[6:8]))
    if born is None:
        raise ValueError("not a normalised personnummer")
    return born


def age_on(personnummer: str, day: date) -> int:
    born = birth_date(personnummer)
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def sex(personnummer: str) -> str:
    """'M' or 'F' from the second last digit (odd for men), as Intygsstatistik splits by it."""
    return "M" if int(personnummer[-2]) % 2 else "F"


def check_hsa_id(value: str) -> str:
    """An HSA id, e.g. ``SE2321000016-1003``: country/org prefix, digits, a dash, a local part."""
    cleaned = value.strip()
    if not _HSA_ID.match(cleaned):
        raise ValueError(f"not an HSA id (e.g. SE2321000016-1003): {cleaned[:40]!r}")
    return cleaned


HsaId = Annotated[str, AfterValidator(check_hsa_id)]
