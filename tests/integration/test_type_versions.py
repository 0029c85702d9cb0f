"""A certificate keeps the content version it was written in (issue "Every certificate type",
type versions): an AG1-14 written in version 1, before version 2 existed, reads back unchanged,
is still validated and signed by version 1's rules, and a draft made from it is written in
version 2 with its content upcast."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

import pytest

from domain.certificates.certificate import Certificate
from domain.certificates.lifecycle import RelationKind
from tests.factories import FakeClock, care_unit, patient, staff_at
from tests.factories.content import maximal_ag114_v1 as maximal_v1


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 28, 12, 0, tzinfo=UTC))  # the examples' dates


def written_in_version_1(certificates, unit, doctor):
    """The events as the store held them before version 2 was added: DraftCreated with
    content_version 1 and version-1 content, then the draft edited complete."""
    draft = Certificate.create_draft(
        id=uuid4(), type_id="ag114", content_version=1, patient=patient(), care_unit=unit,
        author=doctor, now=certificates.clock(), content=maximal_v1(), complete=True)
    certificates.save(draft)
    return draft.id


def test_version_1_certificate_reads_back_unchanged_after_version_2_is_added(certificates):
    unit = care_unit()
    doctor = staff_at(unit)
    cert_id = written_in_version_1(certificates, unit, doctor)
    stored = certificates.get(cert_id)
    assert stored.content_version == 1
    assert stored.content == maximal_v1()
    assert certificates.validate_draft(cert_id) == []  # version 1's rules, not version 2's
    certificates.sign_certificate(cert_id, based_on_version=stored.version, by=doctor)
    signed = certificates.get(cert_id)
    assert (signed.content_version, signed.content) == (1, maximal_v1())


def test_editing_a_version_1_draft_keeps_version_1(certificates):
    unit = care_unit()
    doctor = staff_at(unit)
    cert_id = written_in_version_1(certificates, unit, doctor)
    edited = maximal_v1() | {"ovrigaUpplysningar": "Ny uppgift."}
    certificates.edit_draft(cert_id, based_on_version=1, content=edited, by=doctor)
    after = certificates.get(cert_id)
    assert (after.content_version, after.content, after.state.value) == (
        1, edited, "DRAFT_COMPLETE")


def test_replacing_a_version_1_certificate_drafts_version_2_with_upcast_content(certificates):
    unit = care_unit()
    doctor = staff_at(unit)
    cert_id = written_in_version_1(certificates, unit, doctor)
    certificates.sign_certificate(cert_id, based_on_version=1, by=doctor)
    child = certificates.get(certificates.replace_certificate(cert_id, by=doctor).id)
    assert child.content_version == 2
    assert child.relation is not None
    assert child.relation["kind"] == RelationKind.ERSATT.value
    assert child.content["sysselsattning"] == maximal_v1()["nuvarandeArbete"]
    assert child.content["grundForMU"][0]["typ"] == "FYSISKUNDERSOKNING"
    assert certificates.validate_draft(child.id) == []
    assert certificates.get(cert_id).content == maximal_v1()  # the parent is untouched
