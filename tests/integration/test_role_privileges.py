"""The commands keep the privilege table's rules themselves (Hardening items 6 and 12): the
refusal is the one the HTTP policy gives, and a stranger is told nothing before it. Runs on
SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from domain.certificates.lifecycle import CertificateState, RevocationReason
from domain.shared.care import Role
from domain.shared.errors import CertificateNotFoundError, NotAuthorisedError
from tests.factories import care_unit, patient, staff_at
from tests.factories.content import minimal_luse
from tests.flows import draft, signed


def test_revoking_is_refused_with_the_policy_refusal_when_role_lacks_makulera_intyg(
        certificates, unit, doctor):
    """Hardening item 12: a care administrator may not revoke (Webcert: no MAKULERA_INTYG)."""
    cert_id = signed(certificates, unit, doctor)
    admin = staff_at(unit, Role.CARE_ADMIN)
    with pytest.raises(NotAuthorisedError,
                       match="care_admin does not have the privilege MAKULERA_INTYG"):
        certificates.revoke_certificate(cert_id, reason=RevocationReason.FEL_PATIENT,
                                        text="Fel", by=admin)
    assert not certificates.get(cert_id).is_revoked


def test_care_admin_renews_when_webcert_gives_fornya_intyg(certificates, unit, doctor):
    """Hardening item 12: vårdadministratör has FORNYA_INTYG for LISJP; the doctor signs."""
    cert_id = signed(certificates, unit, doctor)
    renewal = certificates.renew_certificate(cert_id, by=staff_at(unit, Role.CARE_ADMIN))
    assert certificates.get(renewal.id).state.is_editable_draft


def test_dentist_signs_a_lisjp_but_not_a_luse_when_tandlakare_is_limited(certificates, unit):
    """Hardening item 12: TANDLAKARE signs its own types only."""
    dentist = staff_at(unit, Role.DENTIST)
    lisjp = draft(certificates, unit, dentist)
    certificates.sign_certificate(lisjp, based_on_version=1, by=dentist)
    assert certificates.get(lisjp).state is CertificateState.SIGNED
    with pytest.raises(NotAuthorisedError, match="SKRIVA_INTYG for luse"):
        certificates.create_draft(type_id="luse", patient=patient(), care_unit=unit,
                                  author=dentist, content=minimal_luse())


def test_stranger_is_told_not_found_before_the_stale_version_when_unit_is_another(
        certificates, unit, doctor):
    """Hardening item 6: access is decided before the version is compared."""
    cert_id = draft(certificates, unit, doctor)
    stranger = staff_at(care_unit())
    with pytest.raises(CertificateNotFoundError):
        certificates.sign_certificate(cert_id, based_on_version=99, by=stranger)
    with pytest.raises(CertificateNotFoundError):
        certificates.discard_draft(cert_id, based_on_version=99, by=stranger)
