"""Orders from authorities over HTTP (ORDERS.md §2, DOMAIN.md §10): the authority's system orders,
the unit's staff work the order through its states; bad input is a specific 422 with the
national code; another unit learns nothing."""

from __future__ import annotations

import pytest

from domain.shared.care import Role
from tests.e2e.conftest import token_for
from tests.factories import care_unit, staff_at
from tests.factories.http import recipient_auth
from tests.factories.orders import order_body


def _bearer(settings, staff, clock):
    return {"Authorization": f"Bearer {token_for(settings, staff, clock)}"}


def _order(client, settings, clock, unit, **overrides):
    created = client.post("/v1/recipient/orders", json=order_body(unit, **overrides),
                          headers=recipient_auth(settings, clock, "AF"))
    assert created.status_code == 201, created.text
    return created.json()["id"]


def _listed(client, auth, unit, tab="AKTUELLA"):
    found = client.get(f"/v1/units/{unit.hsa_id}/orders", params={"tab": tab}, headers=auth)
    assert found.status_code == 200, found.text
    return {row["id"]: row for row in found.json()}


def test_order_goes_unread_read_accepted_done_when_the_unit_works_it(
        client, store_settings, clock, unit, auth):
    """DOMAIN.md §10: UNREAD -> READ (first view) -> ACCEPTED -> DONE."""
    order_id = _order(client, store_settings, clock, unit)
    assert _listed(client, auth, unit)[order_id]["status"] == "OLAST"
    viewed = client.get(f"/v1/orders/{order_id}", headers=auth)
    assert viewed.status_code == 200, viewed.text
    assert viewed.json()["status"] == "LAST"
    assert client.get(f"/v1/orders/{order_id}", headers=auth).json()["version"] == 2
    for step, body in (("accept", {"text": "Vi tar emot beställningen."}), ("done", None)):
        done = client.post(f"/v1/orders/{order_id}/{step}", json=body, headers=auth)
        assert done.status_code == 200, done.text
    assert done.json()["status"] == "KLAR"
    assert order_id not in _listed(client, auth, unit)
    assert _listed(client, auth, unit, "KLARA")[order_id]["status"] == "KLAR"
    timeline = client.get(f"/v1/orders/{order_id}/timeline", headers=auth).json()
    assert [e["event"] for e in timeline] == ["OrderReceived", "OrderRead", "OrderAccepted",
                                              "OrderDone"]
    assert timeline[2]["answer"] == "ACCEPTERAT"


def test_unread_order_cannot_be_accepted_when_nobody_has_viewed_it(
        client, store_settings, clock, unit, auth):
    """ORDERS.md §2: a transition from another state fails (409)."""
    order_id = _order(client, store_settings, clock, unit)
    refused = client.post(f"/v1/orders/{order_id}/accept", json={}, headers=auth)
    assert refused.status_code == 409
    assert refused.headers["content-type"] == "application/problem+json"


def test_deleted_order_is_not_found_and_listed_rejected_without_patient_when_deleted(
        client, store_settings, clock, unit, auth):
    """ORDERS.md §2: AVVISA_RADERA needs confirming, answers RADERAT, leaves a tombstone."""
    order_id = _order(client, store_settings, clock, unit)
    client.get(f"/v1/orders/{order_id}", headers=auth)
    unconfirmed = client.post(f"/v1/orders/{order_id}/delete", json={}, headers=auth)
    assert unconfirmed.status_code == 422
    deleted = client.post(f"/v1/orders/{order_id}/delete", json={"confirm": True}, headers=auth)
    assert deleted.json()["status"] == "RADERAD"
    assert client.get(f"/v1/orders/{order_id}", headers=auth).status_code == 404
    assert client.get(f"/v1/orders/{order_id}/timeline", headers=auth).status_code == 404
    row = _listed(client, auth, unit, "AVVISADE")[order_id]
    assert (row["status"], row["personnummer"]) == ("RADERAD", "")


def test_order_is_refused_with_its_national_code_when_the_input_breaks_a_rule(
        client, store_settings, clock, unit):
    """ORDERS.md §2: GTA_FEL02 for an authority that does not order, GTA_FEL13 over a limit,
    GTA_FEL05 for a personnummer not normalised; nothing is stored."""
    fk = client.post("/v1/recipient/orders", json=order_body(unit),
                     headers=recipient_auth(store_settings, clock, "FKASSA"))
    assert fk.status_code == 422
    assert [e["code"] for e in fk.json()["errors"]] == ["GTA_FEL02"]
    long = client.post("/v1/recipient/orders", json=order_body(unit, purpose="x" * 4001,
                                                     citizen={"personnummer": "191212121213"}),
                       headers=recipient_auth(store_settings, clock, "AF"))
    assert long.status_code == 422
    assert {(e["code"], e["field"]) for e in long.json()["errors"]} == {
        ("GTA_FEL13", "purpose"), ("GTA_FEL05", "citizen.personnummer")}
    auth = _bearer(store_settings, staff_at(unit), clock)
    assert _listed(client, auth, unit) == {}


