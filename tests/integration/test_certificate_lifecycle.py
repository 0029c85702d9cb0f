"""DOMAIN.md §5, the lifecycle of a certificate, through the Certificates application.

Every test runs twice: on the SQLite store (embedded) and on PostgreSQL (production mode,
encrypted). Rule names follow DOMAIN.md §5.
"""

from __future__ import annotations

import pytest

from domain.certificates.lifecycle import CertificateState, StatusKind
from domain.shared.care import Role
from domain.shared.errors import (
    CertificateNotDraftError,
    CertificateNotFoundError,
    CertificateNotSignedError,
    DraftIncompleteError,
    DraftLockedError,
    NotAuthorisedError,
    StaleVersionError,
)
from tests.factories import FakeClock, care_unit, lisjp_content, patient, staff_at
from tests.flows import draft


def test_draft_is_complete_when_content_passes_validation(certificates, unit, doctor):
    """§5 draft states: a draft that passes every rule is DRAFT_COMPLETE."""
    cert_id = draft(certificates, unit, doctor)
    assert certificates.get(cert_id).state is CertificateState.DRAFT_COMPLETE


def test_draft_is_incomplete_when_content_fails_validation(certificates, unit, doctor):
    """§5 draft states: DRAFT_INCOMPLETE until every rule passes."""
    result = certificates.create_draft(type_id="lisjp", patient=patient(), care_unit=unit,
                                       author=doctor, content={})
    assert certificates.get(result.id).state is CertificateState.DRAFT_INCOMPLETE


def test_result_carries_the_state_when_a_command_changes_it(certificates, unit, doctor):
    """A command's result says the certificate's new state: the API never loads it again."""
    cert_id = draft(certificates, unit, doctor)
    signed = certificates.sign_certificate(cert_id, based_on_version=1, by=doctor)
    assert signed.state is CertificateState.SIGNED
    assert signed.state is certificates.get(cert_id).state


def test_signing_is_refused_when_draft_is_incomplete(certificates, unit, doctor):
    """§5: only a complete draft can be signed; every failing question id is named."""
    result = certificates.create_draft(type_id="lisjp", patient=patient(), care_unit=unit,
                                       author=doctor, content={})
    with pytest.raises(DraftIncompleteError) as refused:
        certificates.sign_certificate(result.id, based_on_version=1, by=doctor)
    ids = {issue.question_id for issue in refused.value.issues}
    assert {"1", "28", "6", "35", "17", "32", "39", "40"} <= ids
    assert certificates.get(result.id).version == 1


def test_edit_is_refused_when_version_is_stale(certificates, unit, doctor):
    """§5: edits carry the version they were based on; a stale version is a conflict."""
    cert_id = draft(certificates, unit, doctor)
    body = lisjp_content(certificates.clock().date(), ovrigt="Första")
    certificates.edit_draft(cert_id, based_on_version=1, content=body, by=doctor)
    with pytest.raises(StaleVersionError):
        certificates.edit_draft(cert_id, based_on_version=1, content=body, by=doctor)
    assert certificates.get(cert_id).version == 2


def test_edit_is_refused_when_certificate_is_signed(certificates, unit, doctor):
    """§5: only unsigned drafts may be edited."""
    cert_id = draft(certificates, unit, doctor)
    certificates.sign_certificate(cert_id, based_on_version=1, by=doctor)
    with pytest.raises(CertificateNotDraftError):
        certificates.edit_draft(cert_id, based_on_version=2, content={}, by=doctor)


def test_discard_is_refused_when_certificate_is_signed(certificates, unit, doctor):
    """§5: only unsigned drafts may be discarded."""
    cert_id = draft(certificates, unit, doctor)
    certificates.sign_certificate(cert_id, based_on_version=1, by=doctor)
    with pytest.raises(CertificateNotDraftError):
        certificates.discard_draft(cert_id, based_on_version=2, by=doctor)


def test_discard_ends_the_draft_when_unsigned(certificates, unit, doctor):
    """§5: an unsigned draft may be discarded."""
    cert_id = draft(certificates, unit, doctor)
    certificates.discard_draft(cert_id, based_on_version=1, by=doctor)
    assert certificates.get(cert_id).state is CertificateState.DISCARDED


