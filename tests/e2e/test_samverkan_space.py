"""A Samverkansytan space over HTTP (ORDERS.md §3): opened only for the citizen's own current
sick leave, once per case; the timeline from the certificate's periods; an approval withdrawn
hides the item again while its history is kept."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.samverkan.roles import Role
from domain.shared.care import Role as CareRole
from tests.factories import care_unit, personnummer, staff_at
from tests.factories.samverkan_http import SPACES, Parties, ok, staff_auth


def _period(today, days: int) -> dict:
    return {"sjukskrivningar": [{"sjukskrivningsgrad": "HALFTEN", "period": {
        "from": today.isoformat(), "tom": (today + timedelta(days=days - 1)).isoformat()}}]}


def test_a_space_opens_only_for_the_citizens_own_current_sick_leave_once(client, clock,
                                                                        store_settings):
    who, other = (Parties(store_settings, personnummer()) for _ in range(2))
    today = clock().date()
    theirs = other.signed_lisjp(client, today)
    refused = client.post(SPACES, json={"certificateId": theirs}, headers=who.citizen)
    assert refused.status_code == 404  # someone else's: as an unknown certificate
    assert refused.json()["detail"] == f"No certificate {theirs}."
    later = who.signed_lisjp(client, today, **_period(today + timedelta(days=30), 14))
    not_current = client.post(SPACES, json={"certificateId": later}, headers=who.citizen)
    assert not_current.status_code == 409
    current = who.signed_lisjp(client, today)
    ok(client.post(SPACES, json={"certificateId": current}, headers=who.citizen), 201)
    again = client.post(SPACES, json={"certificateId": current}, headers=who.citizen)
    assert again.status_code == 409
    assert again.json()["detail"] == "The sick-leave case has a space already."


@pytest.mark.parametrize(("days", "plan_due"), [(59, False), (60, True)])
def test_the_plan_deadline_is_on_the_timeline_exactly_from_60_expected_days(
        client, clock, store_settings, days, plan_due):
    """SFB 30 kap. 6 §: day 30 plan deadline when 60 days or more are expected."""
    who = Parties(store_settings, personnummer())
    today = clock().date()
    cert = who.signed_lisjp(client, today, **_period(today, days))
    space = ok(client.post(SPACES, json={"certificateId": cert}, headers=who.citizen), 201)
    timeline = ok(client.get(f"{SPACES}/{space['id']}/timeline", headers=who.citizen))
    assert timeline["expectedLength"] == days and timeline["sickDay"] == 1
    kinds = [m["kind"] for m in timeline["milestones"]]
    assert ("PLAN_ATERGANG_SENAST" in kinds) is plan_due
    assert kinds[0] == "SJUKLON_SLUT"


def test_a_withdrawn_approval_hides_the_item_again_and_keeps_its_history(client, clock,
                                                                        store_settings):
    """ORDERS.md §3.2: withdrawing approval hides the item from then on; history kept."""
    who = Parties(store_settings, personnummer())
    cert = who.signed_lisjp(client, clock().date())
    space = ok(client.post(SPACES, json={"certificateId": cert}, headers=who.citizen), 201)["id"]
    url = f"{SPACES}/{space}"
    for role in (Role.ARBETSGIVARE, Role.FORSAKRINGSKASSAN):
        ok(client.post(f"{url}/participants", headers=who.citizen,
                       json={"role": role.value, "party": who.party(role)}), 201)
    employer, fk = who.auth(Role.ARBETSGIVARE, space), who.auth(Role.FORSAKRINGSKASSAN, space)
    item = ok(client.post(f"{url}/items", headers=employer, json={
        "kind": "DOKUMENT", "title": "AG7804", "reference": cert}), 201)["made"]
    ok(client.post(f"{url}/items/{item}/approval", headers=who.citizen))
    assert [i["id"] for i in ok(client.get(url, headers=fk))["items"]] == [item]
    ok(client.post(f"{url}/items/{item}/approval-withdrawal", headers=who.citizen))
    assert ok(client.get(url, headers=fk))["items"] == []
    mine = ok(client.get(url, headers=employer))["items"]
    assert [c["event"] for c in mine[0]["history"]] == [
        "ItemProposed", "ItemApproved", "ApprovalWithdrawn"]
    again = client.post(f"{url}/items/{item}/approval-withdrawal", headers=who.citizen)
    assert again.status_code == 409


def test_a_doctors_read_of_a_space_is_in_the_care_givers_access_log_when_audited(
        client, clock, store_settings):
    """DOMAIN.md §7 and ARCHITECTURE.md invariant 8 (PDL): every read of patient data by
    care leaves an entry, found by the reader's care giver's audit officer."""
    who = Parties(store_settings, personnummer())
    space = who.open_space(client, clock().date())
    ok(client.post(f"{SPACES}/{space}/participants", headers=who.citizen,
                   json={"role": "LAKARE", "party": who.party(Role.LAKARE)}), 201)
    ok(client.get(f"{SPACES}/{space}", headers=who.auth(Role.LAKARE, space)))
    officer = staff_at(care_unit(hsa_id=who.doctor.care_unit_hsa_id,
                                 care_giver_hsa_id=who.doctor.care_giver_hsa_id),
                       CareRole.AUDIT_OFFICER)
    lines = ok(client.get("/v1/access-log", headers=staff_auth(store_settings, officer)))
    read = [line for line in lines if line["what"] == "GET /v1/samverkan/spaces/{space_id}"]
    assert len(read) == 1
    assert read[0]["role"] == "samverkan:LAKARE" and space in read[0]["certificateIds"]


def test_the_plan_exports_its_approved_measures_at_each_version_when_asked(client, clock,
                                                                          store_settings):
    """Issue 15 item 4: the plan för återgång i arbete with versions, as JSON and PDF."""
    who = Parties(store_settings, personnummer())
    today = clock().date()
    space = who.open_space(client, today, **_period(today, 90))
    url = f"{SPACES}/{space}"
    ok(client.post(f"{url}/participants", headers=who.citizen,
                   json={"role": "ARBETSGIVARE", "party": who.party(Role.ARBETSGIVARE)}), 201)
    employer = who.auth(Role.ARBETSGIVARE, space)
    measure = {"owner": "Närmaste chef", "status": "PLANERAD", "start": "2026-11-16",
               "end": "2026-12-13", "followUp": "2026-11-30"}
    item = ok(client.post(f"{url}/items", headers=employer, json={
        "kind": "PLANPUNKT", "title": "Halvtid", "text": "50 % i fyra veckor",
        "measure": measure}), 201)["made"]
    before = ok(client.get(f"{url}/plan", headers=employer))
    approved = ok(client.post(f"{url}/items/{item}/approval", headers=who.citizen))
    after = ok(client.get(f"{url}/plan", headers=employer))
    assert before["measures"] == [] and after["version"] == approved["version"]
    assert after["measures"][0]["measure"] == {**measure, "status": "PLANERAD"}
    assert after["due"] == (today + timedelta(days=29)).isoformat()
    earlier = ok(client.get(f"{url}/plan", params={"version": before["version"]},
                            headers=who.citizen))
    assert earlier["measures"] == [] and earlier["version"] == before["version"]
    pdf = client.get(f"{url}/plan.pdf", headers=employer)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.get(f"{url}/plan", params={"version": 999},
                      headers=who.citizen).status_code == 404
    bad = client.post(f"{url}/items", headers=employer, json={
        "kind": "PLANPUNKT", "title": "Fel", "measure": {**measure, "end": "2026-11-01"}})
    assert bad.status_code == 422


def test_the_plan_deadline_is_reminded_until_a_measure_is_approved_when_near(client, clock,
                                                                           store_settings):
    """Issue 15 item 6: reminders for the plan's deadline; SFB 30 kap. 6 § (day 30)."""
    who = Parties(store_settings, personnummer())
    today = clock().date()
    space = who.open_space(client, today, **_period(today, 90))
    url = f"{SPACES}/{space}/reminders"
    assert ok(client.get(url, headers=who.citizen))["reminders"] == []
    clock.advance(days=25)
    due = (today + timedelta(days=29)).isoformat()
    assert ok(client.get(url, headers=who.citizen))["reminders"] == [
        {"kind": "PLAN_DUE_SOON", "on": due, "itemId": None}]
    ok(client.post(f"{SPACES}/{space}/items", headers=who.citizen, json={
        "kind": "PLANPUNKT", "title": "Halvtid", "measure": {"owner": "Chefen"}}), 201)
    assert ok(client.get(url, headers=who.citizen))["reminders"] == []


