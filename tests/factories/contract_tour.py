"""What a demo run does not write by itself, so that a run of ``seed_demo`` plus this tour puts
every published event type and every certificate type's content on the wire: each type issued
(and sent where a doctor sends it), a certificate registered from another system, drafts
discarded, locked and disposed of, archive and restore, and a conversation with every kind of
message, complement, revocation and reopening."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from commands.certificates import Certificates
from commands.questions import (
    answer_cannot_complement,
    answer_question,
    conversation_of,
    mark_handled,
    receive_message,
    send_question,
)
from domain.certificates.lifecycle import RevocationReason
from domain.questions.messages import IncomingMessage, Subject
from domain.shared.care import CareUnit, Staff
from tests.factories import FakeClock, care_unit, lisjp_content, patient, staff_at
from tests.type_examples import DOCTOR_SENDS, MINIMAL


def every_type(app: Certificates, unit: CareUnit, doctor: Staff) -> dict[str, uuid.UUID]:
    issued = {}
    for type_id, content in MINIMAL.items():
        cert_id = app.create_draft(type_id=type_id, patient=patient(), care_unit=unit,
                                   author=doctor, content=content()).id
        app.sign_certificate(cert_id, based_on_version=1, by=doctor)
        if type_id in DOCTOR_SENDS:
            app.send_certificate(cert_id, recipient=DOCTOR_SENDS[type_id], by=doctor.hsa_id)
        issued[type_id] = cert_id
    return issued


def draft_endings(app: Certificates, clock: FakeClock, unit: CareUnit, doctor: Staff,
                  parent: uuid.UUID) -> None:
    """Discarded (a child too), locked after 14 days, disposed of after 3 months."""
    body = lisjp_content(clock().date())
    discarded = app.create_draft(type_id="lisjp", patient=patient(), care_unit=unit,
                                 author=doctor, content=body).id
    app.discard_draft(discarded, based_on_version=1, by=doctor)
    child = app.renew_certificate(parent, by=doctor).id
    app.discard_draft(child, based_on_version=1, by=doctor)
    for _ in range(2):
        app.create_draft(type_id="lisjp", patient=patient(), care_unit=unit, author=doctor,
                         content=body)
    clock.advance(days=15)
    app.lock_due_drafts()
    clock.advance(days=100)
    app.lock_due_drafts()


def archived_and_registered(app: Certificates, unit: CareUnit, cert_id: uuid.UUID) -> None:
    app.archive_certificate(cert_id)
    app.restore_certificate(cert_id)
    app.register_certificate(
        certificate_id=uuid.uuid4(), type_id="lisjp", patient=patient(), care_unit=unit,
        signer={"hsa_id": "SE2321000016-D9999", "name": "Extern Läkare"},
        signed_at=datetime(2026, 11, 1, tzinfo=UTC), content=lisjp_content(app.clock().date()),
        source="other-system")


def _from_fk(app: Certificates, cert_id: uuid.UUID, pnr: str, **fields: Any) -> None:
    message = IncomingMessage.model_validate(
        {"messageId": f"fk-{uuid.uuid4()}", "sentAt": app.clock(), "certificateId": cert_id,
         "personnummer": pnr, "text": "Meddelande från Försäkringskassan"} | fields)
    receive_message(app, message, "FKASSA")


def conversation(app: Certificates, doctor: Staff, cert_id: uuid.UUID) -> None:
    """Every message and question event about one sent LISJP, ending in its revocation."""
    pnr = app.get(cert_id).patient.personnummer
    komplt = f"fk-k-{cert_id}"
    _from_fk(app, cert_id, pnr, messageId=komplt, subject="KOMPLT",
             complementItems=[{"questionId": "32", "text": "Förtydliga perioden"}])
    _from_fk(app, cert_id, pnr, subject="PAMINN", reminds=komplt)
    child = app.complement_certificate(cert_id, by=doctor)
    app.sign_certificate(child.id, based_on_version=child.version, by=doctor)
    app.revoke_certificate(child.id, reason=RevocationReason.FEL_PATIENT, text="Fel",
                           by=doctor)  # the KOMPLT opens again
    answer_cannot_complement(app, cert_id, text="Kan inte komplettera", by=doctor)
    before = _question_ids(app, cert_id)
    send_question(app, cert_id, subject=Subject.KONTKT, heading="Kontakt", text="Ring mig",
                  by=doctor)
    [question] = _question_ids(app, cert_id) - before
    _from_fk(app, cert_id, pnr, subject="KONTKT", answers=question)
    other = f"fk-o-{cert_id}"
    _from_fk(app, cert_id, pnr, messageId=other, subject="OVRIGT")
    answer_question(app, cert_id, other, text="Svar", by=doctor)
    meeting = f"fk-a-{cert_id}"
    _from_fk(app, cert_id, pnr, messageId=meeting, subject="AVSTMN")
    mark_handled(app, cert_id, meeting, by=doctor)
    mark_handled(app, cert_id, meeting, by=doctor, reopen=True)
    app.revoke_certificate(cert_id, reason=RevocationReason.ANNAT_ALLVARLIGT_FEL,
                           text="Fel", by=doctor)  # closes what is still open


def _question_ids(app: Certificates, cert_id: uuid.UUID) -> set[str]:
    conv = conversation_of(app, cert_id)
    return set(conv.questions) if conv is not None else set()


def tour(app: Certificates, clock: FakeClock) -> None:
    unit = care_unit()
    doctor = staff_at(unit)
    issued = every_type(app, unit, doctor)
    conversation(app, doctor, issued["lisjp"])
    archived_and_registered(app, unit, issued["luse"])
    draft_endings(app, clock, unit, doctor, issued["luae_na"])
