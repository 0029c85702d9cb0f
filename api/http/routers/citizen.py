"""Mina intyg (DOMAIN.md §9): the citizen's own certificates, read from the mina-intyg view.

Someone else's certificate is answered with 404, exactly like one that does not exist, so the
API never reveals that an id exists.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Response

from api.documents.certificate import certificate_pdf
from api.documents.employer import employer_pdf
from api.documents.printed import from_document
from api.http.access import ReadLog, ReadLogDep
from api.http.bounds import FIRST_YEAR, LAST_YEAR
from api.http.deps import AfterQuery, CertificatesDep, CitizenDep, ViewsDep, seen_or_503
from api.http.pdf import PDF_RESPONSES, pdf_response
from api.http.presenters import command_out
from api.http.schemas import Body, CommandOut, SendIn
from domain.certificates.employer_version import OptionalPart, employer_version
from domain.certificates.lifecycle import StatusEntry, Viewer, visible_statuses
from domain.shared.catalogue import certificate_type
from domain.shared.citizen import Citizen
from domain.shared.errors import CertificateNotFoundError
from projections.document import Doc
from projections.mina_intyg import citizen_certificate, citizen_certificates

router = APIRouter(prefix="/v1/citizen/certificates", tags=["Mina intyg"])
VIEW = "mina-intyg"


class CitizenStatusOut(Body):
    recipient: str
    kind: str
    at: datetime


class CitizenCertificateOut(Body):
    id: str
    type: str
    type_name: str
    care_unit_id: str
    care_unit_name: str
    signed_by: str
    signed_at: datetime
    sent_to: list[str]
    archived: bool
    statuses: list[CitizenStatusOut]
    content: dict[str, Any] | None = None


def _out(doc: Doc, with_content: bool) -> CitizenCertificateOut:
    entries = [StatusEntry.model_validate(s) for s in doc["statuses"]]
    return CitizenCertificateOut(
        id=doc["id"], type=doc["type"], type_name=certificate_type(doc["type"]).name,
        care_unit_id=doc["care_unit"]["hsa_id"], care_unit_name=doc["care_unit"].get("name", ""),
        signed_by=(doc["signer"] or {}).get("name", ""), signed_at=doc["signed_at"],
        sent_to=doc["sent_to"], archived=doc["archived"],
        statuses=[CitizenStatusOut(recipient=s.recipient, kind=s.kind.value, at=s.at)
                  for s in visible_statuses(entries, Viewer.CITIZEN)],
        content=doc["content"] if with_content else None,
    )


def _own(host: ViewsDep, citizen: Citizen, certificate_id: UUID) -> Doc:
    with host.db.transaction() as tx:
        doc = citizen_certificate(tx, host.seal, citizen.personnummer, str(certificate_id))
    if doc is None:
        raise CertificateNotFoundError.of(certificate_id)
    return doc


@router.get("")
def list_own(citizen: CitizenDep, host: ViewsDep, access: ReadLogDep, after: AfterQuery = None,
             year: Annotated[int | None, Query(ge=FIRST_YEAR, le=LAST_YEAR)] = None,
             care_unit: Annotated[str | None, Query(
                 alias="careUnit")] = None,
             type: str | None = None, sent: bool | None = None,
             archived: bool = False) -> list[CitizenCertificateOut]:
    """Own certificates, newest first: revoked, test, DB and DOI certificates are never here."""
    seen_or_503(host, VIEW, after)
    with host.db.transaction() as tx:
        found = citizen_certificates(tx, host.seal, citizen.personnummer, year=year,
                                     care_unit=care_unit,
                                     type_id=type, sent=sent, archived=archived)
    access.record([citizen.personnummer], [doc["id"] for doc in found])
    return [_out(doc, with_content=False) for doc in found]


@router.get("/{certificate_id}")
def read_own(certificate_id: UUID, citizen: CitizenDep, host: ViewsDep, access: ReadLogDep,
             after: AfterQuery = None) -> CitizenCertificateOut:
    seen_or_503(host, VIEW, after)
    doc = _own(host, citizen, certificate_id)
    access.record([citizen.personnummer], [doc["id"]])
    return _out(doc, with_content=True)


@router.post("/{certificate_id}/send")
def send_own(certificate_id: UUID, body: SendIn, citizen: CitizenDep, host: ViewsDep,
             app: CertificatesDep) -> CommandOut:
    """Send to a recipient that takes the type (an authority)."""
    _own(host, citizen, certificate_id)
    return command_out(app.send_certificate(certificate_id, recipient=body.recipient,
                                                 by="INVANA"))


@router.post("/{certificate_id}/archive")
def archive_own(certificate_id: UUID, citizen: CitizenDep, host: ViewsDep,
                app: CertificatesDep) -> CommandOut:
    _own(host, citizen, certificate_id)
    return command_out(app.archive_certificate(certificate_id))


@router.post("/{certificate_id}/restore")
def restore_own(certificate_id: UUID, citizen: CitizenDep, host: ViewsDep,
                app: CertificatesDep) -> CommandOut:
    _own(host, citizen, certificate_id)
    return command_out(app.restore_certificate(certificate_id))


OmitQuery = Annotated[list[OptionalPart], Query(
    description="Parts the citizen leaves out of the employer's copy.")]


def _employer_doc(host: ViewsDep, citizen: Citizen, certificate_id: UUID,
                  after: int | None, access: ReadLog) -> Doc:
    seen_or_503(host, VIEW, after)
    doc = _own(host, citizen, certificate_id)
    if doc["type"] != "lisjp":
        raise CertificateNotFoundError("Only a LISJP has an employer version.")
    access.record([citizen.personnummer], [doc["id"]])
    return doc


@router.get("/{certificate_id}/employer-version")
def employer_json(certificate_id: UUID, citizen: CitizenDep, host: ViewsDep,
                  access: ReadLogDep, omit: OmitQuery = [],  # noqa: B006
                  after: AfterQuery = None) -> dict[str, Any]:
    """The employer's copy of a LISJP: the allow-listed fields, minus the chosen omissions."""
    doc = _employer_doc(host, citizen, certificate_id, after, access)
    return {"id": doc["id"], "signedAt": doc["signed_at"],
            "signedBy": (doc["signer"] or {}).get("name", ""),
            "careUnit": doc["care_unit"].get("name", ""),
            "content": employer_version(doc["content"], set(omit))}


@router.get("/{certificate_id}/employer-version.pdf", response_class=Response,
            responses=PDF_RESPONSES)
def employer_pdf_version(certificate_id: UUID, citizen: CitizenDep, host: ViewsDep,
                         access: ReadLogDep, omit: OmitQuery = [], after: AfterQuery = None,  # noqa: B006
                         ) -> Response:
    """The employer's copy of a LISJP as a PDF: the allow-listed answers under their questions."""
    doc = _employer_doc(host, citizen, certificate_id, after, access)
    body = employer_pdf(from_document(doc, Viewer.CITIZEN), set(omit))
    return pdf_response(body, f"intyg-{doc['id']}-arbetsgivare")


@router.get("/{certificate_id}/pdf", response_class=Response, responses=PDF_RESPONSES)
def print_own(certificate_id: UUID, citizen: CitizenDep, host: ViewsDep, access: ReadLogDep,
              after: AfterQuery = None) -> Response:
    """The whole certificate as a PDF (print to PDF): patient, every answer, signature."""
    seen_or_503(host, VIEW, after)
    doc = _own(host, citizen, certificate_id)
    access.record([citizen.personnummer], [doc["id"]])
    return pdf_response(certificate_pdf(from_document(doc, Viewer.CITIZEN)), f"intyg-{doc['id']}")
