"""Bearer tokens (JWT): who is acting. Care staff carry their HSA ids, role and care unit."""

from __future__ import annotations

from typing import Any

import jwt
from fastapi import HTTPException
from pydantic import ValidationError

from commands.settings import Settings
from domain.shared.care import Role, Staff

_REQUIRED = ["sub", "name", "role", "care_unit", "care_giver", "exp"]
CITIZEN_ROLE = "citizen"
RECIPIENT_ROLE = "recipient"


class TokenDecoder:
    """Checks a bearer token's signature, expiry and issuer, then reads the acting staff."""

    def __init__(self, settings: Settings) -> None:
        self._algorithm = settings.jwt_algorithm
        self._issuer = settings.jwt_issuer
        if settings.jwt_algorithm == "RS256":
            self._key: str = settings.jwt_public_key or ""
        else:
            self._key = settings.jwt_secret.get_secret_value()

    def claims(self, token: str) -> dict[str, Any]:
        try:
            return jwt.decode(token, self._key, algorithms=[self._algorithm],
                              issuer=self._issuer, options={"require": ["exp", "sub"]})
        except jwt.PyJWTError as error:
            raise unauthorized(f"The bearer token is not valid: {error}.") from None

    def citizen_personnummer(self, token: str) -> str:
        """The citizen's personnummer from a Mina intyg token (role ``citizen``)."""
        claims = self.claims(token)
        if claims.get("role") != CITIZEN_ROLE or not isinstance(claims.get("sub"), str):
            raise unauthorized("The token is not a citizen's token.")
        return str(claims["sub"])

    def recipient_id(self, token: str) -> str:
        """The recipient system of a token with role ``recipient`` (``sub``: e.g. FKASSA)."""
        claims = self.claims(token)
        if claims.get("role") != RECIPIENT_ROLE or not isinstance(claims.get("sub"), str):
            raise unauthorized("The token is not a recipient system's token.")
        return str(claims["sub"])

    def staff(self, token: str) -> Staff:
        claims = self.claims(token)
        missing = [c for c in _REQUIRED if c not in claims]
        if missing:
            raise unauthorized(f"The token lacks the claims {', '.join(missing)}.")
        try:
            return Staff(hsa_id=claims["sub"], name=claims["name"], role=Role(claims["role"]),
                         care_unit_hsa_id=claims["care_unit"],
                         care_giver_hsa_id=claims["care_giver"])
        except (ValueError, ValidationError):
            raise unauthorized("The token's claims are not a valid care user.") from None


def unauthorized(detail: str) -> HTTPException:
    return HTTPException(status_code=401, detail=detail, headers={"WWW-Authenticate": "Bearer"})

