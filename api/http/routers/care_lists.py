"""Webcert's lists (care staff), read from the webcert view. Only the unit's own staff see a
unit's lists; the signed-in user's own lists are at /v1/me."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import Field

from api.http.access import ReadLog, ReadLogDep
from api.http.deps import AfterQuery, CertificatesDep, StaffDep, ViewsDep, seen_or_503
from api.http.schemas import SHOWN_STATE, Body
from domain.certificates.lifecycle import shown_state
from domain.shared.care import Staff
from domain.shared.identities import normalise_personnummer
from projections.document import Doc
from projections.webcert import patient_certificates, unit_drafts, unit_signed

router = APIRouter(prefix="/v1", tags=["Webcert lists"])
VIEW = "webcert"
StateQuery = Annotated[str | None, Query(
    pattern="^(DRAFT_INCOMPLETE|DRAFT_COMPLETE|DRAFT_LOCKED)$",
    description="One draft state; all three when left out.")]


class ListedCertificateOut(Body):
    id: str
    type: str
    state: str = Field(description=SHOWN_STATE)
    revoked: bool
    personnummer: str
    patient_name: str
    author_id: str | None
    signer_id: str | None
    signed_at: datetime | None
    updated_at: datetime
    version: int


def _listed(docs: list[Doc], access: ReadLog) -> list[ListedCertificateOut]:
    """The rows, once the read is in the PDL access log."""
    access.record([d["patient"]["personnummer"] for d in docs], [d["id"] for d in docs])
    return [ListedCertificateOut(
        id=d["id"], type=d["type"], state=shown_state(d["state"], d["revoked"]),
        revoked=d["revoked"],
        personnummer=d["patient"]["personnummer"], patient_name=d["patient"].get("name", ""),
        author_id=(d["author"] or {}).get("hsa_id"), signer_id=(d["signer"] or {}).get("hsa_id"),
        signed_at=d["signed_at"], updated_at=d["updated_at"], version=d["version"],
    ) for d in docs]


def _of_unit(staff: Staff, unit_id: str) -> None:
    staff.check_acts_for(unit_id, "Only staff of the care unit see its lists.")


@router.get("/units/{unit_id}/drafts")
def unit_draft_list(unit_id: str, staff: StaffDep, host: ViewsDep, access: ReadLogDep,
                    state: StateQuery = None,
                    after: AfterQuery = None) -> list[ListedCertificateOut]:
    """The unit's drafts by state, latest change first."""
    _of_unit(staff, unit_id)
    seen_or_503(host, VIEW, after)
    with host.db.transaction() as tx:
        found = unit_drafts(tx, host.seal, unit_id, state)
    return _listed(found, access)


@router.get("/units/{unit_id}/certificates")
def unit_certificate_list(unit_id: str, staff: StaffDep, host: ViewsDep, access: ReadLogDep,
                          after: AfterQuery = None) -> list[ListedCertificateOut]:
    """The unit's signed certificates, revoked ones marked."""
    _of_unit(staff, unit_id)
    seen_or_503(host, VIEW, after)
    with host.db.transaction() as tx:
        found = unit_signed(tx, host.seal, unit_id)
    return _listed(found, access)


@router.get("/units/{unit_id}/patients/{personnummer}/certificates")
def patient_certificate_list(unit_id: str, personnummer: str, staff: StaffDep, host: ViewsDep,
                             access: ReadLogDep, app: CertificatesDep,
                             after: AfterQuery = None) -> list[ListedCertificateOut]:
    """One patient's drafts and certificates at the unit."""
    _of_unit(staff, unit_id)
    number = normalise_personnummer(personnummer, app.clock().date())
    seen_or_503(host, VIEW, after)
    with host.db.transaction() as tx:
        found = patient_certificates(tx, host.seal, unit_id, number)
    return _listed(found, access)


@router.get("/me/drafts")
def own_drafts(staff: StaffDep, host: ViewsDep, access: ReadLogDep, state: StateQuery = None,
               after: AfterQuery = None) -> list[ListedCertificateOut]:
    """The signed-in user's drafts at their unit."""
    seen_or_503(host, VIEW, after)
    with host.db.transaction() as tx:
        found = unit_drafts(tx, host.seal, staff.care_unit_hsa_id, state, author=staff.hsa_id)
    return _listed(found, access)


@router.get("/me/certificates")
def own_certificates(staff: StaffDep, host: ViewsDep, access: ReadLogDep,
                     after: AfterQuery = None) -> list[ListedCertificateOut]:
    """The certificates the signed-in doctor signed at their unit."""
    seen_or_503(host, VIEW, after)
    with host.db.transaction() as tx:
        found = unit_signed(tx, host.seal, staff.care_unit_hsa_id, signer=staff.hsa_id)
    return _listed(found, access)
