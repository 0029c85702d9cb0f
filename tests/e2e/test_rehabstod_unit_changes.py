"""Rehabstöd's overview and summary after the unit changed (DOMAIN.md §7): the view rewrites a
patient's timeline when one of their certificates is signed or revoked, and a unit's cases
computed for one request are never served once the unit has changed. Every read still leaves
its own access-log entry (PDL), also when nothing at the unit changed in between."""

from __future__ import annotations

from datetime import timedelta

from domain.access.entry import patient_index
from domain.certificates.lifecycle import RevocationReason
from domain.shared.care import Role
from streams.database import Database
from streams.sealing.keys import DataKeys
from tests.e2e.read_models import bearer
from tests.factories import care_unit, patient, staff_at
from tests.flows import signed


def last(app) -> int:
    return app.recorder.max_notification_id() or 0


def scene(world):
    settings, clock, _, _ = world
    unit = care_unit()
    doctor = staff_at(unit)
    coordinator = bearer(settings, staff_at(unit, Role.REHAB_COORDINATOR), clock)
    return unit, doctor, coordinator


def listed(client, app, unit, auth, query: str = "") -> list[dict]:
    got = client.get(f"/v1/rehabstod/units/{unit.hsa_id}/sjukfall?after={last(app)}{query}",
                     headers=auth)
    assert got.status_code == 200, got.text
    return got.json()


def total(client, app, unit, auth) -> int:
    got = client.get(f"/v1/rehabstod/units/{unit.hsa_id}/summary?after={last(app)}",
                     headers=auth)
    assert got.status_code == 200, got.text
    return int(got.json()["total"])


def test_a_revoked_certificates_case_leaves_the_overview_and_summary_when_asked_again(world):
    _, _, client, app = world
    unit, doctor, coordinator = scene(world)
    stays, revoked = patient(), patient()
    signed(app, unit, doctor, stays)
    gone = signed(app, unit, doctor, revoked)
    assert {c["personnummer"] for c in listed(client, app, unit, coordinator)} == {
        stays.personnummer, revoked.personnummer}
    assert total(client, app, unit, coordinator) == 2
    app.revoke_certificate(gone, reason=RevocationReason.FEL_PATIENT, text="Fel", by=doctor)
    assert [c["personnummer"] for c in listed(client, app, unit, coordinator)] == [
        stays.personnummer]
    assert total(client, app, unit, coordinator) == 1


def test_a_certificate_signed_after_the_unit_was_listed_shows_when_asked_again(world):
    _, _, client, app = world
    unit, doctor, coordinator = scene(world)
    first, later = patient(), patient()
    signed(app, unit, doctor, first)
    assert len(listed(client, app, unit, coordinator)) == 1
    assert total(client, app, unit, coordinator) == 1
    signed(app, unit, doctor, later)
    assert {c["personnummer"] for c in listed(client, app, unit, coordinator)} == {
        first.personnummer, later.personnummer}
    assert total(client, app, unit, coordinator) == 2


def test_a_renewal_signed_after_the_unit_was_listed_joins_the_case_when_asked_again(world):
    """The patient's timeline is rebuilt with both certificates: one case of 28 days."""
    _, clock, client, app = world
    unit, doctor, coordinator = scene(world)
    who = patient()
    first = signed(app, unit, doctor, who)
    [case] = listed(client, app, unit, coordinator)
    assert (case["days"], case["certificateIds"]) == (14, [str(first)])
    start = clock().date() + timedelta(days=14)
    renewal = signed(app, unit, doctor, who, sjukskrivningar=[{
        "sjukskrivningsgrad": "HELT_NEDSATT",
        "period": {"from": start.isoformat(), "tom": (start + timedelta(days=13)).isoformat()}}],
        arbetstidsforlaggning=None)
    [case] = listed(client, app, unit, coordinator)
    assert (case["days"], case["certificateIds"]) == (28, [str(first), str(renewal)])


