"""Försäkringskassan's creating messages are safe to retry (issue 14 deliverable 4 with the
Idempotency-Key of the hardening): a retry with the same key creates no second investigation
and gets the first answer; the same key with another message is 422. On SQLite and on
PostgreSQL (whose store the session's tests share: each counts its own)."""

from __future__ import annotations

from uuid import uuid4

import pytest

from tests.factories import fmu
from tests.factories.fmu_http import FK, SA, ok
from tests.factories.fmu_http import order as _order
from tests.factories.http import recipient_auth

REQUEST = {"certificateType": "AFU", "coordinatingCountyCouncilId": fmu.REGION,
           "lastResponseDate": "2026-11-04"}


def _region_ids(client, settings) -> set[str]:
    listed = ok(client.get(SA, headers=fmu.coordinator_auth(settings)))["investigations"]
    return {i["id"] for i in listed}


@pytest.mark.parametrize(("route", "body"), [
    ("assessments", REQUEST),
    ("orders", _order(None, coordinatingCountyCouncilId=fmu.REGION)),
], ids=["RequestPerformerForAssessment", "OrderAssessment-direct"])
def test_a_retried_creating_message_creates_no_second_investigation_when_the_key_is_the_same(
        client, store_settings, clock, route, body):
    """Hardening: issue 14, Idempotency-Key on Försäkringskassan's creating messages."""
    fk = {**recipient_auth(store_settings, clock), "Idempotency-Key": str(uuid4())}
    before = _region_ids(client, store_settings)
    first = ok(client.post(f"{FK}/{route}", json=body, headers=fk), 201)
    again = ok(client.post(f"{FK}/{route}", json=body, headers=fk), 201)
    assert again == first
    assert _region_ids(client, store_settings) - before == {first["id"]}


def test_the_same_key_with_another_message_is_refused_when_retried(
        client, store_settings, clock):
    """Hardening: issue 14; the key stands for one request: another body is 422, and nothing
    is created."""
    fk = {**recipient_auth(store_settings, clock), "Idempotency-Key": str(uuid4())}
    ok(client.post(f"{FK}/assessments", json=REQUEST, headers=fk), 201)
    before = _region_ids(client, store_settings)
    other = client.post(f"{FK}/assessments", json={**REQUEST, "lastResponseDate": "2026-11-05"},
                        headers=fk)
    assert other.status_code == 422
    assert other.headers["content-type"] == "application/problem+json"
    assert _region_ids(client, store_settings) == before
