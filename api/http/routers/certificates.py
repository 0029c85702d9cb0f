"""Webcert's certificate commands and Intygstjänsten's reads of one certificate."""

from __future__ import annotations

from uuid import UUID

import structlog
from fastapi import APIRouter, Request, Response

from api.documents.certificate import certificate_pdf
from api.documents.printed import from_certificate
from api.http.access import ReadLogDep
from api.http.deps import CertificatesDep, StaffDep
from api.http.idempotency import IdempotencyKey, once
from api.http.pdf import PDF_RESPONSES, pdf_response
from api.http.presenters import command_out, present, read_for, to_care_unit, to_patient
from api.http.schemas import (
    Ag7804In,
    CertificateOut,
    CommandOut,
    CreateDraftIn,
    EditDraftIn,
    HistoryEventOut,
    IssueOut,
    RevokeIn,
    SendIn,
    ValidationOut,
    VersionIn,
)
from commands import history as histories
from commands.results import CommandResult

router = APIRouter(prefix="/v1/certificates", tags=["certificates"])
log = structlog.get_logger("api.certificates")


def _done(request: Request, app: CertificatesDep, command: str,
          result: CommandResult) -> CommandOut:
    structlog.contextvars.bind_contextvars(certificate_id=str(result.id))
    log.info("command_succeeded", command=command, version=result.version,
             changed=result.changed, position=result.position)
    return command_out(result)


@router.post("", status_code=201)
def create_draft(body: CreateDraftIn, app: CertificatesDep, staff: StaffDep,
                 request: Request, key: IdempotencyKey) -> CommandOut:
    """Start a draft of a certificate type for a patient at the caller's care unit."""
    result = once(app, key, staff, lambda: app.create_draft(
        type_id=body.type, patient=to_patient(body.patient, app),
        care_unit=to_care_unit(body.care_unit, staff), author=staff, content=body.content))
    return _done(request, app, "create_draft", result)


@router.get("/{certificate_id}")
def read_certificate(certificate_id: UUID, app: CertificatesDep, staff: StaffDep,
                     access: ReadLogDep) -> CertificateOut:
    """The certificate now: state, statuses, relations and the actions allowed next."""
    return present(read_for(app, certificate_id, staff, access), staff)


@router.get("/{certificate_id}/pdf", response_class=Response, responses=PDF_RESPONSES)
def print_certificate(certificate_id: UUID, app: CertificatesDep, staff: StaffDep,
                      access: ReadLogDep) -> Response:
    """The certificate as a PDF laid out like the national printout (a PDL-logged read)."""
    cert = read_for(app, certificate_id, staff, access)
    return pdf_response(certificate_pdf(from_certificate(cert)), f"intyg-{cert.id}")


@router.put("/{certificate_id}/content")
def edit_draft(certificate_id: UUID, body: EditDraftIn, app: CertificatesDep, staff: StaffDep,
               request: Request) -> CommandOut:
    """Replace the draft's content; the version it is based on must be the latest."""
    unit = to_care_unit(body.care_unit, staff) if body.care_unit else None
    result = app.edit_draft(certificate_id, based_on_version=body.version, content=body.content,
                            by=staff, care_unit=unit)
    return _done(request, app, "edit_draft", result)


@router.get("/{certificate_id}/validation")
def validate_draft(certificate_id: UUID, app: CertificatesDep, staff: StaffDep,
                   access: ReadLogDep) -> ValidationOut:
    """Every rule the draft fails today, on its question id (empty when it can be signed)."""
    read_for(app, certificate_id, staff, access)
    issues = app.validate_draft(certificate_id)
    errors = [IssueOut.model_validate(i.model_dump()) for i in issues]
    return ValidationOut(complete=not issues, errors=errors)


@router.post("/{certificate_id}/discard")
def discard_draft(certificate_id: UUID, body: VersionIn, app: CertificatesDep, staff: StaffDep,
                  request: Request) -> CommandOut:
    """Throw an unsigned draft away."""
    result = app.discard_draft(certificate_id, based_on_version=body.version, by=staff)
    return _done(request, app, "discard_draft", result)


