"""Short command sequences shared by the lifecycle tests."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from commands.certificates import Certificates
from domain.certificates.lifecycle import RevocationReason
from domain.shared.care import CareUnit, Staff
from domain.shared.patient import Patient
from tests.factories import care_unit, lisjp_content, patient, staff_at


def draft(app: Certificates, unit: CareUnit, doctor: Staff, who: Patient | None = None,
          **content: Any) -> UUID:
    body = lisjp_content(app.clock().date(), **content)
    return app.create_draft(type_id="lisjp", patient=who or patient(), care_unit=unit,
                            author=doctor, content=body).id


def sign(app: Certificates, cert_id: UUID, doctor: Staff) -> None:
    app.sign_certificate(cert_id, based_on_version=app.get(cert_id).version, by=doctor)


def signed(app: Certificates, unit: CareUnit, doctor: Staff, who: Patient | None = None,
           **content: Any) -> UUID:
    cert_id = draft(app, unit, doctor, who, **content)
    sign(app, cert_id, doctor)
    return cert_id


def sent(app: Certificates, unit: CareUnit, doctor: Staff, **content: Any) -> UUID:
    cert_id = signed(app, unit, doctor, **content)
    app.send_certificate(cert_id, recipient="FKASSA", by=doctor.hsa_id)
    return cert_id


def issue_lifecycles(app: Certificates, count: int) -> None:
    unit = care_unit()
    doctor = staff_at(unit)
    for n in range(count):
        cert = sent(app, unit, doctor)
        if n % 3 == 0:
            app.renew_certificate(cert, by=doctor)
        if n % 4 == 0:
            app.revoke_certificate(cert, reason=RevocationReason.ANNAT_ALLVARLIGT_FEL,
                                   text="Fel", by=doctor)


def doctor_reads_a_certificate(app: Certificates, key: str) -> tuple[Staff, UUID, str, UUID]:
    """A doctor's read of a signed certificate, recorded in the PDL access log: the doctor,
    the certificate, its patient's personnummer and the access entry's id."""
    from commands.access_log import AccessLog
    from domain.access.entry import Reader

    unit = care_unit()
    doctor = staff_at(unit)
    cert = signed(app, unit, doctor)
    who = app.get(cert).patient.personnummer
    reader = Reader(role="doctor", hsa_id=doctor.hsa_id, care_unit=unit.hsa_id,
                    care_giver=unit.care_giver_hsa_id)
    entry = AccessLog(app, key, app.clock).record(
        reader, "GET /v1/certificates/{certificate_id}", [who], [cert])
    return doctor, cert, who, entry
