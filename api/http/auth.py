"""Bearer tokens (JWT): who is acting. Care staff carry their HSA ids, role and care unit.

A token is trusted no further than its claims agree with each other and with its role:
- it lives at most ``INTYG_JWT_MAX_LIFETIME_HOURS`` (``exp`` - ``iat``, or ``exp`` - now when it
  has no ``iat``), so a stolen token cannot be used for years;
- a care user's ``care_unit`` must belong to its ``care_giver`` (``unit_belongs_to_care_giver``:
  the two HSA ids share the issuing organisation's prefix);
- a claim is read only on the role it belongs to: ``statistics_regions`` only on a care user's
  token, the personnummer only on a citizen's, the recipient id only on a recipient system's
  (and only an authority of the catalogue, e.g. FKASSA, has such a system);
- the HSA attributes ``hsa_sex`` (F or M), ``hsa_birth_year`` and ``hsa_title`` (a code of
  ``domain.shared.staff_attributes.TITLES``) are optional, only on a care user's token, and a
  token with one of them invalid is refused;
- ``fmu_grants`` (FMU_SAMORDNARE, FMU_VARDADMIN, BP_VARDADMIN: granted to a person on top of
  the care role) only on a care user's token, and only as a list of those names.
A refusal is a 401 that names the rule broken and never echoes a claim's value.
"""

from __future__ import annotations

import re
import time
from typing import Any

import jwt
from fastapi import HTTPException
from pydantic import ValidationError

from commands.settings import Settings
from domain.shared.care import Role, Staff, unit_belongs_to_care_giver
from domain.shared.catalogue import RECIPIENTS, RecipientKind
from domain.shared.privileges import ORDER_GRANTS, Privilege
from domain.shared.staff_attributes import StaffAttributes

_REQUIRED = ["sub", "name", "role", "care_unit", "care_giver", "exp"]
CITIZEN_ROLE = "citizen"
RECIPIENT_ROLE = "recipient"
STAFF_ROLES = frozenset(role.value for role in Role)
CLOCK_SKEW_SECONDS = 60
_LAN = re.compile(r"^(0[1-9]|1[0-9]|2[0-5])$")
HSA_CLAIMS = {"sex": "hsa_sex", "birth_year": "hsa_birth_year", "title": "hsa_title"}
"""The optional claims of a care user's HSA attributes, by ``StaffAttributes`` field."""
_REASONS: list[tuple[type[jwt.PyJWTError], str]] = [
    (jwt.ExpiredSignatureError, "The bearer token has expired."),
    (jwt.ImmatureSignatureError, "The bearer token is not valid yet."),
    (jwt.InvalidIssuerError, "The bearer token's issuer is not accepted."),
    (jwt.InvalidSignatureError, "The bearer token's signature does not verify."),
    (jwt.InvalidAlgorithmError, "The bearer token is signed with an algorithm not accepted."),
    (jwt.MissingRequiredClaimError, "The bearer token lacks a required claim (sub, exp)."),
]


