"""Samverkansytan over HTTP: the token of each party and the steps of a story."""

from __future__ import annotations

from typing import Any

import jwt

from domain.samverkan.roles import Role
from domain.shared.care import Role as CareRole
from domain.shared.care import Staff
from tests.factories import care_unit, lisjp_content, staff_at, token_times
from tests.factories.http import UNIT_BODY
from tests.factories.samverkan import PARTIES

SPACES = "/v1/samverkan/spaces"
Auth = dict[str, str]


def bearer(settings: Any, claims: dict[str, Any]) -> Auth:
    token = jwt.encode({**claims, "iss": settings.jwt_issuer, **token_times()},
                       settings.jwt_secret.get_secret_value(), algorithm="HS256")
    return {"Authorization": f"Bearer {token}"}


def citizen_auth(settings: Any, pnr: str) -> Auth:
    return bearer(settings, {"sub": pnr, "role": "citizen"})


def staff_auth(settings: Any, staff: Staff) -> Auth:
    return bearer(settings, {"sub": staff.hsa_id, "name": staff.name, "role": staff.role.value,
                             "care_unit": staff.care_unit_hsa_id,
                             "care_giver": staff.care_giver_hsa_id})


def outside_auth(settings: Any, role: Role, space_id: str, person: str = "chef-1") -> Auth:
    kind = "employer" if role is Role.ARBETSGIVARE else "occupational_health"
    return bearer(settings, {"sub": person, "role": kind, "org": PARTIES[role],
                             "space": space_id})


class Parties:
    """One party of every role for a space: the doctor and coordinator are care users whose
    HSA ids the invitations name; the doctor also issues the citizen's lisjp."""

    def __init__(self, settings: Any, pnr: str) -> None:
        unit = care_unit()
        self.settings, self.pnr = settings, pnr
        self.doctor = staff_at(unit)
        self.coordinator = staff_at(unit, CareRole.REHAB_COORDINATOR)
        self.citizen = citizen_auth(settings, pnr)

    def party(self, role: Role) -> str:
        return {Role.LAKARE: self.doctor.hsa_id,
                Role.REHABKOORDINATOR: self.coordinator.hsa_id}.get(role) or PARTIES[role]

    def auth(self, role: Role, space_id: str) -> Auth:
        if role is Role.MEDBORGARE:
            return self.citizen
        if role is Role.LAKARE:
            return staff_auth(self.settings, self.doctor)
        if role is Role.REHABKOORDINATOR:
            return staff_auth(self.settings, self.coordinator)
        if role is Role.FORSAKRINGSKASSAN:
            return bearer(self.settings, {"sub": "FKASSA", "role": "recipient"})
        return outside_auth(self.settings, role, space_id)

    def signed_lisjp(self, client: Any, today: Any, **content: Any) -> str:
        """A lisjp for the citizen, signed today by the doctor (50 % for two weeks)."""
        auth = staff_auth(self.settings, self.doctor)
        body = {"type": "lisjp", "patient": {"personnummer": self.pnr},
                "careUnit": UNIT_BODY, "content": lisjp_content(today, **content)}
        created = client.post("/v1/certificates", json=body, headers=auth)
        assert created.status_code == 201, created.text
        cert: str = created.json()["id"]
        signed = client.post(f"/v1/certificates/{cert}/sign", json={"version": 1},
                             headers=auth)
        assert signed.status_code == 200, signed.text
        return cert

    def open_space(self, client: Any, today: Any, **content: Any) -> str:
        """A space opened by the citizen from a lisjp signed today (``content`` overrides)."""
        cert = self.signed_lisjp(client, today, **content)
        opened = client.post(SPACES, json={"certificateId": cert}, headers=self.citizen)
        assert opened.status_code == 201, opened.text
        space: str = opened.json()["id"]
        return space


def ok(response: Any, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


def seeded_space(client: Any, citizen: Auth, doctor_hsa_id: str, doctor: Auth,
                 certificate_id: str) -> dict[str, list[str]]:
    """A space for the fuzzer: opened by the citizen from a current lisjp, the doctor invited
    with consent, one item of the doctor's awaiting approval; its ids by path parameter."""
    space = ok(client.post(SPACES, json={"certificateId": certificate_id}, headers=citizen),
               201)["id"]
    url = f"{SPACES}/{space}"
    key = ok(client.post(f"{url}/participants", headers=citizen,
                         json={"role": "LAKARE", "party": doctor_hsa_id}), 201)["made"]
    ok(client.post(f"{url}/participants/{key}/consent", json={"given": True}, headers=citizen))
    item = ok(client.post(f"{url}/items", headers=doctor, json={
        "kind": "MEDDELANDE", "title": "Kontakt", "text": "Vi hörs på fredag"}), 201)["made"]
    return {"space_id": [space], "participant": [key], "item_id": [item], "thread_id": [item]}
