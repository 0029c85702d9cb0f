"""States, status entries and relations of a certificate (DOMAIN.md §5)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class CertificateState(StrEnum):
    """Webcert's draft states, SIGNED, and DISCARDED for a draft the doctor threw away."""

    DRAFT_INCOMPLETE = "DRAFT_INCOMPLETE"
    DRAFT_COMPLETE = "DRAFT_COMPLETE"
    DRAFT_LOCKED = "DRAFT_LOCKED"
    SIGNED = "SIGNED"
    DISCARDED = "DISCARDED"

    @property
    def is_editable_draft(self) -> bool:
        return self in (CertificateState.DRAFT_INCOMPLETE, CertificateState.DRAFT_COMPLETE)


REVOKED_STATE = "REVOKED"


def shown_state(state: str, revoked: bool) -> str:
    """The state a reader is shown: REVOKED (makulerat) once revoked, else the lifecycle state.

    The lifecycle keeps SIGNED for a revoked certificate (revoked is derived from its CANCELLED
    status, DOMAIN.md §5) and the published events say the same; only what is shown differs."""
    return REVOKED_STATE if revoked else state


class StatusKind(StrEnum):
    """Intygstjänsten's status entries: RECEIVED, SENT, CANCELLED (makulerat), DELETED, RESTORED."""

    RECEIVED = "RECEIVED"
    SENT = "SENT"
    CANCELLED = "CANCELLED"
    DELETED = "DELETED"
    RESTORED = "RESTORED"


class StatusEntry(BaseModel):
    model_config = ConfigDict(frozen=True)

    recipient: str
    kind: StatusKind
    at: datetime


class RelationKind(StrEnum):
    """ERSATT replaces, KOMPLT complements, FRLANG renews (förlängning), KOPIA copies a locked
    draft; CREATED_FROM is "skapad från" (LISJP -> AG7804, DB -> DOI)."""

    ERSATT = "ERSATT"
    KOMPLT = "KOMPLT"
    FRLANG = "FRLANG"
    KOPIA = "KOPIA"
    CREATED_FROM = "CREATED_FROM"


class ChildState(StrEnum):
    DRAFT = "DRAFT"
    SIGNED = "SIGNED"
    REVOKED = "REVOKED"
    DISCARDED = "DISCARDED"


class RevocationReason(StrEnum):
    FEL_PATIENT = "FEL_PATIENT"
    ANNAT_ALLVARLIGT_FEL = "ANNAT_ALLVARLIGT_FEL"


class Viewer(StrEnum):
    """Who looks at the statuses; each sees its own subset (DOMAIN.md §5, visibility)."""

    CITIZEN = "citizen"
    CARE = "care"
    RECIPIENT = "recipient"


def visible_statuses(
    entries: list[StatusEntry], viewer: Viewer, recipient_id: str | None = None
) -> list[StatusEntry]:
    """The citizen sees every state; care all but DELETED/RESTORED; a recipient its own SENT."""
    if viewer is Viewer.CITIZEN:
        return list(entries)
    if viewer is Viewer.CARE:
        hidden = (StatusKind.DELETED, StatusKind.RESTORED)
        return [e for e in entries if e.kind not in hidden]
    return [e for e in entries if e.kind is StatusKind.SENT and e.recipient == recipient_id]