@router.post("/{certificate_id}/sign")
def sign(certificate_id: UUID, body: VersionIn, app: CertificatesDep, staff: StaffDep,
         request: Request) -> CommandOut:
    """Sign a complete draft (doctors only); 422 lists every failing question."""
    result = app.sign_certificate(certificate_id, based_on_version=body.version, by=staff)
    return _done(request, app, "sign_certificate", result)


@router.post("/{certificate_id}/send")
def send(certificate_id: UUID, body: SendIn, app: CertificatesDep, staff: StaffDep,
         request: Request) -> CommandOut:
    """Send to a recipient; sending again to the same recipient changes nothing."""
    result = app.send_certificate(certificate_id, recipient=body.recipient, by=staff)
    return _done(request, app, "send_certificate", result)


@router.post("/{certificate_id}/revoke")
def revoke(certificate_id: UUID, body: RevokeIn, app: CertificatesDep, staff: StaffDep,
           request: Request) -> CommandOut:
    """Revoke (makulera) a signed certificate, with a reason and a text."""
    result = app.revoke_certificate(certificate_id, reason=body.reason, text=body.text, by=staff)
    return _done(request, app, "revoke_certificate", result)


@router.post("/{certificate_id}/replace", status_code=201)
def replace(certificate_id: UUID, app: CertificatesDep, staff: StaffDep,
            request: Request, key: IdempotencyKey) -> CommandOut:
    """Start a draft that replaces (ERSATT) the certificate."""
    result = once(app, key, staff, lambda: app.replace_certificate(certificate_id, by=staff))
    return _done(request, app, "replace_certificate", result)


@router.post("/{certificate_id}/renew", status_code=201)
def renew(certificate_id: UUID, app: CertificatesDep, staff: StaffDep,
          request: Request, key: IdempotencyKey) -> CommandOut:
    """Start a renewal (förlängning, FRLANG) with the type's fields cleared."""
    result = once(app, key, staff, lambda: app.renew_certificate(certificate_id, by=staff))
    return _done(request, app, "renew_certificate", result)


@router.post("/{certificate_id}/complement", status_code=201)
def complement(certificate_id: UUID, app: CertificatesDep, staff: StaffDep,
               request: Request, key: IdempotencyKey) -> CommandOut:
    """Start a complement (KOMPLT) answering the recipient's request."""
    result = once(app, key, staff, lambda: app.complement_certificate(certificate_id, by=staff))
    return _done(request, app, "complement_certificate", result)


@router.post("/{certificate_id}/copy", status_code=201)
def copy(certificate_id: UUID, app: CertificatesDep, staff: StaffDep,
         request: Request, key: IdempotencyKey) -> CommandOut:
    """Copy a locked draft into a new draft (KOPIA)."""
    result = once(app, key, staff, lambda: app.copy_locked_draft(certificate_id, by=staff))
    return _done(request, app, "copy_locked_draft", result)


@router.post("/{certificate_id}/ag7804", status_code=201)
def create_ag7804(certificate_id: UUID, body: Ag7804In, app: CertificatesDep, staff: StaffDep,
                  request: Request, key: IdempotencyKey) -> CommandOut:
    """Create the employer's AG7804 draft from a signed LISJP."""
    result = once(app, key, staff, lambda: app.create_ag7804_from_lisjp(
        certificate_id, include_diagnosis=body.include_diagnosis, by=staff))
    return _done(request, app, "create_ag7804", result)


@router.post("/{certificate_id}/doi", status_code=201)
def create_doi(certificate_id: UUID, app: CertificatesDep, staff: StaffDep,
               request: Request, key: IdempotencyKey) -> CommandOut:
    """Create the cause-of-death certificate (DOI) draft from a signed death certificate (DB)."""
    result = once(app, key, staff, lambda: app.create_doi_from_db(certificate_id, by=staff))
    return _done(request, app, "create_doi", result)


@router.get("/{certificate_id}/history")
def history(certificate_id: UUID, app: CertificatesDep, staff: StaffDep,
            access: ReadLogDep) -> list[HistoryEventOut]:
    """Every event of the certificate, in order, as stored."""
    read_for(app, certificate_id, staff, access)
    return [HistoryEventOut.model_validate(e) for e in histories.history(app, certificate_id)]
