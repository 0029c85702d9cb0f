"""Every route has an entry in the access policy registry (api/http/policy.py): a route added
without one fails the build (Hardening item 12, the acceptance's matrix)."""

from __future__ import annotations

import pytest
from fastapi import APIRouter, FastAPI

from api.http.policy import POLICIES, check_every_route_has_a_policy, routes_without_policy


def test_app_is_refused_when_a_route_has_no_policy() -> None:
    """Hardening item 12: a route missing from the registry stops the app from being built."""
    app = FastAPI()
    router = APIRouter(prefix="/v1/certificates")

    @router.get("/{certificate_id}/secret")
    def secret(certificate_id: str) -> str:
        return certificate_id

    app.include_router(router)
    assert routes_without_policy(app) == ["GET /v1/certificates/{certificate_id}/secret"]
    with pytest.raises(RuntimeError, match="secret"):
        check_every_route_has_a_policy(app)


def test_registry_names_a_privilege_for_every_staff_route_when_read() -> None:
    staff = [key for key, policy in POLICIES.items() if policy.audience == "staff"]
    assert len(staff) > 25
    assert all(POLICIES[key].privilege is not None for key in staff)
