"""DOMAIN.md §8: which statistics levels a caller sees (``GET /v1/statistik/levels``, what the
statistics page offers): the national level to all; a care user's token adds its care giver and
care unit, and each region its ``statistics_regions`` claim lists; a citizen's token no more;
a token that does not verify is refused."""

from __future__ import annotations

import jwt

from tests.e2e.conftest import token_for
from tests.e2e.read_models import bearer, citizen_bearer
from tests.factories import care_unit, personnummer, staff_at

LEVELS = "/v1/statistik/levels"


def _levels(answer) -> list[tuple[str, str | None, str]]:
    assert answer.status_code == 200, answer.text
    return [(found["level"], found["id"], found["label"]) for found in answer.json()]


def test_levels_are_the_national_one_only_when_no_token_is_given(world):
    _, _, client, _ = world
    assert _levels(client.get(LEVELS)) == [("national", None, "Hela landet")]


def test_levels_add_the_care_giver_and_unit_of_a_care_users_token(world):
    settings, clock, client, _ = world
    unit = care_unit("01")
    doctor = staff_at(unit)
    assert _levels(client.get(LEVELS, headers=bearer(settings, doctor, clock))) == [
        ("national", None, "Hela landet"),
        ("care_giver", unit.care_giver_hsa_id, f"Vårdgivare {unit.care_giver_hsa_id}"),
        ("care_unit", unit.hsa_id, f"Vårdenhet {unit.hsa_id}")]


def test_levels_add_each_region_of_the_statistics_regions_claim_when_listed(world):
    """Only län codes count: a value that is none is left out, as the reports do."""
    settings, clock, client, _ = world
    lead = staff_at(care_unit("01"))
    claims = jwt.decode(token_for(settings, lead, clock), options={"verify_signature": False})
    claims["statistics_regions"] = ["14", "01", "99"]
    token = jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm="HS256")
    found = _levels(client.get(LEVELS, headers={"Authorization": f"Bearer {token}"}))
    assert [(level, code) for level, code, _ in found if level == "region"] == [
        ("region", "01"), ("region", "14")]
    assert ("region", "01", "Region: Stockholms län") in found


def test_levels_are_the_national_one_only_when_the_token_is_a_citizens(world):
    settings, clock, client, _ = world
    citizen = client.get(LEVELS, headers=citizen_bearer(settings, personnummer(), clock))
    assert _levels(citizen) == [("national", None, "Hela landet")]


def test_levels_are_refused_with_a_401_when_the_token_does_not_verify(world):
    _, _, client, _ = world
    forged = client.get(LEVELS, headers={"Authorization": "Bearer not-a-jwt"})
    assert forged.status_code == 401
    assert forged.headers["content-type"].startswith("application/problem+json")
