"""Who calls a Samverkansytan route, from any of the token kinds a space takes:

- a citizen's (Mina intyg: ``role`` citizen, ``sub`` the personnummer), the owner;
- a care user's with role doctor or rehab_coordinator (their HSA id is the party invited);
- Försäkringskassan's system (``role`` recipient, ``sub`` FKASSA);
- the two kinds for people outside care: ``role`` ``employer`` or ``occupational_health``, with
  ``sub`` the acting person's id at the organisation (never a personnummer), ``org`` the
  organisation number and ``space`` the one space the token was issued for: it is held to
  that space, and any other is a 404, the same as an unknown id.
A token of any other kind or role is refused (401, 403) before the body is read; whether the
caller is in the space is the application's question (404 when not)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request

from api.http.auth import CITIZEN_ROLE, RECIPIENT_ROLE, STAFF_ROLES, TokenDecoder, unauthorized
from api.http.deps import bearer
from domain.samverkan.errors import InvalidSpaceInputError
from domain.samverkan.parties import organisation_number
from domain.samverkan.roles import Role
from domain.samverkan.rules import Caller
from domain.shared.care import Role as CareRole
from domain.shared.citizen import admit_citizen
from domain.shared.errors import InvalidPersonnummerError

EMPLOYER_ROLE = "employer"
OCCUPATIONAL_HEALTH_ROLE = "occupational_health"
OUTSIDE_ROLES = {EMPLOYER_ROLE: Role.ARBETSGIVARE,
                 OCCUPATIONAL_HEALTH_ROLE: Role.FORETAGSHALSOVARD}
CARE_ROLES = {CareRole.DOCTOR: Role.LAKARE, CareRole.REHAB_COORDINATOR: Role.REHABKOORDINATOR}
MAX_PERSON_ID = 64


def admit_space_party(request: Request, decoder: TokenDecoder, token: str) -> None:
    """The route policy's check for a space route: the caller, kept on the request."""
    claims = decoder.claims(token)
    role = claims.get("role")
    if role == CITIZEN_ROLE:
        caller = _citizen(request, decoder.citizen_personnummer(token))
    elif role == RECIPIENT_ROLE:
        authority = decoder.recipient_id(token)
        if authority != "FKASSA":
            raise HTTPException(status_code=403, detail="Only Försäkringskassan takes part.")
        caller = Caller(Role.FORSAKRINGSKASSAN, authority, authority)
    elif role in STAFF_ROLES:
        staff = decoder.staff(token)
        if staff.role not in CARE_ROLES:
            raise HTTPException(status_code=403,
                                detail=f"The role {staff.role.value} does not take part.")
        request.state.staff = staff
        caller = Caller(CARE_ROLES[staff.role], staff.hsa_id, staff.hsa_id)
    elif role in OUTSIDE_ROLES:
        caller = _outside(OUTSIDE_ROLES[str(role)], claims)
    else:
        raise unauthorized("The token is not of a kind a space takes.")
    request.state.actor = caller.by if caller.role is not Role.MEDBORGARE else "citizen"
    request.state.space_caller = caller


def _citizen(request: Request, personnummer: str) -> Caller:
    try:
        citizen = admit_citizen(personnummer, request.app.state.certificates.clock().date())
    except InvalidPersonnummerError:
        raise unauthorized("The token's subject is not a personnummer.") from None
    return Caller(Role.MEDBORGARE, "", "citizen", personnummer=citizen.personnummer)


def _outside(role: Role, claims: dict[str, Any]) -> Caller:
    """An employer's or occupational health service's token, held to its space."""
    person, org, space = claims.get("sub"), claims.get("org"), claims.get("space")
    if not isinstance(person, str) or not 0 < len(person) <= MAX_PERSON_ID:
        raise unauthorized("The token's sub is not the acting person's id.")
    try:
        party = organisation_number(org) if isinstance(org, str) else ""
        held_to = str(uuid.UUID(space)) if isinstance(space, str) else ""
    except (InvalidSpaceInputError, ValueError):
        party = held_to = ""
    if not party or not held_to:
        raise unauthorized("The token lacks a valid org (organisation number) or space id.")
    return Caller(role, party, f"{party}/{person}", space=held_to)


def _space_caller(request: Request, credentials: bearer) -> Caller:
    caller: Caller | None = getattr(request.state, "space_caller", None)
    if caller is None:  # unreachable behind the policy; refused rather than open
        raise unauthorized("A bearer token is required.")
    return caller


SpaceCallerDep = Annotated[Caller, Depends(_space_caller)]
