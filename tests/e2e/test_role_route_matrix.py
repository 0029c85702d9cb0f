"""The role x route matrix (Hardening, acceptance; items 6 and 12): every operation in the
OpenAPI document, called with real certificates of one care unit, by every staff role of that
unit, a doctor of another unit and care giver, a citizen, a recipient system and no token. What
each may do comes from the one policy registry (api/http/policy.py) and the privilege table
(domain/shared/privileges.py); the test derives the expected answer from them."""

from __future__ import annotations

from typing import Any

import pytest

from api.http.policy import POLICIES, Audience, Policy, policy_of, routes_without_policy
from domain.shared.care import Role
from domain.shared.privileges import may
from tests.e2e.conftest import token_for
from tests.e2e.read_models import citizen_bearer
from tests.factories import care_unit, staff_at
from tests.factories.http import recipient_auth
from tests.factories.routes import Call, Scene, operations, prepare

# The doctor comes last: what it changes (signs, revokes) no longer matters to the others.
STAFF = (Role.NURSE, Role.CARE_ADMIN, Role.REHAB_COORDINATOR, Role.AUDIT_OFFICER, Role.DENTIST,
         Role.STATISTICS_LEAD, Role.DOCTOR)
SPACE_REFUSED = {r.value for r in STAFF} - {Role.DOCTOR.value, Role.REHAB_COORDINATOR.value}
ACTORS = ("no token", "citizen", "recipient", "stranger", *(r.value for r in STAFF))


def expected(policy: Policy, actor: str, path: str) -> str:
    """'allowed', or the status that refuses ``actor`` on the route."""
    if policy.audience is Audience.PUBLIC:
        return "allowed"
    if policy.audience in (Audience.CITIZEN, Audience.RECIPIENT):
        return "allowed" if actor == policy.audience.value else "401"
    if policy.audience is Audience.SPACE_PARTY:  # Samverkansytan: the space decides (404)
        return "401" if actor == "no token" else "403" if actor in SPACE_REFUSED else "allowed"
    if actor in ("no token", "citizen", "recipient"):
        return "401"
    if policy.audience is Audience.STATISTICS_SCOPE:  # the unit's report, ?id=<unit>
        return "403" if actor == "stranger" else "allowed"
    role = Role.DOCTOR if actor == "stranger" else Role(actor)
    assert policy.privilege is not None
    if not may(role, policy.privilege):
        return "403"
    if actor == "stranger" and ("{certificate_id}" in path or "{order_id}" in path):
        return "404"
    if actor == "stranger" and "{unit_id}" in path:
        return "403"
    return "allowed"


def headers_of(world: Any, scene: Scene) -> dict[str, dict[str, str]]:
    settings, clock, _, _ = world

    def bearer(staff: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {token_for(settings, staff, clock)}"}

    found = {role.value: bearer(scene.member(role)) for role in STAFF}
    return found | {"no token": {}, "stranger": bearer(staff_at(care_unit())),
                    "citizen": citizen_bearer(settings, scene.who.personnummer, clock),
                    "recipient": recipient_auth(settings, clock)}


def check(response: Any, outcome: str, call: Call, where: str) -> None:
    body = response.json() if "json" in response.headers.get("content-type", "") else {}
    unknown = f"No order {call.order_id}." if call.order_id else \
        f"No certificate {call.certificate_id}."
    not_found = response.status_code == 404 and isinstance(body, dict) and \
        body.get("detail") == unknown
    if outcome == "allowed":
        assert response.status_code < 500, where
        assert response.status_code not in (401, 403) and not not_found, where
    elif outcome == "404":
        assert not_found, where
    else:
        assert response.status_code == int(outcome), where
        assert response.headers["content-type"] == "application/problem+json", where


@pytest.mark.timeout(120)
def test_every_role_gets_what_the_policy_table_gives_on_every_route(world):
    """Hardening item 12 and the acceptance's matrix; item 6 for the stranger (404)."""
    _, _, client, app = world
    scene = Scene()
    headers = headers_of(world, scene)
    seen = 0
    for method, path in operations(client):
        policy = policy_of(method, path)
        assert policy is not None, f"{method} {path} has no policy"
        call = prepare(app, scene, method, path)
        views = client.app.state.projections
        for view in ("mina-intyg", "webcert"):
            views.wait_for(view, app.recorder.max_notification_id())
        for actor in ACTORS:
            response = client.request(method, call.url, json=call.json, headers=headers[actor])
            where = f"{actor}: {method} {path} -> {response.status_code} {response.text[:200]}"
            check(response, expected(policy, actor, path), call, where)
            seen += 1
    assert seen == len(operations(client)) * len(ACTORS) > 300


def test_every_route_of_the_app_has_a_policy_when_the_app_is_built(world):
    """Hardening item 12: the app's routes and the registry agree (the app would not start)."""
    _, _, client, _ = world
    assert routes_without_policy(client.app) == []
    assert {f"{m} {p}" for m, p in operations(client)} <= {f"{m} {p}" for m, p in POLICIES}


def test_allowed_actions_are_those_of_the_readers_role_when_a_draft_is_read(world):
    """Hardening item 12: the buttons offered follow the same table as the routes."""
    settings, clock, client, app = world
    scene = Scene()
    call = prepare(app, scene, "GET", "/v1/certificates/{certificate_id}/validation")
    url = call.url.removesuffix("/validation")

    def actions(role: Role) -> set[str]:
        headers = {"Authorization": f"Bearer {token_for(settings, scene.member(role), clock)}"}
        return set(client.get(url, headers=headers).json()["allowedActions"])

    assert actions(Role.DOCTOR) == {"edit", "sign", "discard"}
    assert actions(Role.NURSE) == actions(Role.CARE_ADMIN) == {"edit", "discard"}