def test_each_read_keeps_its_access_entry_and_the_users_scope_when_the_unit_is_unchanged(world):
    """The unit's computed cases serve the coordinator and then the doctor; the doctor still
    sees only the cases whose active certificate they signed, and both reads are logged."""
    settings, clock, client, app = world
    unit, doctor, coordinator = scene(world)
    mine, theirs = patient(), patient()
    signed(app, unit, doctor, mine)
    signed(app, unit, staff_at(unit), theirs)
    before = app_entries(client)
    assert len(listed(client, app, unit, coordinator)) == 2
    assert len(listed(client, app, unit, coordinator)) == 2
    own = listed(client, app, unit, bearer(settings, doctor, clock))
    assert [c["personnummer"] for c in own] == [mine.personnummer]
    assert listed(client, app, unit, coordinator, "&minDays=15") == []
    assert app_entries(client) == before + 4


def app_entries(client) -> int:
    count: int = client.app.state.access_log.count()
    return count


def entries_of(client, who) -> list[str]:
    """The routes of the access entries about ``who``, as the patient's own listing finds
    them (by the blind index)."""
    return [line["what"] for line in client.app.state.access_log.of_patient(who.personnummer)]


def test_a_repeated_or_filtered_read_of_an_unchanged_unit_is_logged_for_exactly_its_patients(
        world):
    """Issue 17, deliverable 2 (what an unchanged unit's list shows is made
    once per scope and filter). DOMAIN.md §7 filters and PDL: every read leaves an entry that
    the patient's listing finds, a filtered read only for the patients it showed."""
    _, clock, client, app = world
    unit, doctor, coordinator = scene(world)
    short, long = patient(), patient()
    signed(app, unit, doctor, short)
    signed(app, unit, doctor, long, sjukskrivningar=[{
        "sjukskrivningsgrad": "HELT_NEDSATT",
        "period": {"from": clock().date().isoformat(),
                   "tom": (clock().date() + timedelta(days=29)).isoformat()}}],
        arbetstidsforlaggning=None)
    route = "GET /v1/rehabstod/units/{unit_id}/sjukfall"
    assert len(listed(client, app, unit, coordinator)) == 2
    assert len(listed(client, app, unit, coordinator)) == 2
    [case] = listed(client, app, unit, coordinator, "&minDays=20")
    assert case["personnummer"] == long.personnummer
    assert len(listed(client, app, unit, coordinator)) == 2
    assert entries_of(client, short) == [route] * 3
    assert entries_of(client, long) == [route] * 4


def test_the_doctors_summary_counts_only_their_cases_when_the_coordinator_asked_first(world):
    """Issue 17, deliverable 2 (the summary of an unchanged unit made once per
    scope). DOMAIN.md §7: a doctor sees the cases whose active certificate they signed."""
    settings, clock, client, app = world
    unit, doctor, coordinator = scene(world)
    signed(app, unit, doctor, patient())
    signed(app, unit, staff_at(unit), patient())
    assert total(client, app, unit, coordinator) == 2
    assert total(client, app, unit, bearer(settings, doctor, clock)) == 1
    assert total(client, app, unit, coordinator) == 2


def test_a_forgotten_patient_leaves_the_overview_at_once_when_nothing_else_at_the_unit_changed(
        world):
    """Crypto-shredding (``intyg forget``) destroys the patient's data key without touching the
    unit's rows: the cases kept for the unit are not served again after it."""
    settings, clock, client, app = world
    unit, doctor, coordinator = scene(world)
    stays, forgotten = patient(), patient()
    signed(app, unit, doctor, stays)
    signed(app, unit, doctor, forgotten)
    for _ in range(2):  # the second read is served from the cases kept for the unit
        assert {c["personnummer"] for c in listed(client, app, unit, coordinator)} == {
            stays.personnummer, forgotten.personnummer}
    DataKeys(Database(settings), settings.master_key_bytes).forget(
        patient_index(forgotten.personnummer, settings.patient_index_secret), clock())
    assert [c["personnummer"] for c in listed(client, app, unit, coordinator)] == [
        stays.personnummer]
    assert total(client, app, unit, coordinator) == 1


