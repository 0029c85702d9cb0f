"""Access to every FMU care route (ORDERS.md §1.2): without its FMU grant a care user is
refused (403) before anything is read; with the grant but for another region or unit, the
investigation does not exist (404, the same as an unknown id), and nothing is written."""

from __future__ import annotations

from typing import Any

import pytest

from api.http.policy import POLICIES
from domain.shared.privileges import Privilege
from tests.factories import fmu
from tests.factories.fmu_http import PERFORMER, SA, VA, VISIT, ok, requested
from tests.factories.http import recipient_auth

DAY = {"day": "2026-11-04"}
BODIES: dict[str, dict[str, Any] | None] = {
    "units-asked": {"units": [fmu.REGION_UNIT]}, "direct-assignment": {"unit": fmu.REGION_UNIT},
    "assignment": {"unit": fmu.REGION_UNIT}, "rejection": {"comment": "Ingen kapacitet"},
    "payment-ids/{kind}": {"value": "F-1"}, "answer": {"answer": "ACCEPTERA",
                                                      "performer": PERFORMER},
    "documents": DAY, "visits": VISIT, "visits/{visit_id}/reschedule": {
        "start": VISIT["start"], "end": VISIT["end"], "summonsChannel": "BREV",
        "summonedOn": "2026-11-04"},
    "visits/{visit_id}/cancel": None, "visits/{visit_id}/held": {},
    "deviations": {"careContactId": "v1", "causedBy": "PATIENT",
                   "deviationTime": "2026-11-16T09:00:00+00:00"},
    "statement": DAY, "complement-questions": DAY, "complement": DAY,
    "invoice-id": {"value": "F-1"}, "end": None,
}
ROUTES = sorted((method, path, policy.privilege) for (method, path), policy in POLICIES.items()
                if path.startswith(("/v1/fmu/coordinator", "/v1/fmu/unit")))


def _call(client: Any, method: str, path: str, inv: str, auth: dict[str, str]) -> Any:
    url = (path.replace("{investigation_id}", inv).replace("{visit_id}", "v1")
           .replace("{kind}", "FAKTURA_FK_ID"))
    action = path.split("{investigation_id}/")[-1] if "{investigation_id}/" in path else ""
    body = BODIES.get(action)
    return client.request(method, url, headers=auth, **({} if body is None else {"json": body}))


def _without(settings: Any, grant: Privilege | None) -> dict[str, str]:
    """A care user of the region holding every FMU grant but ``grant``."""
    others = tuple(g for g in (Privilege.FMU_SAMORDNARE, Privilege.FMU_VARDADMIN,
                               Privilege.BP_VARDADMIN) if g is not grant)
    return fmu.staff_token(settings, fmu.VARDADMIN, fmu.REGION_UNIT, fmu.REGION, others)


def _stranger(settings: Any, grant: Privilege | None) -> dict[str, str]:
    if grant is Privilege.FMU_SAMORDNARE:
        return fmu.coordinator_auth(settings, fmu.OTHER_REGION)
    return fmu.unit_auth(settings, "SE2321000016-E0009")


def test_every_fmu_care_route_is_listed_when_the_policy_table_is_read():
    assert len(ROUTES) == 21
    assert {p for _, _, p in ROUTES} == {Privilege.FMU_SAMORDNARE, Privilege.FMU_VARDADMIN}


@pytest.mark.parametrize(("method", "path", "grant"), ROUTES,
                         ids=[f"{m} {p}" for m, p, _ in ROUTES])
def test_fmu_route_is_refused_when_the_token_lacks_its_grant(client, store_settings, clock,
                                                            method, path, grant):
    inv = requested(client, recipient_auth(store_settings, clock))
    refused = _call(client, method, path, inv, _without(store_settings, grant))
    assert refused.status_code == 403, refused.text
    assert grant.value in refused.json()["detail"]


@pytest.mark.parametrize(("method", "path", "grant"), ROUTES,
                         ids=[f"{m} {p}" for m, p, _ in ROUTES])
def test_fmu_route_answers_unknown_when_a_stranger_names_the_investigation(
        client, store_settings, clock, method, path, grant):
    """A stranger learns nothing: another region's coordinator, an unasked unit's vårdadmin."""
    inv = requested(client, recipient_auth(store_settings, clock))
    answer = _call(client, method, path, inv, _stranger(store_settings, grant))
    if path.endswith(("/investigations", "/investigations/")):
        assert ok(answer)["investigations"] == []
    else:
        assert answer.status_code == 404, answer.text
    seen = ok(client.get(f"{SA}/{inv}", headers=fmu.coordinator_auth(store_settings)))
    assert [s["step"] for s in seen["timeline"]] == ["RequestReceived"]


def test_unit_route_is_allowed_when_the_unit_was_asked(client, store_settings, clock):
    inv = requested(client, recipient_auth(store_settings, clock))
    ok(client.post(f"{SA}/{inv}/units-asked", json={"units": [fmu.REGION_UNIT]},
                   headers=fmu.coordinator_auth(store_settings)))
    seen = ok(client.get(f"{VA}/{inv}", headers=fmu.unit_auth(store_settings)))
    assert seen["requests"][0]["status"] == "INKOMMEN"
