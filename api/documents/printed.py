"""What a printout shows about a certificate besides its answers: the patient, the issuing unit,
the signing doctor and date, and its status, gathered from the care aggregate or from a read
model's document, which both keep the same facts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from domain.certificates.certificate import Certificate
from domain.certificates.lifecycle import StatusEntry, StatusKind, Viewer, visible_statuses
from domain.shared.catalogue import RECIPIENTS

DRAFT_STATES = {"DRAFT_INCOMPLETE": "Utkast, ej komplett", "DRAFT_COMPLETE": "Utkast, ej signerat",
                "DRAFT_LOCKED": "Låst utkast, ej signerat"}


@dataclass(frozen=True)
class PrintedCertificate:
    """The facts a printout of one certificate shows."""

    id: str
    type_id: str
    content_version: int
    content: dict[str, Any]
    patient: dict[str, Any]
    care_unit: dict[str, Any]
    signer_name: str
    signed_at: datetime | None
    state: str
    statuses: tuple[StatusEntry, ...]

    @property
    def revoked_at(self) -> datetime | None:
        """When it was revoked (makulerat); None while it is valid."""
        return next((s.at for s in self.statuses if s.kind == StatusKind.CANCELLED), None)

    @property
    def draft_state(self) -> str | None:
        """The state in words when it is not signed."""
        return DRAFT_STATES.get(self.state)

    def sent_lines(self) -> list[str]:
        """Where it was sent and when, oldest first."""
        sent = [s for s in self.statuses if s.kind == StatusKind.SENT]
        return [f"Skickat till {_recipient(s.recipient)} {s.at.date().isoformat()}"
                for s in reversed(sent)]


def from_certificate(cert: Certificate) -> PrintedCertificate:
    """Care's printout, from the aggregate care reads."""
    return PrintedCertificate(
        id=str(cert.id), type_id=cert.type_id, content_version=cert.content_version,
        content=cert.content, patient=cert.patient_data, care_unit=cert.care_unit_data,
        signer_name=(cert.signer or {}).get("name", ""), signed_at=cert.signed_at,
        state=cert.state.value,
        statuses=tuple(visible_statuses(cert.statuses, Viewer.CARE)))


def from_document(doc: dict[str, Any], viewer: Viewer) -> PrintedCertificate:
    """A printout from a read model's document (Mina intyg), with what ``viewer`` may see."""
    entries = [StatusEntry.model_validate(s) for s in doc["statuses"]]
    signed_at = doc.get("signed_at")
    return PrintedCertificate(
        id=doc["id"], type_id=doc["type"], content_version=doc.get("content_version", 1),
        content=doc["content"], patient=doc["patient"], care_unit=doc["care_unit"],
        signer_name=(doc.get("signer") or {}).get("name", ""),
        signed_at=datetime.fromisoformat(signed_at) if signed_at else None,
        state=doc["state"], statuses=tuple(visible_statuses(entries, viewer)))


def _recipient(recipient_id: str) -> str:
    found = RECIPIENTS.get(recipient_id)
    return found.name if found else recipient_id