def test_a_forgotten_patient_leaves_the_overview_when_the_unit_also_changed_since(world):
    """Issue 17, deliverable 2: after a change at the unit the rows kept unchanged are matched
    as they rest (sealed) and not opened again; a forget in between still opens every row anew,
    so the forgotten patient's unchanged row is not taken from the cases kept before it."""
    settings, clock, client, app = world
    unit, doctor, coordinator = scene(world)
    stays, forgotten, later = patient(), patient(), patient()
    signed(app, unit, doctor, stays)
    signed(app, unit, doctor, forgotten)
    assert len(listed(client, app, unit, coordinator)) == 2
    DataKeys(Database(settings), settings.master_key_bytes).forget(
        patient_index(forgotten.personnummer, settings.patient_index_secret), clock())
    signed(app, unit, doctor, later)
    assert {c["personnummer"] for c in listed(client, app, unit, coordinator)} == {
        stays.personnummer, later.personnummer}
    assert total(client, app, unit, coordinator) == 2


def test_a_forgotten_patient_is_not_listed_when_the_unit_is_asked_for_another_day(world):
    """Issue 17, deliverable 2: another day's result takes the patients a result of the unit
    opened before, but never those opened before a forget."""
    settings, clock, client, app = world
    unit, doctor, coordinator = scene(world)
    stays, forgotten = patient(), patient()
    signed(app, unit, doctor, stays)
    signed(app, unit, doctor, forgotten)
    assert len(listed(client, app, unit, coordinator)) == 2
    DataKeys(Database(settings), settings.master_key_bytes).forget(
        patient_index(forgotten.personnummer, settings.patient_index_secret), clock())
    next_day = (clock().date() + timedelta(days=1)).isoformat()
    assert [c["personnummer"] for c in listed(client, app, unit, coordinator,
                                              f"&today={next_day}")] == [stays.personnummer]


def test_another_days_overview_equals_one_computed_afresh_when_the_unit_was_asked_before(world):
    """Issue 17, deliverable 2: the patients opened for one day serve the next; the cases are
    the engine's for that day (DOMAIN.md §7), as when nothing was kept."""
    _, clock, client, app = world
    unit, doctor, coordinator = scene(world)
    for _ in range(3):
        signed(app, unit, doctor, patient())
    next_day = f"&today={(clock().date() + timedelta(days=1)).isoformat()}"
    listed(client, app, unit, coordinator)
    from_kept = listed(client, app, unit, coordinator, next_day)
    client.app.state.projections.unit_cases.clear()
    assert from_kept == listed(client, app, unit, coordinator, next_day)
    assert len(from_kept) == 3


def test_other_max_gaps_and_later_days_give_the_cases_computed_afresh(world):
    """Issue 17, deliverable 2 (DOMAIN.md §7, maxGap): a result for another maxGap made from the
    unit's unchanged result, and for later days carried from the days before, equal the cases
    computed with nothing kept."""
    _, clock, client, app = world
    unit, doctor, coordinator = scene(world)
    for _ in range(3):
        signed(app, unit, doctor, patient())
    asked = [f"&maxGap={gap}" for gap in (5, 30, 0, 90)] + [
        f"&today={(clock().date() + timedelta(days=days)).isoformat()}" for days in (1, 2, 5)]
    from_kept = [listed(client, app, unit, coordinator, query) for query in asked]
    afresh = []
    for query in asked:
        client.app.state.projections.unit_cases.clear()
        afresh.append(listed(client, app, unit, coordinator, query))
    assert from_kept == afresh
    assert all(len(cases) == 3 for cases in from_kept)


def test_each_read_after_a_change_is_logged_for_exactly_the_patients_it_showed(world):
    """Issue 17, deliverable 2 (after a change the unit's listing is made from the cases kept
    before). PDL: a patient who came is in the next read's entry, one who left is not."""
    _, _, client, app = world
    unit, doctor, coordinator = scene(world)
    stays, leaves, comes = patient(), patient(), patient()
    signed(app, unit, doctor, stays)
    gone = signed(app, unit, doctor, leaves)
    route = "GET /v1/rehabstod/units/{unit_id}/sjukfall"
    assert len(listed(client, app, unit, coordinator)) == 2
    signed(app, unit, doctor, comes)
    assert len(listed(client, app, unit, coordinator)) == 3
    app.revoke_certificate(gone, reason=RevocationReason.FEL_PATIENT, text="Fel", by=doctor)
    assert len(listed(client, app, unit, coordinator)) == 2
    assert entries_of(client, stays) == [route] * 3
    assert entries_of(client, leaves) == [route] * 2
    assert entries_of(client, comes) == [route] * 2
