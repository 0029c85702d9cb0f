"""Development bearer tokens for trying the API: care staff, a citizen of Mina intyg and a
recipient system. Embedded mode only; in production the identity provider issues tokens.

Every token carries ``iss``, ``iat`` and an ``exp`` at most ``MAX_HOURS`` later.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt

from api.http.auth import CITIZEN_ROLE, RECIPIENT_ROLE, attribute_claims
from commands.settings import Settings
from domain.shared.care import Staff
from domain.shared.privileges import Privilege

MAX_HOURS = 12


def mint_staff_token(settings: Settings, staff: Staff, *, hours: int = MAX_HOURS,
                     now: datetime | None = None,
                     fmu_grants: Collection[Privilege] = ()) -> str:
    """A care user's token: HSA id, name, role, care unit and care giver, the HSA attributes
    the staff carries; with ``fmu_grants`` the person's FMU privileges."""
    claims: dict[str, Any] = {
        "sub": staff.hsa_id, "name": staff.name, "role": staff.role.value,
        "care_unit": staff.care_unit_hsa_id, "care_giver": staff.care_giver_hsa_id,
        **attribute_claims(staff.attributes)}
    if fmu_grants:
        claims["fmu_grants"] = sorted(grant.value for grant in fmu_grants)
    return _mint(settings, claims, hours, now)


def mint_citizen_token(settings: Settings, personnummer: str, *, hours: int = MAX_HOURS,
                       now: datetime | None = None) -> str:
    """A Mina intyg token: ``sub`` is the citizen's 12-digit personnummer."""
    return _mint(settings, {"sub": personnummer, "role": CITIZEN_ROLE}, hours, now)


def mint_recipient_token(settings: Settings, recipient_id: str, *, hours: int = MAX_HOURS,
                         now: datetime | None = None) -> str:
    """A recipient system's token (``sub``: its id, e.g. FKASSA) for the recipient API."""
    return _mint(settings, {"sub": recipient_id, "role": RECIPIENT_ROLE}, hours, now)


def mint_space_party_token(settings: Settings, kind: str, organisation: str, person: str,
                           space_id: str, *, hours: int = MAX_HOURS,
                           now: datetime | None = None) -> str:
    """A Samverkansytan token for someone outside care (``kind``: employer or
    occupational_health): the acting person, the organisation number and the one space."""
    return _mint(settings, {"sub": person, "role": kind, "org": organisation,
                            "space": space_id}, hours, now)


def _mint(settings: Settings, claims: dict[str, Any], hours: int,
          now: datetime | None) -> str:
    if settings.is_production:
        raise RuntimeError("Tokens are minted by the identity provider in production mode.")
    if not 1 <= hours <= MAX_HOURS:
        raise ValueError(f"A development token lives 1 to {MAX_HOURS} hours.")
    issued = now or datetime.now(UTC)
    signed = {**claims, "iss": settings.jwt_issuer, "iat": issued,
              "exp": issued + timedelta(hours=hours)}
    return jwt.encode(signed, settings.jwt_secret.get_secret_value(), algorithm="HS256")
