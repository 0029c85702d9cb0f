"""TYPES.md §0.1, §10, §11: DB uniqueness across care givers, one open draft per care giver,
and DOI "latest wins" — decided on the patient's register, saved with the certificate."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.certificates.lifecycle import RevocationReason
from domain.shared.errors import (
    OtherCareGiverCertificateExistsError,
    SameCareGiverDraftExistsError,
)
from domain.shared.patient import Patient
from tests.factories import FakeClock, care_unit, patient, staff_at
from tests.unit.test_types_db_doi import minimal_db
from tests.unit.test_types_db_doi_doi import minimal_doi


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 28, 12, tzinfo=UTC))


def draft(app, unit, who: Patient, type_id: str = "db"):  # type: ignore[no-untyped-def]
    content = minimal_db() if type_id == "db" else minimal_doi()
    return app.create_draft(type_id=type_id, patient=who, care_unit=unit,
                            author=staff_at(unit), content=content).id


def sign(app, cert_id, unit):  # type: ignore[no-untyped-def]
    app.sign_certificate(cert_id, based_on_version=app.get(cert_id).version, by=staff_at(unit))


def test_second_db_is_refused_when_another_care_giver_signed_one(certificates):
    """UNIKT_INTYG: one signed, not revoked DB per patient across care givers."""
    who, here, there = patient(), care_unit(), care_unit()
    sign(certificates, draft(certificates, here, who), here)
    with pytest.raises(OtherCareGiverCertificateExistsError):
        draft(certificates, there, who)


def test_second_db_is_allowed_when_the_first_is_revoked(certificates):
    who, here, there = patient(), care_unit(), care_unit()
    first = draft(certificates, here, who)
    sign(certificates, first, here)
    certificates.revoke_certificate(first, reason=RevocationReason.FEL_PATIENT, text="Fel",
                                    by=staff_at(here))
    sign(certificates, draft(certificates, there, who), there)


def test_second_db_draft_is_refused_when_one_is_open_at_the_same_care_giver(certificates):
    """UNIKT_UTKAST_INOM_VG: one open DB draft per patient and care giver."""
    who, here = patient(), care_unit()
    first = draft(certificates, here, who)
    with pytest.raises(SameCareGiverDraftExistsError):
        draft(certificates, here, who)
    certificates.discard_draft(first, based_on_version=1, by=staff_at(here))
    draft(certificates, here, who)


def test_latest_doi_counts_when_two_are_signed_at_one_care_giver(certificates, clock):
    """DOI "latest wins": a later signed DOI is the valid one; the earlier stays on file."""
    from domain.certificates.death_register import register_id
    from domain.content.death.uniqueness import valid_doi

    who, here = patient(), care_unit()
    older = draft(certificates, here, who, "doi")
    sign(certificates, older, here)
    clock.advance(hours=1)
    newer = draft(certificates, here, who, "doi")
    sign(certificates, newer, here)
    salt = certificates.env.get("CIPHER_KEY") or certificates.name
    register = certificates.repository.get(register_id("doi", who.personnummer, salt))
    counted = valid_doi(register.existing(), here.care_giver_hsa_id)
    assert counted is not None and counted.certificate_id == str(newer)
    assert len(register.existing()) == 2
