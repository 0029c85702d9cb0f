"""DOMAIN.md §5 relations: replace (ERSATT), renew (FRLANG), complement (KOMPLT), created from."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from domain.certificates.lifecycle import RelationKind, RevocationReason, StatusKind
from domain.shared.errors import (
    CertificateComplementedError,
    CertificateReplacedError,
    CertificateRevokedError,
    CertificateTypeNotSupportedError,
    RelationNotAllowedError,
    UnknownCertificateTypeError,
)
from tests.factories import lisjp_content, patient
from tests.flows import sent, sign, signed

WRONG = RevocationReason.ANNAT_ALLVARLIGT_FEL


def test_nothing_is_created_when_parent_is_revoked(certificates, unit, doctor):
    """§5: nothing can be created from a revoked certificate."""
    parent = signed(certificates, unit, doctor)
    certificates.revoke_certificate(parent, reason=WRONG, text="Fel", by=doctor)
    for create in (certificates.replace_certificate, certificates.renew_certificate,
                   certificates.complement_certificate):
        with pytest.raises(CertificateRevokedError):
            create(parent, by=doctor)
    with pytest.raises(CertificateRevokedError):
        certificates.create_ag7804_from_lisjp(parent, include_diagnosis=True, by=doctor)


def test_replace_is_refused_when_a_live_replacing_draft_exists(certificates, unit, doctor):
    """§5 replace: not already replaced by any non-revoked child, draft or signed."""
    parent = signed(certificates, unit, doctor)
    certificates.replace_certificate(parent, by=doctor)
    with pytest.raises(CertificateReplacedError):
        certificates.replace_certificate(parent, by=doctor)


def test_replace_is_allowed_again_when_the_replacing_draft_is_discarded(certificates, unit,
                                                                        doctor):
    parent = signed(certificates, unit, doctor)
    child = certificates.replace_certificate(parent, by=doctor)
    certificates.discard_draft(child.id, based_on_version=child.version, by=doctor)
    assert certificates.replace_certificate(parent, by=doctor).changed


def test_replace_is_refused_when_complemented_by_a_signed_child(certificates, unit, doctor):
    """§5 replace: not complemented by a signed, non-revoked child."""
    parent = sent(certificates, unit, doctor)
    child = certificates.complement_certificate(parent, by=doctor).id
    sign(certificates, child, doctor)
    with pytest.raises(CertificateComplementedError):
        certificates.replace_certificate(parent, by=doctor)


def test_replace_is_refused_when_parent_is_an_fk7263(certificates, unit, doctor):
    """§5 replace: all types but fk7263 (import-only)."""
    cert_id = uuid4()
    certificates.register_certificate(
        certificate_id=cert_id, type_id="fk7263", patient=patient(), care_unit=unit,
        signer={"hsa_id": doctor.hsa_id}, signed_at=datetime(2026, 1, 5, tzinfo=UTC),
        content={}, source="legacy")
    with pytest.raises(RelationNotAllowedError):
        certificates.replace_certificate(cert_id, by=doctor)
    with pytest.raises(RelationNotAllowedError):
        certificates.renew_certificate(cert_id, by=doctor)


def test_renew_is_refused_when_replaced_by_a_signed_child(certificates, unit, doctor):
    """§5 renew: the parent is not replaced by a signed, non-revoked child."""
    parent = signed(certificates, unit, doctor)
    child = certificates.replace_certificate(parent, by=doctor).id
    sign(certificates, child, doctor)
    with pytest.raises(CertificateReplacedError):
        certificates.renew_certificate(parent, by=doctor)


def test_renew_is_refused_when_complemented_by_a_signed_child(certificates, unit, doctor):
    """§5 renew: the parent is not complemented by a signed, non-revoked child."""
    parent = sent(certificates, unit, doctor)
    child = certificates.complement_certificate(parent, by=doctor).id
    sign(certificates, child, doctor)
    with pytest.raises(CertificateComplementedError):
        certificates.renew_certificate(parent, by=doctor)


def test_renew_clears_the_renewal_fields_when_renewing_a_lisjp(certificates, unit, doctor):
    """§3 renewal: content copied; kontakt, grund-för-MU dates, motiveringar, prognos, periods,
    arbetstidsförläggning cleared; the parent's last period end and degree remembered."""
    today = certificates.clock().date()
    parent = signed(certificates, unit, doctor, kontaktMedFk=True, anledningTillKontakt="Ring",
                    ovrigt="Behöver stöd")
    child = certificates.get(certificates.renew_certificate(parent, by=doctor).id)
    content = child.content
    for cleared in ("kontaktMedFk", "anledningTillKontakt", "prognos", "sjukskrivningar",
                    "arbetstidsforlaggning"):
        assert cleared not in content, cleared
    assert all("datum" not in g for g in content["grundForMU"])
    assert content["diagnoser"][0]["kod"] == "M544"
    assert content["ovrigt"] == "Behöver stöd"
    assert child.relation == {
        "kind": "FRLANG", "parent_id": str(parent),
        "parent_last_period_end": (today + timedelta(days=13)).isoformat(),
        "parent_last_degree": "HALFTEN",
    }


def test_complement_is_refused_when_type_has_no_questions(certificates, unit, doctor):
    """§5 complement: only types with Q&A (AG7804 has none)."""
    parent = signed(certificates, unit, doctor)
    ag = certificates.create_ag7804_from_lisjp(parent, include_diagnosis=False, by=doctor).id
    sign(certificates, ag, doctor)
    with pytest.raises(RelationNotAllowedError):
        certificates.complement_certificate(ag, by=doctor)


def test_complementing_child_is_sent_when_signed(certificates, unit, doctor):
    """§5: a complementing child is sent automatically to the parent's recipient on signing."""
    parent = sent(certificates, unit, doctor)
    child = certificates.complement_certificate(parent, by=doctor).id
    sign(certificates, child, doctor)
    signed_child = certificates.get(child)
    assert signed_child.is_sent_to("FKASSA")
    assert signed_child.statuses[0].kind is StatusKind.SENT
    assert certificates.get(parent).children[str(child)] == {"kind": "KOMPLT", "state": "SIGNED"}


def test_ag7804_keeps_the_diagnosis_only_when_the_patient_agrees(certificates, unit, doctor):
    """§3: AG7804 is created from a signed LISJP, diagnosis only if the patient agrees."""
    parent = signed(certificates, unit, doctor)
    without = certificates.get(
        certificates.create_ag7804_from_lisjp(parent, include_diagnosis=False, by=doctor).id)
    with_dx = certificates.get(
        certificates.create_ag7804_from_lisjp(parent, include_diagnosis=True, by=doctor).id)
    assert without.type_id == with_dx.type_id == "ag7804"
    assert "diagnoser" not in without.content
    assert with_dx.content["diagnoser"][0]["kod"] == "M544"
    assert without.patient == certificates.get(parent).patient
    assert without.relation is not None
    assert without.relation["kind"] == RelationKind.CREATED_FROM.value


def test_draft_is_refused_when_type_is_import_only(certificates, unit, doctor):
    """§2 registry: fk7263 is import-only; it is registered, never drafted."""
    with pytest.raises(CertificateTypeNotSupportedError, match="import-only"):
        certificates.create_draft(type_id="fk7263", patient=patient(), care_unit=unit,
                                  author=doctor, content={})
    with pytest.raises(UnknownCertificateTypeError):
        certificates.create_draft(type_id="nope", patient=patient(), care_unit=unit,
                                  author=doctor, content=lisjp_content(
                                      certificates.clock().date()))
