"""What each certificate event means for its state and status entries (DOMAIN.md §5), written
once.

``apply(lifecycle, event, data)`` returns the lifecycle after one event, where ``data`` holds the
event's fields by name: the Certificate's event arguments, or the data of the published wire
message (whose fields are the event's fields). The aggregate and the read models' document
(``projections/document.py``) call this one function. Pure: no clock, no ids, no I/O; the input is
not changed. The result holds plain JSON values::

    {"state": "DRAFT_COMPLETE", "statuses": [{"recipient": "FKASSA", "kind": "SENT",
                                              "at": "2026-11-28T10:00:00+00:00"}, ...]}

Status entries are (recipient, state, time), NEWEST FIRST (§5), in every list built from them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from domain.certificates.lifecycle import CertificateState, StatusKind

Lifecycle = dict[str, Any]
Data = Mapping[str, Any]
BEFORE_CREATION: Lifecycle = {"state": None, "statuses": []}
"""The lifecycle before the creating event (DraftCreated or CertificateRegistered)."""


def apply(lifecycle: Lifecycle, event: str, data: Data) -> Lifecycle:
    """The lifecycle after ``event``; an event that does not touch it changes nothing."""
    meaning = _MEANINGS.get(event)
    if meaning is None:
        return lifecycle
    state, new_entries = meaning(data)
    return {
        "state": lifecycle["state"] if state is None else state.value,
        "statuses": [*reversed(new_entries), *lifecycle["statuses"]],
    }


def draft_state(complete: bool) -> CertificateState:
    """§5: a draft whose content passes validation is DRAFT_COMPLETE."""
    return CertificateState.DRAFT_COMPLETE if complete else CertificateState.DRAFT_INCOMPLETE


Entries = list[dict[str, Any]]
Meaning = Callable[[Data], tuple[CertificateState | None, Entries]]


def _entry(recipient: str, kind: StatusKind, at: Any) -> dict[str, Any]:
    return {"recipient": recipient, "kind": kind.value,
            "at": at.isoformat() if isinstance(at, datetime) else at}


def _received(at: Any) -> tuple[CertificateState, Entries]:
    """§5: signed (or registered signed) -> RECEIVED, target HSVARD."""
    return CertificateState.SIGNED, [_entry("HSVARD", StatusKind.RECEIVED, at)]


def _revoked(data: Data) -> tuple[None, Entries]:
    """§5: CANCELLED for care and for every recipient the revoke is forwarded to."""
    recipients = ["HSVARD", *data["forwarded_to"]]
    return None, [_entry(r, StatusKind.CANCELLED, data["revoked_at"]) for r in recipients]


_MEANINGS: dict[str, Meaning] = {
    "DraftCreated": lambda d: (draft_state(d["complete"]), []),
    "CertificateRegistered": lambda d: _received(d["signed_at"]),
    "DraftEdited": lambda d: (draft_state(d["complete"]), []),
    "DraftDiscarded": lambda d: (CertificateState.DISCARDED, []),
    "DraftDisposed": lambda d: (CertificateState.DISCARDED, []),
    "DraftLocked": lambda d: (CertificateState.DRAFT_LOCKED, []),
    "CertificateSigned": lambda d: _received(d["signed_at"]),
    "CertificateSent": lambda d: (None, [_entry(d["recipient"], StatusKind.SENT, d["sent_at"])]),
    "CertificateRevoked": _revoked,
    "CertificateArchived": lambda d: (
        None, [_entry("INVANA", StatusKind.DELETED, d["archived_at"])]),
    "CertificateRestored": lambda d: (
        None, [_entry("INVANA", StatusKind.RESTORED, d["restored_at"])]),
}
DATA_READ = frozenset(("complete", "signed_at", "recipient", "sent_at", "forwarded_to",
                       "revoked_at", "archived_at", "restored_at"))
"""The fields of an event's data the meanings above read (a reader may pass only these)."""