def test_signing_is_refused_when_signer_is_not_a_doctor(certificates, unit):
    """Only a doctor signs (Webcert privilege SIGNERA_INTYG)."""
    nurse = staff_at(unit, Role.NURSE)
    cert_id = draft(certificates, unit, nurse)
    with pytest.raises(NotAuthorisedError):
        certificates.sign_certificate(cert_id, based_on_version=1, by=nurse)


def test_edit_is_refused_when_staff_is_from_another_unit(certificates, unit, doctor):
    cert_id = draft(certificates, unit, doctor)
    stranger = staff_at(care_unit())
    with pytest.raises(CertificateNotFoundError):  # told nothing (Hardening item 6)
        certificates.edit_draft(cert_id, based_on_version=1, content={}, by=stranger)


def test_signing_registers_received_status_when_signed(certificates, unit, doctor):
    """§5 statuses: RECEIVED (registered, target HSVARD) on signing."""
    cert_id = draft(certificates, unit, doctor)
    certificates.sign_certificate(cert_id, based_on_version=1, by=doctor)
    cert = certificates.get(cert_id)
    assert cert.state is CertificateState.SIGNED
    assert [(s.recipient, s.kind) for s in cert.statuses] == [("HSVARD", StatusKind.RECEIVED)]
    assert cert.signer is not None and cert.signer["hsa_id"] == doctor.hsa_id


def test_draft_is_locked_when_unsigned_for_14_days(certificates, unit, doctor, clock: FakeClock):
    """§5: a draft not signed within 14 days is locked."""
    cert_id = draft(certificates, unit, doctor)
    clock.advance(days=13, hours=23)
    certificates.lock_due_drafts()
    assert certificates.get(cert_id).state is CertificateState.DRAFT_COMPLETE
    clock.advance(hours=1)
    certificates.lock_due_drafts()
    assert certificates.get(cert_id).state is CertificateState.DRAFT_LOCKED


def test_locked_draft_can_only_be_copied_or_discarded_when_locked(certificates, unit, doctor,
                                                                  clock: FakeClock):
    """§5: a locked draft can then only be copied (KOPIA) or discarded."""
    cert_id = draft(certificates, unit, doctor)
    clock.advance(days=15)
    certificates.lock_due_drafts()
    with pytest.raises(DraftLockedError):
        certificates.edit_draft(cert_id, based_on_version=2, content={}, by=doctor)
    with pytest.raises(DraftLockedError):
        certificates.sign_certificate(cert_id, based_on_version=2, by=doctor)
    copy = certificates.copy_locked_draft(cert_id, by=doctor)
    copied = certificates.get(copy.id)
    assert copied.relation == {"kind": "KOPIA", "parent_id": str(cert_id)}
    assert copied.content == certificates.get(cert_id).content
    certificates.discard_draft(cert_id, based_on_version=3, by=doctor)
    assert certificates.get(cert_id).state is CertificateState.DISCARDED


def test_copy_is_refused_when_draft_is_not_locked(certificates, unit, doctor):
    cert_id = draft(certificates, unit, doctor)
    from domain.shared.errors import DraftNotLockedError

    with pytest.raises(DraftNotLockedError):
        certificates.copy_locked_draft(cert_id, by=doctor)


def test_untouched_draft_is_disposed_of_when_older_than_3_months(certificates, unit, doctor,
                                                                 clock: FakeClock):
    """§5: an untouched draft older than 3 months is disposed of."""
    cert_id = draft(certificates, unit, doctor)
    clock.advance(days=91)
    certificates.lock_due_drafts()
    assert certificates.get(cert_id).state is CertificateState.DISCARDED


def test_signing_is_refused_when_based_on_stale_version(certificates, unit, doctor):
    cert_id = draft(certificates, unit, doctor)
    certificates.edit_draft(cert_id, based_on_version=1,
                            content=lisjp_content(certificates.clock().date()), by=doctor)
    with pytest.raises(StaleVersionError):
        certificates.sign_certificate(cert_id, based_on_version=1, by=doctor)


def test_send_is_refused_when_certificate_is_a_draft(certificates, unit, doctor):
    """§5: sending needs a signed certificate."""
    cert_id = draft(certificates, unit, doctor)
    with pytest.raises(CertificateNotSignedError):
        certificates.send_certificate(cert_id, recipient="FKASSA", by=doctor.hsa_id)