class TokenDecoder:
    """Checks a bearer token's signature, expiry and issuer, then reads the acting staff."""

    def __init__(self, settings: Settings) -> None:
        self._algorithm = settings.jwt_algorithm
        self._issuer = settings.jwt_issuer
        self._max_lifetime = settings.jwt_max_lifetime_hours * 3600
        if settings.jwt_algorithm == "RS256":
            self._key: str = settings.jwt_public_key or ""
        else:
            self._key = settings.jwt_secret.get_secret_value()

    def claims(self, token: str) -> dict[str, Any]:
        """The verified claims: signature, issuer, expiry and the maximum lifetime."""
        try:
            claims: dict[str, Any] = jwt.decode(
                token, self._key, algorithms=[self._algorithm], issuer=self._issuer,
                leeway=CLOCK_SKEW_SECONDS, options={"require": ["exp", "sub"]})
        except jwt.PyJWTError as error:
            raise unauthorized(_reason(error)) from None
        issued = float(claims["iat"]) if "iat" in claims else time.time()
        if float(claims["exp"]) - issued > self._max_lifetime + CLOCK_SKEW_SECONDS:
            raise unauthorized(f"The bearer token lives longer than the "
                               f"{self._max_lifetime / 3600:g} hours allowed.")
        return claims

    def citizen_personnummer(self, token: str) -> str:
        """The citizen's personnummer from a Mina intyg token (role ``citizen``)."""
        claims = self.claims(token)
        if claims.get("role") != CITIZEN_ROLE or not isinstance(claims.get("sub"), str):
            raise unauthorized("The token is not a citizen's token.")
        return str(claims["sub"])

    def recipient_id(self, token: str) -> str:
        """The recipient system of a token with role ``recipient`` (``sub``: e.g. FKASSA): an
        active authority of the catalogue, the only recipients with systems of their own."""
        claims = self.claims(token)
        if claims.get("role") != RECIPIENT_ROLE or not isinstance(claims.get("sub"), str):
            raise unauthorized("The token is not a recipient system's token.")
        found = RECIPIENTS.get(claims["sub"])
        if found is None or not found.active or found.kind is not RecipientKind.AUTHORITY:
            raise unauthorized("The token's subject is not a known recipient system.")
        return found.id

    def staff(self, token: str) -> Staff:
        """The care user of a token with a staff role, its unit one of its care giver's."""
        return self._staff(self.claims(token))

    def statistics_regions(self, token: str) -> frozenset[str]:
        """The län codes whose statistics the token opens: the ``statistics_regions`` claim,
        honoured only on a care user's token and only as a list of län codes (01-25)."""
        claims = self.claims(token)
        self._staff(claims)
        listed = claims.get("statistics_regions")
        if not isinstance(listed, list):
            return frozenset()
        return frozenset(code for code in listed if isinstance(code, str) and _LAN.match(code))

    def fmu_grants(self, token: str) -> frozenset[Privilege]:
        """The FMU privileges of a care user's token (claim ``fmu_grants``); none without
        the claim. Anything but a list of FMU privilege names refuses the token."""
        claims = self.claims(token)
        self._staff(claims)
        listed = claims.get("fmu_grants", [])
        names = {grant.value for grant in ORDER_GRANTS}
        if not isinstance(listed, list) or not all(
                isinstance(name, str) and name in names for name in listed):
            raise unauthorized("The token's fmu_grants are not a list of FMU privileges.")
        return frozenset(Privilege(name) for name in listed)

    def _staff(self, claims: dict[str, Any]) -> Staff:
        if claims.get("role") not in STAFF_ROLES:
            raise unauthorized("The token is not a care user's token.")
        missing = [c for c in _REQUIRED if c not in claims]
        if missing:
            raise unauthorized(f"The token lacks the claims {', '.join(missing)}.")
        try:
            staff = Staff(hsa_id=claims["sub"], name=claims["name"], role=Role(claims["role"]),
                          care_unit_hsa_id=claims["care_unit"],
                          care_giver_hsa_id=claims["care_giver"])
        except (ValueError, ValidationError):
            raise unauthorized("The token's claims are not a valid care user.") from None
        attributes = _attributes(claims)
        if attributes is not None:
            staff = staff.model_copy(update={"attributes": attributes})
        if not unit_belongs_to_care_giver(staff.care_unit_hsa_id, staff.care_giver_hsa_id):
            raise unauthorized("The token's care unit does not belong to its care giver.")
        return staff


def _attributes(claims: dict[str, Any]) -> StaffAttributes | None:
    """The HSA attributes the token carries (None without any); one invalid refuses it."""
    given = {field: claims[claim] for field, claim in HSA_CLAIMS.items() if claim in claims}
    if not given:
        return None
    try:
        return StaffAttributes.model_validate(given, strict=True)
    except ValidationError:
        raise unauthorized("The token's HSA attributes are not valid.") from None


def attribute_claims(attributes: StaffAttributes | None) -> dict[str, Any]:
    """The claims that carry these HSA attributes (those known)."""
    known = attributes.model_dump(exclude_none=True) if attributes else {}
    return {HSA_CLAIMS[field]: value for field, value in known.items()}


def _reason(error: jwt.PyJWTError) -> str:
    """Why a token was refused, in words of our own: the library's text may quote the token."""
    for family, reason in _REASONS:
        if isinstance(error, family):
            return reason
    return "The bearer token is not a valid JWT."


def unauthorized(detail: str) -> HTTPException:
    return HTTPException(status_code=401, detail=detail, headers={"WWW-Authenticate": "Bearer"})

