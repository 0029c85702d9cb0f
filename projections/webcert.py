"""Webcert's lists for care staff: a care unit's drafts and certificates, one patient's, and
the signed-in doctor's own. Discarded drafts are not listed."""

from __future__ import annotations

from typing import Any

from projections.base import DocumentView, Sql, docs
from projections.document import Doc
from projections.sealing import PatientSeal

DRAFT_STATES = ("DRAFT_INCOMPLETE", "DRAFT_COMPLETE", "DRAFT_LOCKED")


class WebcertView(DocumentView):
    name = "webcert"
    holds_patient_data = True
    columns = (("care_unit", "TEXT"), ("author", "TEXT"), ("signer", "TEXT"),
               ("patient_index", "TEXT"), ("type", "TEXT"), ("state", "TEXT"),
               ("revoked", "INTEGER"), ("updated_at", "TEXT"), ("open_questions", "INTEGER"))
    indexes = ("care_unit",)

    def row(self, doc: Doc) -> tuple[Any, ...] | None:
        if doc["state"] == "DISCARDED":
            return None
        author = (doc["author"] or {}).get("hsa_id")
        signer = (doc["signer"] or {}).get("hsa_id")
        return (doc["care_unit"]["hsa_id"], author, signer,
                self.seal.index(doc["patient"]["personnummer"]),
                doc["type"], doc["state"], int(doc["revoked"]), doc["updated_at"],
                sum(1 for q in (doc.get("questions") or {}).values() if q["state"] != "CLOSED"))


def unit_drafts(tx: Sql, seal: PatientSeal, unit: str, state: str | None = None,
                author: str | None = None) -> list[Doc]:
    """The unit's drafts (one state, or all three), latest change first."""
    states = (state,) if state else DRAFT_STATES
    sql = (f"SELECT doc FROM webcert WHERE care_unit = ? AND state IN "  # noqa: S608
           f"({', '.join('?' for _ in states)})")
    params: list[Any] = [unit, *states]
    if author:
        sql += " AND author = ?"
        params.append(author)
    return docs(tx, seal, tx.execute(sql + " ORDER BY updated_at DESC, id", tuple(params)))


def unit_signed(tx: Sql, seal: PatientSeal, unit: str, signer: str | None = None) -> list[Doc]:
    """The unit's signed certificates (revoked ones included, marked), newest change first."""
    sql = "SELECT doc FROM webcert WHERE care_unit = ? AND state = 'SIGNED'"
    params: list[Any] = [unit]
    if signer:
        sql += " AND signer = ?"
        params.append(signer)
    return docs(tx, seal, tx.execute(sql + " ORDER BY updated_at DESC, id", tuple(params)))


def patient_certificates(tx: Sql, seal: PatientSeal, unit: str, personnummer: str) -> list[Doc]:
    """Drafts and certificates of one patient at the unit, found by the blind index."""
    return docs(tx, seal, tx.execute(
        "SELECT doc FROM webcert WHERE care_unit = ? AND patient_index = ? "
        "ORDER BY updated_at DESC, id", (unit, seal.index(personnummer))))


def unit_open_questions(tx: Sql, seal: PatientSeal, unit: str) -> list[Doc]:
    """The unit's certificates with a question not closed."""
    return docs(tx, seal, tx.execute(
        "SELECT doc FROM webcert WHERE care_unit = ? AND open_questions > 0", (unit,)))
