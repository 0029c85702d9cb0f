"""Intygsstatistik's facts (DOMAIN.md §8), kept without any personnummer.

The view's documents are redacted as they are written: the patient becomes a keyed pseudonym,
the sex and the birth date (for the age on the last day of the sick leave); the content is cut
down to the periods and the main diagnosis.
So the statistics tables cannot be joined back to a person without the key.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from domain.content.common.answers import DEGREE_PERCENT
from domain.content.fk.lisjp import LisjpContent, periods
from domain.shared import icd10
from domain.shared.identities import birth_date, sex
from domain.statistics.cases import FactSet
from domain.statistics.facts import (
    CertificateFact,
    MessageFact,
    SickLeavePeriod,
    age_on,
    pseudonym,
)
from projections.base import DocumentView, Sql
from projections.document import Doc

_REDACTED = "facts"


class StatistikView(DocumentView):
    name = "statistik"
    columns = (("type", "TEXT"), ("care_unit", "TEXT"), ("care_giver", "TEXT"),
               ("lan", "TEXT"), ("signed", "TEXT"), ("fact", "TEXT"), ("messages", "TEXT"))

    def __init__(self, pseudonym_key: str) -> None:
        self.pseudonym_key = pseudonym_key

    def keep(self, doc: Doc) -> Doc:
        patient = doc["patient"]
        if "personnummer" in patient:
            number = patient["personnummer"]
            doc["patient"] = {"pseudonym": pseudonym(number, self.pseudonym_key),
                              "sex": sex(number), "birth_date": birth_date(number).isoformat(),
                              "test_indicated": bool(patient.get("test_indicated"))}
        if _REDACTED not in doc["content"]:
            doc["content"] = {_REDACTED: _content_facts(doc["type"], doc["content"])}
        doc.pop("author", None)
        doc.pop("questions", None)  # free text stays out: only each message's subject and day
        if doc.get("signer"):
            doc["signer"] = {"hsa_id": doc["signer"].get("hsa_id")}
        return doc

    def row(self, doc: Doc) -> tuple[Any, ...] | None:
        if doc["state"] != "SIGNED":
            return None
        unit = doc["care_unit"]
        messages = [m.model_dump(mode="json") for m in message_facts(doc)]
        return (doc["type"], unit["hsa_id"], unit["care_giver_hsa_id"], unit.get("lan", "00"),
                doc["signed_at"][:10], fact(doc).model_dump_json(), json.dumps(messages))


def _content_facts(type_id: str, content: dict[str, Any]) -> dict[str, Any]:
    codes = [row.get("kod") for row in content.get("diagnoser") or () if isinstance(row, dict)]
    diagnosis = icd10.normalise(codes[0]) if codes and codes[0] else None
    found: list[dict[str, Any]] = []
    if type_id == "lisjp":
        found = [{"degree": DEGREE_PERCENT[degree], "start": start.isoformat(),
                  "end": end.isoformat()}
                 for degree, start, end in periods(LisjpContent.model_validate(content))]
    return {"diagnosis": diagnosis or None, "periods": found}


def fact(doc: Doc) -> CertificateFact:
    """The certificate fact of one signed certificate's redacted document."""
    patient, unit = doc["patient"], doc["care_unit"]
    signed = date.fromisoformat(doc["signed_at"][:10])
    facts = doc["content"][_REDACTED]
    last_day = max((date.fromisoformat(p["end"]) for p in facts["periods"]), default=signed)
    age = age_on(date.fromisoformat(patient["birth_date"]), last_day)
    complemented = any(c["kind"] == "KOMPLT" and c["state"] == "SIGNED"
                       for c in doc["children"])
    return CertificateFact(
        certificate_id=doc["id"], type_id=doc["type"], patient=patient["pseudonym"],
        sex=patient["sex"], age=age, care_unit=unit["hsa_id"],
        care_giver=unit["care_giver_hsa_id"], lan=unit.get("lan", "00"),
        doctor=(doc.get("signer") or {}).get("hsa_id"), signed=signed,
        periods=tuple(SickLeavePeriod(degree=p["degree"], start=date.fromisoformat(p["start"]),
                                      end=date.fromisoformat(p["end"]))
                      for p in facts["periods"]),
        diagnosis=facts["diagnosis"], revoked=doc["revoked"],
        test=patient["test_indicated"], complemented=complemented,
    )


def message_facts(doc: Doc) -> list[MessageFact]:
    """One fact per message (question, answer, reminder) about the certificate."""
    unit = doc["care_unit"]
    return [MessageFact(message_id=m["id"], certificate_id=doc["id"], subject=m["subject"],
                        sent=date.fromisoformat(m["sent"]), care_unit=unit["hsa_id"],
                        care_giver=unit["care_giver_hsa_id"], lan=unit.get("lan", "00"),
                        sex=doc["patient"]["sex"])
            for m in doc.get("messages") or ()]


def all_facts(tx: Sql) -> tuple[FactSet, list[MessageFact]]:
    """Every signed certificate's fact (a snapshot that keeps its built cases) and every
    message's, in id order."""
    rows = tx.execute("SELECT fact, messages FROM statistik ORDER BY id")
    facts = FactSet(CertificateFact.model_validate_json(row[0]) for row in rows)
    messages = [MessageFact.model_validate(m) for row in rows for m in json.loads(row[1])]
    return facts, messages
