"""The access log's listings read an index, not the whole store (issue 17, deliverable 2): the
citizen's and the audit officer's listings give what a scan of every entry gives, the filters on
person, patient and period hold, an entry written is found at once (also by another process of
the same store), and a dropped index is rebuilt from the log. On SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from commands.access_log import AccessLog, EntryFilter
from commands.certificates import Certificates
from commands.settings import Settings
from domain.access.entry import AccessEntry, Reader
from tests.factories import FakeClock, patient


@dataclass(frozen=True)
class Ids:
    """The care givers' and readers' ids of one test (the PostgreSQL store is shared by the
    run's tests)."""

    giver: str
    other_giver: str
    doctor: str
    nurse: str
    elsewhere: str

    @classmethod
    def new(cls) -> Ids:
        run = uuid.uuid4().hex[:8]
        return cls(f"SE-CG-{run}-1", f"SE-CG-{run}-2", f"SE-DOC-{run}", f"SE-NURSE-{run}",
                   f"SE-DOC-{run}-9")

    def readers(self) -> list[Reader]:
        return [Reader("doctor", self.doctor, "SE-UNIT-1", self.giver),
                Reader("nurse", self.nurse, "SE-UNIT-1", self.giver),
                Reader("doctor", self.elsewhere, "SE-UNIT-9", self.other_giver),
                Reader("citizen")]


def _scene(app: Certificates, settings: Settings, clock: FakeClock,
           ids: Ids) -> tuple[AccessLog, list[str]]:
    """Reads of one patient, of lists of several and of none, by four readers, hours apart."""
    access = AccessLog(app, settings.patient_index_secret, clock)
    people = [patient().personnummer for _ in range(4)]
    for n in range(12):
        reader = ids.readers()[n % 4]
        who = people[n % 4:n % 4 + 1] if n % 3 else people[: 1 + n % 4]
        access.record(reader, f"GET /v1/route/{n % 3}", who if n != 6 else [], [f"cert-{n}"])
        clock.advance(hours=5)
    return access, people


def _scanned(access: AccessLog, wanted: EntryFilter) -> list[dict[str, Any]]:
    """What the listing gave before the index: every stored entry, filtered one by one."""
    index = access.index_of(wanted.patient) if wanted.patient else None
    return [e.as_line() for e in access.entries()
            if e.reader["care_giver"] == wanted.care_giver
            and (wanted.person is None or e.reader["hsa_id"] == wanted.person)
            and (index is None or index in e.patients)
            and (wanted.since is None or e.at >= wanted.since)
            and (wanted.until is None or e.at < wanted.until)]


def _of_patient_scanned(access: AccessLog, personnummer: str) -> list[dict[str, Any]]:
    index = access.index_of(personnummer)
    return [e.as_line() for e in access.entries() if index in e.patients]


def test_listings_give_what_a_scan_of_the_store_gives_when_read_from_the_index(
        certificates: Certificates, store_settings: Settings, clock: FakeClock):
    ids = Ids.new()
    """The citizen's listing (DOMAIN.md §9, Mina intyg) and the audit officer's, unchanged."""
    before = AccessLog(certificates, store_settings.patient_index_secret, clock).count()
    access, people = _scene(certificates, store_settings, clock, ids)
    for who in people:
        assert access.of_patient(who) == _of_patient_scanned(access, who)
        assert access.of_patient(who)
    wanted = EntryFilter(care_giver=ids.giver)
    assert access.of_care_giver(wanted) == _scanned(access, wanted)
    assert access.count() == len(list(access.entries())) == before + 12


def test_the_audit_officers_filters_on_person_patient_and_period_hold_when_combined(
        certificates: Certificates, store_settings: Settings, clock: FakeClock):
    ids = Ids.new()
    start: datetime = clock()
    access, people = _scene(certificates, store_settings, clock, ids)
    filters = [
        EntryFilter(care_giver=ids.giver, person=ids.doctor),
        EntryFilter(care_giver=ids.giver, patient=people[1]),
        EntryFilter(care_giver=ids.giver, since=start + timedelta(hours=12)),
        EntryFilter(care_giver=ids.giver, until=start + timedelta(hours=20)),
        EntryFilter(care_giver=ids.giver, person=ids.nurse, patient=people[1],
                    since=start, until=start + timedelta(days=3)),
        EntryFilter(care_giver=ids.other_giver, patient=people[2]),
        EntryFilter(care_giver=ids.giver, person=ids.elsewhere),
    ]
    for wanted in filters:
        assert access.of_care_giver(wanted) == _scanned(access, wanted), wanted
    assert [line["hsa_id"] for line in access.of_care_giver(filters[0])] == [ids.doctor] * 3
    assert access.of_care_giver(filters[-1]) == []


def test_an_entry_is_listed_at_once_when_written_after_a_listing_by_another_process(
        certificates: Certificates, store_settings: Settings, clock: FakeClock):
    ids = Ids.new()
    """Read your writes: the index catches up with the log before it answers, whichever
    process of the store wrote the entry."""
    access, people = _scene(certificates, store_settings, clock, ids)
    before, count = access.of_patient(people[0]), access.count()
    elsewhere = AccessLog(certificates, store_settings.patient_index_secret, clock)
    written = elsewhere.record(ids.readers()[0], "GET /v1/certificates/{certificate_id}",
                               [people[0]], ["cert-new"])
    after = access.of_patient(people[0])
    assert after[:-1] == before and after[-1]["id"] == str(written)
    assert after[-1]["certificate_ids"] == ["cert-new"]
    assert access.count() == count + 1


def test_the_index_is_rebuilt_from_the_log_when_its_tables_are_dropped(
        certificates: Certificates, store_settings: Settings, clock: FakeClock):
    ids = Ids.new()
    access, people = _scene(certificates, store_settings, clock, ids)
    listed = access.of_patient(people[3])
    schema = f'"{store_settings.postgres_schema}".' if store_settings.is_production else ""
    with certificates.recorder.datastore.transaction(commit=True) as cursor:  # type: ignore[attr-defined]
        for table in ("access_index_entries", "access_index_patients", "access_index_position"):
            cursor.execute(f"DROP TABLE {schema}{table}")
    again = AccessLog(certificates, store_settings.patient_index_secret, clock)
    assert again.of_patient(people[3]) == listed
    assert isinstance(next(iter(again.entries())), AccessEntry)