def test_the_contact_list_shows_the_parties_still_in_the_space_when_viewed(client, clock,
                                                                          store_settings):
    """Issue 15 item 5 (contact list): each party gives its own details; a removed party's
    leave the list with them."""
    who = Parties(store_settings, personnummer())
    space = who.open_space(client, clock().date())
    url = f"{SPACES}/{space}"
    employer = ok(client.post(f"{url}/participants", headers=who.citizen, json={
        "role": "ARBETSGIVARE", "party": who.party(Role.ARBETSGIVARE)}), 201)["made"]
    as_employer = who.auth(Role.ARBETSGIVARE, space)
    ok(client.post(f"{url}/contact", headers=as_employer,
                   json={"name": "Chef Chefsson", "email": "chef@example.se"}))
    ok(client.post(f"{url}/contact", headers=who.citizen,
                   json={"name": "Tolvan", "phone": "070-111 22 33"}))
    listed = ok(client.get(url, headers=as_employer))["contacts"]
    assert {c["participant"]: c["name"] for c in listed} == {
        employer: "Chef Chefsson", "MEDBORGARE": "Tolvan"}
    ok(client.post(f"{url}/participants/{employer}/removal", headers=who.citizen))
    left = ok(client.get(url, headers=who.citizen))["contacts"]
    assert [c["participant"] for c in left] == ["MEDBORGARE"]
    empty = client.post(f"{url}/contact", headers=who.citizen, json={"name": "Bara namn"})
    assert empty.status_code == 422
