"""Every route of the app called for real: a care unit with its doctor, a fresh certificate in
the state a route works on (a draft, or a signed and sent LISJP with a question from
Försäkringskassan), the path filled with those ids and a body of the right shape. Used by the
role x route matrix and by the "a stranger learns nothing" tests."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from commands import questions
from commands.certificates import Certificates
from commands.orders import Orders
from domain.questions.messages import IncomingMessage
from domain.shared.care import CareUnit, Role, Staff
from domain.shared.patient import Patient
from tests.factories import care_unit, patient, staff_at
from tests.factories.http import UNIT_BODY
from tests.factories.orders import order_body, order_request
from tests.flows import draft

# Routes on one certificate that work on a draft; the others get a signed, sent LISJP.
DRAFT_ROUTES = ("/content", "/validation", "/discard", "/sign", "/fmb", "/copy")


@dataclass
class Scene:
    """One care unit, its staff of every role, and one patient (a citizen of 16 or more)."""

    unit: CareUnit = field(default_factory=care_unit)
    who: Patient = field(default_factory=patient)

    def member(self, role: Role) -> Staff:
        return staff_at(self.unit, role)

    @property
    def doctor(self) -> Staff:
        return self.member(Role.DOCTOR)


@dataclass(frozen=True)
class Call:
    method: str
    url: str
    json: Any = None
    certificate_id: str | None = None
    order_id: str | None = None


def operations(client: Any) -> list[tuple[str, str]]:
    """Every (method, path template) of the app's OpenAPI document."""
    paths = client.app.openapi()["paths"]
    return [(method.upper(), path) for path, item in paths.items() for method in item]


def prepare(app: Certificates, scene: Scene, method: str, path: str) -> Call:
    """A call of the route ``method path`` on fresh ids of ``scene``."""
    cert_id = _certificate_for(app, scene, path) if "{certificate_id}" in path else None
    order_id = _order_for(app, scene) if "{order_id}" in path else None
    filled = {
        "{certificate_id}": cert_id or "",
        "{order_id}": order_id or "",
        "{question_id}": _question_on(app, scene, cert_id) if "{question_id}" in path else "",
        "{unit_id}": scene.unit.hsa_id,
        "{personnummer}": scene.who.personnummer,
        "{level}": "care_unit",
        "{name}": "intyg-per-typ",
    }
    url = path
    for placeholder, value in filled.items():
        url = url.replace(placeholder, value)
    if path.startswith("/v1/statistik/{level}"):
        url += f"?id={scene.unit.hsa_id}"
    return Call(method, url, body_for(app, scene, method, path, cert_id), cert_id, order_id)


def body_for(app: Certificates, scene: Scene, method: str, path: str,
             cert_id: str | None) -> Any:
    """A body of the right shape for the route (None when it takes none)."""
    version = app.get(uuid.UUID(cert_id)).version if cert_id else 1
    tail = path.rsplit("/", 1)[-1]
    if method == "POST" and path == "/v1/certificates":
        return {"type": "lisjp", "patient": {"personnummer": scene.who.personnummer},
                "careUnit": UNIT_BODY}
    if path == "/v1/recipient/orders":
        return order_body(scene.unit)
    if path.startswith("/v1/orders/{order_id}/"):
        return {"reject": {"text": "Nej"}, "delete": {"confirm": True}, "accept": {},
                "answer": {"text": "Svar"}}.get(tail)
    if path == "/v1/recipient/messages":
        return {"messageId": str(uuid.uuid4()), "sentAt": "2026-11-28T10:00:00+00:00",
                "certificateId": str(_signed(app, scene)), "subject": "OVRIGT",
                "personnummer": scene.who.personnummer, "text": "Fråga"}
    bodies: dict[str, Any] = {
        "content": {"version": version, "content": {}},
        "discard": {"version": version}, "sign": {"version": version},
        "send": {"recipient": "FKASSA"},
        "revoke": {"reason": "FEL_PATIENT", "text": "Fel patient"},
        "ag7804": {"includeDiagnosis": False},
        "questions": {"subject": "OVRIGT", "text": "Fråga"},
        "cannot-complement": {"text": "Går inte"}, "answer": {"text": "Svar"},
    }
    return bodies.get(tail) if method in ("POST", "PUT") else None


def _certificate_for(app: Certificates, scene: Scene, path: str) -> str:
    if path.startswith("/v1/certificates/") and path.endswith(DRAFT_ROUTES):
        return str(draft(app, scene.unit, scene.doctor, scene.who))
    return str(_signed(app, scene))


def _order_for(app: Certificates, scene: Scene) -> str:
    """An unread AF00213 order from Arbetsförmedlingen to the scene's unit."""
    return str(Orders(app, app.clock).create_order(order_request(scene.unit), "AF").id)


def _signed(app: Certificates, scene: Scene) -> uuid.UUID:
    """A LISJP of the scene's patient, signed and sent to Försäkringskassan."""
    cert_id = draft(app, scene.unit, scene.doctor, scene.who)
    app.sign_certificate(cert_id, based_on_version=app.get(cert_id).version, by=scene.doctor)
    app.send_certificate(cert_id, recipient="FKASSA", by=scene.doctor)
    return cert_id


def _question_on(app: Certificates, scene: Scene, cert_id: str | None) -> str:
    message_id = str(uuid.uuid4())
    incoming = IncomingMessage.model_validate({
        "messageId": message_id, "sentAt": app.clock(), "certificateId": cert_id,
        "personnummer": scene.who.personnummer, "subject": "OVRIGT", "text": "Fråga"})
    questions.receive_message(app, incoming, "FKASSA")
    return message_id
