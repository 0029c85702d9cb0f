"""Mapping between API bodies and the domain; never returns an aggregate."""

from __future__ import annotations

from uuid import UUID

from api.http.access import ReadLog
from api.http.schemas import CareUnitIn, CertificateOut, ChildOut, CommandOut, PatientIn, StatusOut
from commands.certificates import Certificates
from commands.results import CommandResult
from domain.certificates.certificate import Certificate
from domain.certificates.lifecycle import Viewer, shown_state, visible_statuses
from domain.shared.care import CareUnit, Staff
from domain.shared.identities import normalise_personnummer
from domain.shared.patient import Patient


def to_patient(body: PatientIn, app: Certificates) -> Patient:
    personnummer = normalise_personnummer(body.personnummer, app.clock().date(),
                                          field="patient.personnummer")
    return Patient(personnummer=personnummer, name=body.name,
                   test_indicated=body.test_indicated,
                   protected_identity=body.protected_identity)


def to_care_unit(body: CareUnitIn, staff: Staff) -> CareUnit:
    """The unit's HSA ids come from the token, its contact details from the body."""
    return CareUnit(hsa_id=staff.care_unit_hsa_id, care_giver_hsa_id=staff.care_giver_hsa_id,
                    **body.model_dump())


def command_out(result: CommandResult) -> CommandOut:
    """The response to a command, from its result alone: nothing is loaded again."""
    return CommandOut(id=result.id, version=result.version, position=result.position,
                      changed=result.changed,
                      state=shown_state(result.state.value, result.revoked))


def read_for(app: Certificates, certificate_id: UUID, staff: Staff,
             access: ReadLog) -> Certificate:
    """The certificate for staff who may read it (to anyone else it does not exist: 404,
    ``Certificates.get_for``); every read leaves its PDL access entry (patientdatalagen) first,
    and is refused (503) if it cannot."""
    cert = app.get_for(certificate_id, staff)
    access.record([cert.patient.personnummer], [cert.id])
    return cert


def present(cert: Certificate, staff: Staff) -> CertificateOut:
    """The care view of a certificate (read with ``read_for``); the actions offered are those
    the reader's role may take."""
    statuses = visible_statuses(cert.statuses, Viewer.CARE)
    return CertificateOut(
        id=cert.id, type=cert.type_id, type_version=cert.content_version, version=cert.version,
        state=shown_state(cert.state.value, cert.is_revoked), revoked=cert.is_revoked,
        patient=cert.patient_data, care_unit=cert.care_unit_data, author=cert.author,
        signer=cert.signer, created_at=cert.created_at, signed_at=cert.signed_at,
        content=cert.content,
        statuses=[StatusOut(recipient=s.recipient, kind=s.kind.value, at=s.at) for s in statuses],
        relation=cert.relation,
        children=[ChildOut(id=cid, kind=c["kind"], state=c["state"])
                  for cid, c in cert.children.items()],
        allowed_actions=cert.allowed_actions(staff.role),
    )
