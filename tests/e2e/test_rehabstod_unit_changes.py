"""Rehabstöd's overview and summary after the unit changed (DOMAIN.md §7): the view rewrites a
patient's timeline when one of their certificates is signed or revoked, and a unit's cases
computed for one request are never served once the unit has changed. Every read still leaves
its own access-log entry (PDL), also when nothing at the unit changed in between."""

from __future__ import annotations

from datetime import timedelta

from domain.certificates.lifecycle import RevocationReason
from domain.shared.care import Role
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
