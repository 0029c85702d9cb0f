"""The citizen (invånaren) in Mina intyg: logs in with e-legitimation, minimum age 16."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, ValidationError

from domain.shared.errors import CitizenTooYoungError, InvalidPersonnummerError
from domain.shared.identities import Personnummer, age_on

MINIMUM_AGE = 16


class Citizen(BaseModel):
    model_config = ConfigDict(frozen=True)

    personnummer: Personnummer


def admit_citizen(personnummer: str, today: date) -> Citizen:
    """The citizen, if old enough to use Mina intyg on ``today``.

    A login carries the 12-digit form only; anything else is refused without repeating it.
    """
    try:
        citizen = Citizen(personnummer=personnummer)
    except ValidationError:
        raise InvalidPersonnummerError("The login does not carry a 12-digit personnummer.") \
            from None
    if age_on(citizen.personnummer, today) < MINIMUM_AGE:
        raise CitizenTooYoungError(f"Mina intyg is open from the age of {MINIMUM_AGE}.")
    return citizen
