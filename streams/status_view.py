"""A deliberately small read model that proves the consumer framework: each certificate's type,
state, revoked flag and version. Contains no patient data."""

from __future__ import annotations

from typing import Any

from streams.database import Transaction
from streams.schemas import Envelope

_STATE_OF = {
    "DraftDiscarded": "DISCARDED", "DraftDisposed": "DISCARDED", "DraftLocked": "DRAFT_LOCKED",
    "CertificateSigned": "SIGNED", "CertificateRegistered": "SIGNED",
}


class CertificateStatusView:
    """``name`` is the consumer (group) name; the table is named after it."""

    def __init__(self, name: str = "certificate-status") -> None:
        self.name = name
        self.table = name.replace("-", "_")

    def setup(self, tx: Transaction) -> None:
        tx.execute(f"CREATE TABLE IF NOT EXISTS {self.table} (id TEXT PRIMARY KEY, "
                   "type TEXT, state TEXT, revoked INTEGER, version INTEGER)")

    def apply(self, tx: Transaction, message: Envelope) -> None:
        data: Any = getattr(message, "data", None)
        cert_id = str(message.id)
        if message.event in ("DraftCreated", "CertificateRegistered"):
            tx.execute(f"INSERT INTO {self.table} VALUES (?, ?, ?, 0, ?)",  # noqa: S608
                       (cert_id, data.type_id, _created_state(message), message.version))
            return
        state = _STATE_OF.get(message.event)
        if message.event == "DraftEdited":
            state = "DRAFT_COMPLETE" if data.complete else "DRAFT_INCOMPLETE"
        revoked = 1 if message.event == "CertificateRevoked" else None
        tx.execute(f"UPDATE {self.table} SET state = COALESCE(?, state), "  # noqa: S608
                   "revoked = COALESCE(?, revoked), version = ? WHERE id = ?",
                   (state, revoked, message.version, cert_id))

    def rows(self, tx: Transaction) -> list[tuple[Any, ...]]:
        return tx.execute(f"SELECT id, type, state, revoked, version FROM {self.table} "  # noqa: S608
                          "ORDER BY id")


def _created_state(message: Envelope) -> str:
    data: Any = getattr(message, "data", None)
    if message.event == "CertificateRegistered":
        return "SIGNED"
    return "DRAFT_COMPLETE" if data.complete else "DRAFT_INCOMPLETE"
