"""A list read's PDL access entry is cheap (issue 17, deliverable 2): the blind indexes packed,
certificate ids kept only for a read about one patient, the log line with counts, and entries
stored before (version 1) still load with everything they held. ARCHITECTURE.md invariant 8."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

from eventsourcing.application import Application
from eventsourcing.persistence import StoredEvent
from structlog.testing import capture_logs

from commands.access_log import AccessLog
from domain.access.entry import AccessEntry, Reader, patient_index
from streams.access_log import access_message

KEY = "test-index-key"
AT = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
DOCTOR = Reader(role="doctor", hsa_id="SE-DOC-1", care_unit="SE-UNIT-1", care_giver="SE-CG-1")
PATIENTS = ["191212121212", "199001012385", "198112189876"]


def _store() -> Application[uuid.UUID]:
    return Application(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})


def _recorded(personnummers: list[str], certificates: list[uuid.UUID]) -> AccessEntry:
    app = _store()
    entry_id = AccessLog(app, KEY, lambda: AT).record(DOCTOR, "GET /v1/units/{unit_id}/drafts",
                                                      personnummers, certificates)
    found: AccessEntry = app.repository.get(entry_id)
    return found


def test_a_read_of_several_patients_counts_its_certificates_without_listing_them_when_stored():
    """Issue 17, deliverable 2: a unit's list keeps who and how many, not thousands of ids."""
    certificates = [uuid.uuid4() for _ in range(5)]
    entry = _recorded(PATIENTS + PATIENTS[:1], certificates)
    assert entry.patients == sorted(patient_index(p, KEY) for p in PATIENTS)
    assert (entry.certificate_ids, entry.certificate_count, entry.patient_count) == ([], 5, 3)


def test_a_read_of_one_patient_keeps_its_certificate_ids_when_stored():
    certificates = sorted(str(uuid.uuid4()) for _ in range(2))
    entry = _recorded(PATIENTS[:1], [uuid.UUID(c) for c in certificates])
    assert (entry.certificate_ids, entry.certificate_count) == (certificates, 2)
    assert entry.patients == [patient_index(PATIENTS[0], KEY)]


def test_the_log_line_carries_counts_and_no_id_list_when_a_list_is_read():
    with capture_logs() as logged:
        _recorded(PATIENTS, [uuid.uuid4() for _ in range(4)])
    [line] = [e for e in logged if e["event"] == "patient_data_read"]
    assert (line["patients"], line["certificates"], line["certificate_ids"]) == (3, 4, [])


def test_an_entry_stored_before_the_compact_form_loads_with_all_its_ids_when_read():
    """Stored topics are pinned: a version 1 entry (index list, every certificate id) is
    upcast, so the listings and the relay still see all of it."""
    app = _store()
    indexes = [patient_index(p, KEY) for p in PATIENTS]
    ids = sorted(str(uuid.uuid4()) for _ in range(3))
    entry_id = uuid.uuid4()
    state = {"originator_topic": "domain.access.entry:AccessEntry", "timestamp": AT,
             "reader": DOCTOR.as_dict(), "patients": sorted(indexes), "what": "GET /v1/me/drafts",
             "certificate_ids": ids, "at": AT, "reason": None}
    stored = StoredEvent(originator_id=entry_id, originator_version=1,
                         topic="domain.access.entry:AccessEntry.PatientDataRead",
                         state=app.mapper.transcoder.encode(state))
    event = app.mapper.to_domain_event(stored)
    entry = event.mutate(None)
    assert isinstance(entry, AccessEntry)
    assert (entry.patients, entry.certificate_ids, entry.certificate_count) == \
        (sorted(indexes), ids, 3)
    _, value, headers = access_message(event, 7)
    message = json.loads(value)
    assert (message["patients"], message["certificate_ids"]) == (sorted(indexes), ids)
    assert dict(headers)["ce_type"] == b"se.intyg.access.PatientDataRead.v2"


def test_the_published_message_lists_the_patients_blind_indexes_when_a_list_is_read():
    """The wire keeps the blind indexes in hex, as version 1 did; never a personnummer."""
    app = _store()
    entry_id = AccessLog(app, KEY, lambda: AT).record(DOCTOR, "GET /v1/me/drafts", PATIENTS,
                                                      [uuid.uuid4()])
    [event] = app.events.get(entry_id)
    _, value, _ = access_message(event, 1)
    message = json.loads(value)
    assert message["patients"] == sorted(patient_index(p, KEY) for p in PATIENTS)
    assert (message["schema_version"], message["certificate_count"]) == (2, 1)
    assert not any(p.encode() in value for p in PATIENTS)


def test_a_read_about_no_patient_counts_its_certificates_when_stored():
    """An audit officer's listing without a patient names no patient: ids are counted only."""
    entry = _recorded([], [uuid.uuid4() for _ in range(3)])
    assert (entry.patients, entry.certificate_ids, entry.certificate_count) == ([], [], 3)


def test_subjects_worked_out_once_store_the_same_entry_for_every_read_that_reuses_them():
    """Issue 17, deliverable 2: an unchanged overview packs its patients once; each read still
    stores its own entry, and each holds what a read packed on the spot would hold."""
    app = _store()
    access = AccessLog(app, KEY, lambda: AT)
    certificates = [uuid.uuid4() for _ in range(4)]
    subjects = access.subjects(PATIENTS, certificates)
    what = "GET /v1/rehabstod/units/{unit_id}/sjukfall"
    reused = [app.repository.get(access.record_subjects(DOCTOR, what, subjects))
              for _ in range(2)]
    fresh = app.repository.get(access.record(DOCTOR, what, PATIENTS, certificates))
    assert reused[0].id != reused[1].id
    for entry in reused:
        assert (entry.patients, entry.certificate_ids, entry.certificate_count, entry.what) == (
            fresh.patients, fresh.certificate_ids, fresh.certificate_count, fresh.what)
