"""Dependency aliases for the routers: the application, the clock and the acting user."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.auth import TokenDecoder, unauthorized
from commands.certificates import Certificates
from domain.care import Staff

_bearer = HTTPBearer(auto_error=False)


def _certificates(request: Request) -> Certificates:
    app: Certificates = request.app.state.certificates
    return app


def _staff(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Staff:
    if credentials is None:
        raise unauthorized("A bearer token is required.")
    decoder: TokenDecoder = request.app.state.tokens
    staff = decoder.staff(credentials.credentials)
    request.state.actor = staff.hsa_id
    return staff


CertificatesDep = Annotated[Certificates, Depends(_certificates)]
StaffDep = Annotated[Staff, Depends(_staff)]