def test_staff_of_another_unit_learn_nothing_when_they_ask_for_an_order(
        client, store_settings, clock, unit, auth):
    """ORDERS.md §2: access limited to the unit: 404 as for an unknown id, its list 403."""
    order_id = _order(client, store_settings, clock, unit)
    stranger = _bearer(store_settings, staff_at(care_unit()), clock)
    for path in (f"/v1/orders/{order_id}", f"/v1/orders/{order_id}/timeline"):
        assert client.get(path, headers=stranger).status_code == 404
    assert client.post(f"/v1/orders/{order_id}/reject", json={"text": "Nej"},
                       headers=stranger).status_code == 404
    assert client.get(f"/v1/units/{unit.hsa_id}/orders", headers=stranger).status_code == 403
    assert _listed(client, auth, unit)[order_id]["status"] == "OLAST"


@pytest.mark.parametrize("role", [Role.REHAB_COORDINATOR, Role.AUDIT_OFFICER, Role.DENTIST])
def test_roles_without_the_order_privilege_are_refused_when_they_list_orders(
        client, store_settings, clock, unit, role):
    """ORDERS.md §2: VISA_BESTALLNING is the unit's Webcert users' (doctor, nurse, admin)."""
    other = _bearer(store_settings, staff_at(unit, role), clock)
    assert client.get(f"/v1/units/{unit.hsa_id}/orders", headers=other).status_code == 403


def test_care_staff_cannot_create_an_order_when_they_are_no_authority(
        client, unit, auth):
    refused = client.post("/v1/recipient/orders", json=order_body(unit), headers=auth)
    assert refused.status_code == 401


def test_retry_with_the_same_idempotency_key_gets_the_first_order_when_the_answer_was_lost(
        client, store_settings, clock, unit, auth):
    """Hardening item 13 for the orders: a creating command runs once per Idempotency-Key; the
    same key with another body is 422."""
    fk = {**recipient_auth(store_settings, clock, "AF"), "Idempotency-Key": "order-0001"}
    body = order_body(unit)
    first = client.post("/v1/recipient/orders", json=body, headers=fk)
    again = client.post("/v1/recipient/orders", json=body, headers=fk)
    assert first.status_code == again.status_code == 201
    assert again.json()["id"] == first.json()["id"]
    assert list(_listed(client, auth, unit)) == [first.json()["id"]]
    other = client.post("/v1/recipient/orders", json=order_body(unit), headers=fk)
    assert other.status_code == 422


def test_stranger_gets_the_unknown_id_answer_when_the_order_is_another_units(
        client, store_settings, clock, unit):
    """ORDERS.md §2 access, item 6's rule for orders: the same answer as an id that does not
    exist, but for the id itself."""
    order_id = _order(client, store_settings, clock, unit)
    stranger = _bearer(store_settings, staff_at(care_unit()), clock)
    unknown = "00000000-0000-4000-8000-000000000000"
    for tail in ("", "/timeline"):
        real = client.get(f"/v1/orders/{order_id}{tail}", headers=stranger)
        fake = client.get(f"/v1/orders/{unknown}{tail}", headers=stranger)
        assert real.status_code == fake.status_code == 404
        assert real.text.replace(order_id, "ID") == fake.text.replace(unknown, "ID")


def test_unit_answers_the_orderer_in_text_only_once_it_has_read_the_order(
        client, store_settings, clock, unit, auth):
    """ORDERS.md §2: answers to the orderer; a message needs a text and a read order."""
    order_id = _order(client, store_settings, clock, unit)
    path = f"/v1/orders/{order_id}/answer"
    assert client.post(path, json={"text": "Fråga"}, headers=auth).status_code == 409
    client.get(f"/v1/orders/{order_id}", headers=auth)
    empty = client.post(path, json={"text": " "}, headers=auth)
    assert (empty.status_code, empty.json()["errors"][0]["code"]) == (422, "MISSING")
    assert client.post(path, json={"text": "Vilket datum?"}, headers=auth).status_code == 200
    timeline = client.get(f"/v1/orders/{order_id}/timeline", headers=auth).json()
    assert (timeline[-1]["answer"], timeline[-1]["text"]) == ("MEDDELANDE", "Vilket datum?")
    assert _listed(client, auth, unit)[order_id]["status"] == "LAST"
