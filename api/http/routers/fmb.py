"""FMB decision support on a LISJP draft (DOMAIN.md §11): the recommendation for its diagnoses
and the warning when its periods, added to the patient's current case at the unit, exceed it.
Information only: signing is never blocked by it."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter

from api.http.access import ReadLogDep
from api.http.deps import AfterQuery, CertificatesDep, StaffDep, ViewsDep, seen_or_503
from api.http.openapi import problems
from api.http.presenters import read_for
from domain.shared.errors import RelationNotAllowedError
from domain.sickleave.fmb import fmb_warning, largest_recommendation
from projections.rehabstod import patient_certificates, sick_leave_certificate

router = APIRouter(prefix="/v1/certificates", tags=["certificates"])


@router.get("/{certificate_id}/fmb", responses=problems(409))
def fmb_support(certificate_id: UUID, app: CertificatesDep, staff: StaffDep, host: ViewsDep,
                access: ReadLogDep, after: AfterQuery = None) -> dict[str, Any]:
    """The largest FMB recommendation among the draft's diagnoses, the case length with the
    draft, and the warning (null when within the recommendation)."""
    cert = read_for(app, certificate_id, staff, access)
    if cert.type_id != "lisjp":
        raise RelationNotAllowedError("FMB decision support is for LISJP (FK 7804) only.")
    doc = {"id": str(cert.id), "type": cert.type_id, "patient": cert.patient_data,
           "care_unit": cert.care_unit_data, "signer": None, "revoked": False,
           "signed_at": app.clock().isoformat(), "content": cert.content}
    draft = sick_leave_certificate(doc)
    codes = [code for code in ([draft.diagnosis_code, *draft.secondary_codes] if draft else [])
             if code]
    recommendation = largest_recommendation(codes)
    seen_or_503(host, "rehabstod", after)
    with host.db.transaction() as tx:
        signed = [c for c in patient_certificates(tx, host.seal, cert.care_unit.hsa_id,
                                                  cert.patient.personnummer)
                  if c.certificate_id != doc["id"] and not c.revoked]
    warning = fmb_warning(draft, signed, codes) if draft else None
    return {
        "recommendation": None if recommendation is None else {
            "code": recommendation.code, "value": recommendation.value,
            "unit": recommendation.unit, "days": recommendation.days,
            "description": recommendation.description},
        "warning": None if warning is None else {"caseDays": warning.case_days,
                                                 "message": warning.message},
    }
