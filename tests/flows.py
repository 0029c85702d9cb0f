"""Short command sequences shared by the lifecycle tests."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from commands.certificates import Certificates
from domain.shared.care import CareUnit, Staff
from domain.shared.patient import Patient
from tests.factories import lisjp_content, patient


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
