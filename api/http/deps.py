"""Dependency aliases for the routers: the application, the clock and the acting user."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.http.auth import TokenDecoder, unauthorized
from api.http.bounds import MAX_POSITION
from api.runtime.projections import ProjectionHost
from commands.certificates import Certificates
from domain.shared.care import Staff
from domain.shared.citizen import Citizen, admit_citizen
from domain.shared.errors import InvalidPersonnummerError
from streams.seen_watch import ReadOutcome

_bearer = HTTPBearer(
    auto_error=False, scheme_name="bearer", bearerFormat="JWT",
    description="A JWT (`iss`, `exp`, `sub`, `role`). Care staff: `role` doctor, nurse, "
                "care_admin, rehab_coordinator, audit_officer or statistics_lead with `name`, "
                "`care_unit` and `care_giver` (HSA ids); a "
                "citizen: `role` citizen, `sub` the personnummer; a recipient system: `role` "
                "recipient, `sub` its id (FKASSA). Region statistics: `statistics_regions`, the "
                "län codes.")


def _certificates(request: Request) -> Certificates:
    app: Certificates = request.app.state.certificates
    return app


def _token(credentials: HTTPAuthorizationCredentials | None) -> str:
    if credentials is None:
        raise unauthorized("A bearer token is required.")
    return credentials.credentials


def _staff(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Staff:
    decoded: Staff | None = getattr(request.state, "staff", None)  # by the route's policy
    decoder: TokenDecoder = request.app.state.tokens
    staff = decoded or decoder.staff(_token(credentials))
    request.state.actor = staff.hsa_id
    return staff


def _citizen(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Citizen:
    """The citizen of a Mina intyg token, admitted only from the age of 16 (DOMAIN.md §9)."""
    decoder: TokenDecoder = request.app.state.tokens
    personnummer = decoder.citizen_personnummer(_token(credentials))
    request.state.actor = "citizen"  # never the personnummer: logs carry no patient ids
    app: Certificates = request.app.state.certificates
    try:
        return admit_citizen(personnummer, app.clock().date())
    except InvalidPersonnummerError:
        raise unauthorized("The token's subject is not a personnummer.") from None


def _recipient(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    """The recipient system calling (Försäkringskassan's, say), from its token."""
    decoder: TokenDecoder = request.app.state.tokens
    recipient = decoder.recipient_id(_token(credentials))
    request.state.actor = recipient
    return recipient


def _views(request: Request) -> ProjectionHost:
    host: ProjectionHost | None = getattr(request.app.state, "projections", None)
    if host is None:
        raise HTTPException(status_code=503, detail="The read models do not run in this process "
                                                    "(INTYG_PROJECTIONS_IN_SERVE=false).")
    return host


CertificatesDep = Annotated[Certificates, Depends(_certificates)]
bearer = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
CitizenDep = Annotated[Citizen, Depends(_citizen)]
RecipientDep = Annotated[str, Depends(_recipient)]
ViewsDep = Annotated[ProjectionHost, Depends(_views)]
AfterQuery = Annotated[int | None, Query(
    ge=0, le=MAX_POSITION,
    description="Read your writes: wait (bounded) until the view has seen this log position, "
                "as returned by a command.")]


def seen_or_503(host: ProjectionHost, view: str, after: int | None) -> None:
    """Read your writes: answer once the view has seen ``after``. A position not yet written
    is a 422 at once; when too many reads wait already, or the wait runs out, 503."""
    outcome = host.read_after(view, after)
    if outcome is ReadOutcome.NOT_WRITTEN:
        raise RequestValidationError([{
            "loc": ("query", "after"), "type": "position_not_written",
            "msg": f"Position {after} has not been written yet: the log does not reach it, so "
                   "no view can; pass a position a command returned."}])
    if outcome is ReadOutcome.TOO_MANY_WAITING:
        raise HTTPException(status_code=503, detail="Too many reads are waiting for the views "
                                                    "already; retry shortly.",
                            headers={"Retry-After": "1"})
    if outcome is ReadOutcome.TIMED_OUT:
        raise HTTPException(status_code=503, detail=f"The {view} view has not reached position "
                                                    f"{after} yet; retry shortly.",
                            headers={"Retry-After": "1"})
StaffDep = Annotated[Staff, Depends(_staff)]
