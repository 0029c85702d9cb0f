"""Dialogue threads in a space over HTTP (issue 15 item 5; ORDERS.md §3.2): a thread between
the parties with its subject and replies; each reply released per item like any other; the
threads listed per participant within the DIALOG section of their grant."""

from __future__ import annotations

from domain.samverkan.roles import Role
from tests.factories import personnummer
from tests.factories.samverkan_http import SPACES, Parties, ok


def _space(client, who: Parties, today, scope=None) -> tuple[str, dict[str, str]]:
    cert = who.signed_lisjp(client, today)
    space = ok(client.post(SPACES, json={"certificateId": cert}, headers=who.citizen), 201)["id"]
    url = f"{SPACES}/{space}"
    keys = {}
    for role in (Role.ARBETSGIVARE, Role.FORETAGSHALSOVARD):
        body = {"role": role.value, "party": who.party(role)}
        if scope is not None and role is Role.FORETAGSHALSOVARD:
            body["scope"] = scope
        keys[role.value] = ok(client.post(f"{url}/participants", headers=who.citizen,
                                          json=body), 201)["made"]
    return url, keys


def _subjects_and_replies(client, url: str, auth: dict[str, str]) -> list[tuple[str, list]]:
    found = ok(client.get(f"{url}/threads", headers=auth))["threads"]
    return [(t["subject"], [r["text"] for r in t["replies"]]) for t in found]


def test_a_reply_in_a_thread_is_released_per_item_when_the_citizen_approves(client, clock,
                                                                            store_settings):
    """ORDERS.md §3.2: a reply by the employer is seen by the employer and the citizen only,
    until the citizen approves it; then by every participant whose grant opens DIALOG."""
    who = Parties(store_settings, personnummer())
    url, _ = _space(client, who, clock().date())
    space_id = url.rsplit("/", 1)[1]
    employer = who.auth(Role.ARBETSGIVARE, space_id)
    health = who.auth(Role.FORETAGSHALSOVARD, space_id)
    thread = ok(client.post(f"{url}/threads", headers=who.citizen, json={
        "subject": "Arbetstider", "text": "Kan jag börja på halvtid?"}), 201)["made"]
    reply = ok(client.post(f"{url}/threads/{thread}/replies", headers=employer,
                           json={"text": "Ja, förmiddagar"}), 201)["made"]
    assert _subjects_and_replies(client, url, health) == [("Arbetstider", [])]
    assert _subjects_and_replies(client, url, employer) == [("Arbetstider", ["Ja, förmiddagar"])]
    ok(client.post(f"{url}/items/{reply}/approval", headers=who.citizen))
    assert _subjects_and_replies(client, url, health) == [("Arbetstider", ["Ja, förmiddagar"])]
    (listed,) = ok(client.get(f"{url}/threads", headers=who.citizen))["threads"]
    assert listed["id"] == thread and listed["replies"][0]["thread"] == thread
    assert [c["event"] for c in listed["replies"][0]["history"]] == ["ReplyPosted",
                                                                     "ItemApproved"]


def test_an_unreleased_thread_is_unknown_to_others_when_they_reply(client, clock,
                                                                  store_settings):
    """A thread the employer started and the citizen has not approved: the occupational
    health service gets 404 as for an unknown thread, and nothing is stored."""
    who = Parties(store_settings, personnummer())
    url, _ = _space(client, who, clock().date())
    space_id = url.rsplit("/", 1)[1]
    thread = ok(client.post(f"{url}/threads", headers=who.auth(Role.ARBETSGIVARE, space_id),
                            json={"subject": "Lokaler", "text": "Ett eget rum?"}), 201)["made"]
    before = ok(client.get(url, headers=who.citizen))
    for target in (thread, "no-such-thread"):
        refused = client.post(f"{url}/threads/{target}/replies", json={"text": "Nej"},
                              headers=who.auth(Role.FORETAGSHALSOVARD, space_id))
        assert refused.status_code == 404, refused.text
        assert refused.json()["detail"] == f"No thread {target} in the space."
    assert ok(client.get(url, headers=who.citizen)) == before


def test_threads_are_refused_to_a_grant_without_dialog_when_listed(client, clock,
                                                                  store_settings):
    who = Parties(store_settings, personnummer())
    url, _ = _space(client, who, clock().date(), scope=["PLAN"])
    space_id = url.rsplit("/", 1)[1]
    refused = client.get(f"{url}/threads", headers=who.auth(Role.FORETAGSHALSOVARD, space_id))
    assert refused.status_code == 403
    assert refused.json()["detail"] == "The grant does not open DIALOG."
