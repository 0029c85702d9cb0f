"""Who a party outside care is: an organisation number (employer, occupational health
service), checked as Bolagsverket issues them: ten digits, the third at least 2, the last a
Luhn check digit over the first nine."""

from __future__ import annotations

import re

from domain.samverkan.errors import InvalidSpaceInputError
from domain.samverkan.roles import Role

_ORGANISATION = re.compile(r"^(\d{6})-?(\d{4})$")
ORGANISATIONS = frozenset({Role.ARBETSGIVARE, Role.FORETAGSHALSOVARD})
AUTHORITY_PARTY = {Role.FORSAKRINGSKASSAN: "FKASSA"}


def organisation_number(value: str) -> str:
    """The ten digits of a valid organisation number, or the named refusal."""
    found = _ORGANISATION.match(value.strip())
    digits = "".join(found.groups()) if found else ""
    if not digits or int(digits[2]) < 2 or not _luhn_ok(digits):
        raise InvalidSpaceInputError("Not a valid organisation number.")
    return digits


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(digits):
        doubled = int(char) * (2 if index % 2 == 0 else 1)
        total += doubled - 9 if doubled > 9 else doubled
    return total % 10 == 0


def party_of(role: Role, party: str) -> str:
    """The party an invitation names, in its normal form: an organisation number for an
    organisation, the authority's own id for Försäkringskassan, an HSA id for care."""
    if role in ORGANISATIONS:
        return organisation_number(party)
    if role in AUTHORITY_PARTY:
        return AUTHORITY_PARTY[role]
    if not party.strip():
        raise InvalidSpaceInputError("An invitation names its party.")
    return party.strip()
