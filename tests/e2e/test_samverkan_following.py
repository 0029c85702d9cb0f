"""The timeline follows the citizen's new certificates from the ledger (issue 15 item 3): a
lisjp signed after the space was opened that continues the case is linked by itself (by the
follower), so the day-30 plan deadline appears once 60 days are expected; a later, separate
sick leave and another citizen's certificate are not linked."""

from __future__ import annotations

from datetime import timedelta

from tests.factories import personnummer
from tests.factories.samverkan_http import SPACES, Parties, ok


def _from(start, days: int) -> dict:
    return {"sjukskrivningar": [{"sjukskrivningsgrad": "HALFTEN", "period": {
        "from": start.isoformat(), "tom": (start + timedelta(days=days - 1)).isoformat()}}]}


def test_a_renewal_signed_after_the_space_opened_feeds_the_timeline_when_read(
        client, clock, store_settings):
    """SFB 30 kap. 6 §: the plan deadline once 60 days or more are expected."""
    who, other = (Parties(store_settings, personnummer()) for _ in range(2))
    today = clock().date()
    first = who.signed_lisjp(client, today, **_from(today, 14))
    space = ok(client.post(SPACES, json={"certificateId": first}, headers=who.citizen), 201)
    url = f"{SPACES}/{space['id']}"
    before = ok(client.get(f"{url}/timeline", headers=who.citizen))
    assert before["expectedLength"] == 14
    assert "PLAN_ATERGANG_SENAST" not in [m["kind"] for m in before["milestones"]]
    renewal = who.signed_lisjp(client, today, **_from(today + timedelta(days=16), 50))
    who.signed_lisjp(client, today, **_from(today + timedelta(days=80), 30))  # separate
    other.signed_lisjp(client, today, **_from(today + timedelta(days=14), 60))  # not theirs
    after = ok(client.get(f"{url}/timeline", headers=who.citizen))
    assert after["expectedLength"] == 64  # 14 + 50, the 2 days' gap not counted
    assert "PLAN_ATERGANG_SENAST" in [m["kind"] for m in after["milestones"]]
    again = ok(client.get(f"{url}/timeline", headers=who.citizen))
    assert again == after  # nothing linked twice
    linked = client.post(f"{url}/certificates", json={"certificateId": renewal},
                         headers=who.citizen)
    assert linked.status_code == 200  # linking by hand again replaces the same periods
    assert ok(client.get(f"{url}/timeline", headers=who.citizen))["expectedLength"] == 64
