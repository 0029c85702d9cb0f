"""Every participant role against every action of a space over HTTP (issue 15, acceptance;
ORDERS.md §3): the citizen owns the space; an invited participant views, reads the timeline
and contributes within their grant (care only with the patient's consent) and nothing more;
a removed participant, a stranger and a token held to another space get the unknown space's
404."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from domain.samverkan.roles import Role
from tests.factories import personnummer
from tests.factories.samverkan_http import SPACES, Parties, bearer, ok

PLAN = {"kind": "PLANPUNKT", "title": "Anpassade arbetsuppgifter", "text": "Inga tunga lyft"}
ACTIONS = ("view", "timeline", "contribute", "invite", "remove", "consent", "approve",
           "withdraw", "link", "reads", "contact", "threads", "thread", "reply", "upload",
           "document")
PARTICIPANT_MAY = {"view", "timeline", "contribute", "contact", "threads", "thread", "reply",
                   "upload", "document"}
PDF = b"%PDF-1.4\n%%EOF\n"
THREAD = {"subject": "Arbetstider", "text": "Hur ser veckan ut?"}
TABLE = [(role, action, role is Role.MEDBORGARE or action in PARTICIPANT_MAY)
         for role in Role for action in ACTIONS]


def _space_with_everyone(client: Any, who: Parties, today: Any) -> dict[str, Any]:
    """A space with every role invited, care with consent, one unapproved item and one
    approved one (by the employer)."""
    cert = who.signed_lisjp(client, today)
    space = ok(client.post(SPACES, json={"certificateId": cert}, headers=who.citizen), 201)["id"]
    url = f"{SPACES}/{space}"
    keys = {role: ok(client.post(f"{url}/participants", headers=who.citizen, json={
        "role": role.value, "party": who.party(role)}), 201)["made"]
        for role in Role if role is not Role.MEDBORGARE}
    for role in (Role.LAKARE, Role.REHABKOORDINATOR):
        ok(client.post(f"{url}/participants/{keys[role]}/consent", json={"given": True},
                       headers=who.citizen))
    employer = who.auth(Role.ARBETSGIVARE, space)
    pending = ok(client.post(f"{url}/items", json=PLAN, headers=employer), 201)["made"]
    approved = ok(client.post(f"{url}/items", json=PLAN, headers=employer), 201)["made"]
    ok(client.post(f"{url}/items/{approved}/approval", headers=who.citizen))
    thread = ok(client.post(f"{url}/threads", json=THREAD, headers=who.citizen), 201)["made"]
    document = ok(client.post(f"{url}/documents", content=PDF, headers=who.citizen), 201)["made"]
    return {"id": space, "url": url, "keys": keys, "pending": pending, "approved": approved,
            "cert": cert, "thread": thread, "document": document}


def _call(client: Any, action: str, space: dict[str, Any], auth: dict[str, str]) -> Any:
    url, target = space["url"], space["keys"][Role.FORETAGSHALSOVARD]
    calls = {
        "view": lambda: client.get(url, headers=auth),
        "timeline": lambda: client.get(f"{url}/timeline", headers=auth),
        "contribute": lambda: client.post(f"{url}/items", json=PLAN, headers=auth),
        "invite": lambda: client.post(f"{url}/participants", headers=auth, json={
            "role": "ARBETSGIVARE", "party": "2120000142"}),
        "remove": lambda: client.post(f"{url}/participants/{target}/removal", headers=auth),
        "consent": lambda: client.post(f"{url}/participants/{space['keys'][Role.LAKARE]}"
                                       "/consent", json={"given": False}, headers=auth),
        "approve": lambda: client.post(f"{url}/items/{space['pending']}/approval",
                                       headers=auth),
        "withdraw": lambda: client.post(f"{url}/items/{space['approved']}/approval-withdrawal",
                                        headers=auth),
        "link": lambda: client.post(f"{url}/certificates", json={"certificateId": space["cert"]},
                                    headers=auth),
        "reads": lambda: client.get(f"{url}/reads", headers=auth),
        "contact": lambda: client.post(f"{url}/contact", headers=auth, json={
            "name": "Kim Kontakt", "phone": "070-123 45 67"}),
        "threads": lambda: client.get(f"{url}/threads", headers=auth),
        "thread": lambda: client.post(f"{url}/threads", json=THREAD, headers=auth),
        "reply": lambda: client.post(f"{url}/threads/{space['thread']}/replies",
                                     json={"text": "Halvtid först"}, headers=auth),
        "upload": lambda: client.post(f"{url}/documents", content=PDF,
                                      headers={**auth, "Content-Type": "application/pdf"}),
        "document": lambda: client.get(f"{url}/documents/{space['document']}", headers=auth),
    }
    return calls[action]()


@pytest.mark.parametrize(("role", "action", "allowed"), TABLE,
                         ids=[f"{r.value}-{a}" for r, a, _ in TABLE])
def test_each_role_may_take_exactly_its_actions_in_a_space_when_called_over_http(
        client, clock, store_settings, role, action, allowed):
    who = Parties(store_settings, personnummer())
    space = _space_with_everyone(client, who, clock().date())
    response = _call(client, action, space, who.auth(role, space["id"]))
    if allowed:
        assert response.status_code in (200, 201), response.text
    else:
        assert response.status_code == 403, response.text
        assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.MEDBORGARE])
def test_a_removed_participant_sees_nothing_of_the_space_when_asking(client, clock,
                                                                      store_settings, role):
    """ORDERS.md §3.1: a removed participant sees nothing from then on: 404 as for a
    stranger, not even that the space exists."""
    who = Parties(store_settings, personnummer())
    space = _space_with_everyone(client, who, clock().date())
    ok(client.post(f"{space['url']}/participants/{space['keys'][role]}/removal",
                   headers=who.citizen))
    auth = who.auth(role, space["id"])
    for action in ("view", "timeline", "contribute", "threads", "reply", "upload", "document"):
        response = _call(client, action, space, auth)
        assert response.status_code == 404, (action, response.text)
        assert response.json()["detail"] == f"No space {space['id']}."


def test_an_outside_token_is_held_to_its_space_when_used_for_another(client, clock,
                                                                    store_settings):
    """Issue 15 item 8: an employer's token opens only the space it was issued for."""
    who = Parties(store_settings, personnummer())
    space = _space_with_everyone(client, who, clock().date())
    other = who.auth(Role.ARBETSGIVARE, str(uuid.uuid4()))
    assert client.get(space["url"], headers=other).status_code == 404


def test_care_cannot_contribute_without_the_patients_consent_when_withdrawn(client, clock,
                                                                          store_settings):
    """ORDERS.md §3.2 (lag 2019:1297): care contributes only with recorded consent."""
    who = Parties(store_settings, personnummer())
    space = _space_with_everyone(client, who, clock().date())
    doctor = space["keys"][Role.LAKARE]
    ok(client.post(f"{space['url']}/participants/{doctor}/consent", json={"given": False},
                   headers=who.citizen))
    refused = client.post(f"{space['url']}/items", json=PLAN,
                          headers=who.auth(Role.LAKARE, space["id"]))
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Care contributes only with the patient's consent."


def test_an_outside_token_is_refused_when_its_organisation_number_is_invalid(client, clock,
                                                                           store_settings):
    """Issue 15 item 8: the employer's identity is a valid organisation number."""
    who = Parties(store_settings, personnummer())
    space = _space_with_everyone(client, who, clock().date())
    forged = bearer(store_settings, {"sub": "chef-1", "role": "employer",
                                     "org": "5560360794", "space": space["id"]})
    refused = client.get(space["url"], headers=forged)
    assert refused.status_code == 401
    assert "organisation number" in refused.json()["detail"]
