"""Mina intyg (DOMAIN.md §9): the citizen's own certificates.

A certificate is in this view once signed, and leaves it when revoked. Test certificates and the
death certificates (DB, DOI) never enter: the citizen cannot see them here.
"""

from __future__ import annotations

from typing import Any

from projections.base import DocumentView, Sql, docs
from projections.document import Doc
from projections.sealing import PatientSeal

HIDDEN_TYPES = frozenset({"db", "doi"})


class MinaIntygView(DocumentView):
    name = "mina-intyg"
    holds_patient_data = True
    columns = (("patient_index", "TEXT"), ("type", "TEXT"), ("care_unit", "TEXT"),
               ("signed_year", "INTEGER"), ("signed_at", "TEXT"), ("sent", "INTEGER"),
               ("archived", "INTEGER"))
    indexes = ("patient_index",)

    def row(self, doc: Doc) -> tuple[Any, ...] | None:
        if doc["state"] != "SIGNED" or doc["revoked"] or doc["type"] in HIDDEN_TYPES \
                or doc["patient"].get("test_indicated"):
            return None
        signed_at: str = doc["signed_at"]
        return (self.seal.index(doc["patient"]["personnummer"]), doc["type"],
                doc["care_unit"]["hsa_id"],
                int(signed_at[:4]), signed_at, int(bool(doc["sent_to"])), int(doc["archived"]))


def citizen_certificates(
    tx: Sql, seal: PatientSeal, personnummer: str, *, year: int | None = None,
    care_unit: str | None = None, type_id: str | None = None, sent: bool | None = None,
    archived: bool = False,
) -> list[Doc]:
    """The citizen's certificates (found by the blind index), newest first, narrowed by the
    filters given."""
    sql = "SELECT doc FROM mina_intyg WHERE patient_index = ? AND archived = ?"
    params: list[Any] = [seal.index(personnummer), int(archived)]
    for column, value in (("signed_year", year), ("care_unit", care_unit), ("type", type_id),
                          ("sent", None if sent is None else int(sent))):
        if value is not None:
            sql += f" AND {column} = ?"
            params.append(value)
    return docs(tx, seal, tx.execute(sql + " ORDER BY signed_at DESC, id", tuple(params)))


def citizen_certificate(tx: Sql, seal: PatientSeal, personnummer: str,
                        certificate_id: str) -> Doc | None:
    """One of the citizen's certificates; None also when it is someone else's, so that the
    API answers 404 either way and never reveals that the id exists."""
    found = docs(tx, seal, tx.execute(
        "SELECT doc FROM mina_intyg WHERE id = ? AND patient_index = ?",
        (certificate_id, seal.index(personnummer))))
    return found[0] if found else None
