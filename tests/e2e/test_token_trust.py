"""Tokens are trusted no further than their claims agree (hardening item 11): a maximum
lifetime, a care unit that belongs to the token's care giver, and claims read only on the role
they belong to. Every refusal is a 401 problem that echoes no claim value."""

from __future__ import annotations

import time
from typing import Any

import jwt

from commands.settings import Settings
from domain.shared.care import Staff
from tests.factories import care_unit, personnummer, staff_at, token_times
from tests.factories.http import UNIT_BODY

PROBLEM = "application/problem+json"
REGION = "/v1/statistik/region/reports/intyg-per-typ?id=01"


def _bearer(settings: Settings, claims: dict[str, Any]) -> dict[str, str]:
    token = jwt.encode({"iss": settings.jwt_issuer, **claims},
                       settings.jwt_secret.get_secret_value(), algorithm="HS256")
    return {"Authorization": f"Bearer {token}"}


def _staff_claims(staff: Staff) -> dict[str, Any]:
    return {"sub": staff.hsa_id, "name": staff.name, "role": staff.role.value,
            "care_unit": staff.care_unit_hsa_id, "care_giver": staff.care_giver_hsa_id}


def _create(client: Any, headers: dict[str, str]) -> Any:
    body = {"type": "lisjp", "patient": {"personnummer": personnummer()}, "careUnit": UNIT_BODY}
    return client.post("/v1/certificates", json=body, headers=headers)


def _refused_quietly(answer: Any, *values: str) -> str:
    assert answer.status_code == 401, answer.text
    assert answer.headers["content-type"] == PROBLEM
    for value in values:
        assert value not in answer.text
    detail: str = answer.json()["detail"]
    return detail


def test_token_is_401_when_it_expires_in_the_year_9999(client, store_settings, doctor):
    """Hardening item 11: a maximum token lifetime; no iat, so it counts from now."""
    claims = _staff_claims(doctor) | {"exp": 253402300799}  # 9999-12-31T23:59:59Z
    detail = _refused_quietly(_create(client, _bearer(store_settings, claims)), doctor.hsa_id)
    assert "12 hours" in detail


def test_token_is_401_when_issued_for_longer_than_the_maximum_lifetime(
        client, store_settings, doctor):
    """Hardening item 11: exp - iat beyond INTYG_JWT_MAX_LIFETIME_HOURS (12 by default) is
    refused even while the token is young; a token within it is accepted."""
    too_long = _staff_claims(doctor) | token_times(hours=13)
    _refused_quietly(_create(client, _bearer(store_settings, too_long)), doctor.hsa_id)
    within = _staff_claims(doctor) | token_times(hours=12)
    assert _create(client, _bearer(store_settings, within)).status_code == 201


def test_token_lifetime_follows_the_setting_when_it_is_shorter(tmp_path, doctor):
    """Hardening item 11: INTYG_JWT_MAX_LIFETIME_HOURS bounds the lifetime."""
    from fastapi.testclient import TestClient

    from api.http.app import create_app

    settings = Settings(data_dir=tmp_path, projections_in_serve=False,
                        jwt_max_lifetime_hours=1)
    with TestClient(create_app(settings)) as client:
        two_hours = _staff_claims(doctor) | token_times(hours=2)
        assert "1 hours" in _refused_quietly(_create(client, _bearer(settings, two_hours)))
        half = _staff_claims(doctor) | token_times(hours=0.5)
        assert _create(client, _bearer(settings, half)).status_code == 201


def test_token_is_401_when_issued_in_the_future(client, store_settings, doctor):
    """Hardening item 11: an iat an hour ahead is not valid yet (a minute of skew is)."""
    ahead = time.time() + 3600
    claims = _staff_claims(doctor) | {"iat": ahead, "exp": ahead + 600}
    _refused_quietly(_create(client, _bearer(store_settings, claims)))


def test_token_is_401_when_its_care_unit_belongs_to_another_care_giver(
        client, store_settings, doctor):
    """Hardening item 11, DOMAIN.md §4 (a unit belongs to one care giver): the right unit
    with another care giver's HSA id does not get the unit."""
    other_giver = "SE5565594230-G" + doctor.care_giver_hsa_id[-6:]
    claims = _staff_claims(doctor) | {"care_giver": other_giver} | token_times()
    detail = _refused_quietly(_create(client, _bearer(store_settings, claims)),
                              doctor.care_unit_hsa_id, other_giver)
    assert "care giver" in detail


def test_refusal_echoes_no_claim_when_the_claims_are_malformed(client, store_settings):
    """Hardening item 11: 401s name the rule broken, never a claim's value."""
    odd = "SE2321000016-Q" + "7" * 12
    for claims in ({"sub": odd, "name": "N", "role": "doctor", "care_unit": "unit-" + odd,
                    "care_giver": odd},
                   {"sub": odd, "name": "N", "role": "surgeon-" + odd, "care_unit": odd,
                    "care_giver": odd}):
        _refused_quietly(_create(client, _bearer(store_settings, claims | token_times())), odd)


def test_region_statistics_are_refused_when_a_citizen_token_claims_the_region(world):
    """Hardening item 11: statistics_regions is honoured only on a care user's token."""
    settings, _, client, _ = world
    pnr = personnummer()
    citizen = {"sub": pnr, "role": "citizen", "statistics_regions": ["01"]} | token_times()
    _refused_quietly(client.get(REGION, headers=_bearer(settings, citizen)), pnr)
    recipient = {"sub": "FKASSA", "role": "recipient",
                 "statistics_regions": ["01"]} | token_times()
    _refused_quietly(client.get(REGION, headers=_bearer(settings, recipient)))


def test_region_statistics_are_given_when_a_care_users_token_lists_the_region(world):
    """Hardening item 11: the claim still works where it belongs, as a list of län codes only
    (a string is not a list: "0102" does not open region 10)."""
    settings, _, client, _ = world
    staff = _staff_claims(staff_at(care_unit())) | token_times()
    listed = client.get(REGION, headers=_bearer(settings, staff | {"statistics_regions": ["01"]}))
    assert listed.status_code == 200, listed.text
    region_10 = REGION.replace("id=01", "id=10")
    as_string = staff | {"statistics_regions": "0102"}
    assert client.get(region_10, headers=_bearer(settings, as_string)).status_code == 403
