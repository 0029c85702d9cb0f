"""DOMAIN.md §5: sending, revoking (makulera), archiving and status visibility."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

import pytest

from domain.certificates.lifecycle import RevocationReason, StatusKind, Viewer, visible_statuses
from domain.shared.errors import (
    CertificateForTestPatientError,
    CertificateNotSignedError,
    CertificateReplacedError,
    CertificateRevokedError,
    InvalidRevocationError,
    RecipientDoesNotTakeTypeError,
    UnknownRecipientError,
)
from tests.factories import lisjp_content, patient
from tests.flows import draft, sent, sign, signed

WRONG = RevocationReason.FEL_PATIENT


def test_send_records_sent_status_when_signed(certificates, unit, doctor):
    cert_id = signed(certificates, unit, doctor)
    result = certificates.send_certificate(cert_id, recipient="FKASSA", by=doctor.hsa_id)
    cert = certificates.get(cert_id)
    assert result.changed and cert.is_sent_to("FKASSA")
    assert cert.statuses[0].kind is StatusKind.SENT


def test_send_changes_nothing_when_already_sent_to_that_recipient(certificates, unit, doctor):
    """§5: sending again to the same recipient changes nothing and is not an error."""
    cert_id = sent(certificates, unit, doctor)
    version = certificates.get(cert_id).version
    again = certificates.send_certificate(cert_id, recipient="FKASSA", by=doctor.hsa_id)
    assert not again.changed and again.position is None
    assert certificates.get(cert_id).version == version


def test_send_is_refused_when_certificate_is_revoked(certificates, unit, doctor):
    """§5: sending needs a certificate that is not revoked."""
    cert_id = signed(certificates, unit, doctor)
    certificates.revoke_certificate(cert_id, reason=WRONG, text="Fel patient", by=doctor)
    with pytest.raises(CertificateRevokedError):
        certificates.send_certificate(cert_id, recipient="FKASSA", by=doctor.hsa_id)


def test_send_is_refused_when_replaced_by_a_signed_child(certificates, unit, doctor):
    """§5: sending needs a certificate not replaced by a signed, not revoked child."""
    parent = signed(certificates, unit, doctor)
    child = certificates.replace_certificate(parent, by=doctor).id
    certificates.send_certificate(parent, recipient="FKASSA", by=doctor.hsa_id)  # draft child
    sign(certificates, child, doctor)
    with pytest.raises(CertificateReplacedError):
        certificates.send_certificate(parent, recipient="FKASSA", by=doctor.hsa_id)


def test_send_is_allowed_again_when_the_replacing_child_is_revoked(certificates, unit, doctor):
    """§5: a revoked replacement no longer replaces its parent."""
    parent = signed(certificates, unit, doctor)
    child = certificates.replace_certificate(parent, by=doctor).id
    sign(certificates, child, doctor)
    certificates.revoke_certificate(child, reason=WRONG, text="Fel", by=doctor)
    assert certificates.send_certificate(parent, recipient="FKASSA", by=doctor.hsa_id).changed


def test_send_is_refused_when_patient_is_a_test_patient(certificates, unit, doctor):
    """§4/§5: a test certificate is never sent to a recipient."""
    cert_id = signed(certificates, unit, doctor, patient(test_indicated=True))
    with pytest.raises(CertificateForTestPatientError):
        certificates.send_certificate(cert_id, recipient="FKASSA", by=doctor.hsa_id)


def test_send_is_refused_when_recipient_is_unknown(certificates, unit, doctor):
    """§2: an unknown recipient is refused."""
    cert_id = signed(certificates, unit, doctor)
    with pytest.raises(UnknownRecipientError):
        certificates.send_certificate(cert_id, recipient="NOBODY", by=doctor.hsa_id)


def test_send_is_refused_when_recipient_does_not_take_the_type(certificates, unit, doctor):
    """§2: a recipient that does not take the type is refused."""
    cert_id = signed(certificates, unit, doctor)
    with pytest.raises(RecipientDoesNotTakeTypeError):
        certificates.send_certificate(cert_id, recipient="TRANSP", by=doctor.hsa_id)


def test_revoke_is_refused_when_certificate_is_a_draft(certificates, unit, doctor):
    """§5: revoking needs a signed certificate."""
    cert_id = draft(certificates, unit, doctor)
    with pytest.raises(CertificateNotSignedError):
        certificates.revoke_certificate(cert_id, reason=WRONG, text="Fel", by=doctor)


def test_revoke_is_refused_when_text_is_missing(certificates, unit, doctor):
    """§5: revoking needs a reason plus text."""
    cert_id = signed(certificates, unit, doctor)
    with pytest.raises(InvalidRevocationError):
        certificates.revoke_certificate(cert_id, reason=WRONG, text="  ", by=doctor)


def test_revoke_changes_nothing_when_already_revoked(certificates, unit, doctor):
    """§5: revoking again changes nothing."""
    cert_id = signed(certificates, unit, doctor)
    certificates.revoke_certificate(cert_id, reason=WRONG, text="Fel", by=doctor)
    again = certificates.revoke_certificate(cert_id, reason=WRONG, text="Fel", by=doctor)
    assert not again.changed
    assert certificates.get(cert_id).is_revoked


def test_revoke_is_forwarded_when_certificate_was_sent(certificates, unit, doctor):
    """§5: a revoke is forwarded to every recipient the certificate was sent to."""
    cert_id = sent(certificates, unit, doctor)
    certificates.revoke_certificate(cert_id, reason=WRONG, text="Fel patient", by=doctor)
    cancelled = {s.recipient for s in certificates.get(cert_id).statuses
                 if s.kind is StatusKind.CANCELLED}
    assert cancelled == {"HSVARD", "FKASSA"}


def test_archived_is_the_newest_of_deleted_and_restored_when_citizen_archives(certificates,
                                                                           unit, doctor):
    """§5 derived: archived = the newest of DELETED/RESTORED is DELETED."""
    cert_id = signed(certificates, unit, doctor)
    certificates.archive_certificate(cert_id)
    assert certificates.get(cert_id).is_archived
    certificates.restore_certificate(cert_id)
    assert not certificates.get(cert_id).is_archived
    certificates.archive_certificate(cert_id)
    assert certificates.get(cert_id).is_archived


def test_visibility_differs_when_citizen_care_or_recipient_looks(certificates, unit, doctor):
    """§5 visibility: citizen all; care all but DELETED/RESTORED; recipient its own SENT."""
    cert_id = sent(certificates, unit, doctor)
    certificates.archive_certificate(cert_id)
    statuses = certificates.get(cert_id).statuses
    kinds = lambda entries: {e.kind for e in entries}  # noqa: E731
    assert StatusKind.DELETED in kinds(visible_statuses(statuses, Viewer.CITIZEN))
    assert StatusKind.DELETED not in kinds(visible_statuses(statuses, Viewer.CARE))
    assert kinds(visible_statuses(statuses, Viewer.RECIPIENT, "FKASSA")) == {StatusKind.SENT}
    assert visible_statuses(statuses, Viewer.RECIPIENT, "TRANSP") == []


def test_registering_changes_nothing_when_the_id_already_exists(certificates, unit, doctor):
    """§5: registering a certificate id that already exists is accepted and changes nothing."""
    cert_id, who = uuid4(), patient()
    body = lisjp_content(certificates.clock().date())
    signer = {"hsa_id": doctor.hsa_id, "name": doctor.name}
    at = datetime(2026, 10, 1, tzinfo=UTC)
    first = certificates.register_certificate(
        certificate_id=cert_id, type_id="lisjp", patient=who, care_unit=unit, signer=signer,
        signed_at=at, content=body, source="other-system")
    again = certificates.register_certificate(
        certificate_id=cert_id, type_id="lisjp", patient=who, care_unit=unit, signer=signer,
        signed_at=at, content=body, source="other-system")
    assert first.changed and not again.changed
    assert certificates.get(cert_id).is_signed and certificates.get(cert_id).version == 1
