"""Rehabstöd's input (DOMAIN.md §7): every signed sick-leave certificate of a unit, as the
case engine in ``domain.sickleave.engine`` takes it. The projection only keeps that input current;
the
cases are computed when asked for, as of the day asked."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from domain.content.common.answers import DEGREE_PERCENT
from domain.content.fk.lisjp import LisjpContent, periods
from domain.shared import icd10
from domain.shared.identities import sex
from domain.sickleave.model import SickLeaveCertificate, SickLeavePeriod
from projections.base import DocumentView, Sql, docs
from projections.document import Doc

SICK_LEAVE_TYPES = ("lisjp",)


class RehabstodView(DocumentView):
    name = "rehabstod"
    columns = (("care_unit", "TEXT"), ("care_giver", "TEXT"), ("personnummer", "TEXT"),
               ("signer", "TEXT"), ("start_date", "TEXT"), ("end_date", "TEXT"))
    indexes = ("care_unit", "personnummer")

    def row(self, doc: Doc) -> tuple[Any, ...] | None:
        if doc["type"] not in SICK_LEAVE_TYPES or doc["state"] != "SIGNED":
            return None
        unit = doc["care_unit"]
        found = periods(LisjpContent.model_validate(doc["content"]))
        first = min((start for _, start, _ in found), default=None)
        last = max((end for _, _, end in found), default=None)
        return (unit["hsa_id"], unit["care_giver_hsa_id"], doc["patient"]["personnummer"],
                (doc["signer"] or {}).get("hsa_id"), first and first.isoformat(),
                last and last.isoformat())


def unit_certificates(tx: Sql, unit: str, today: date | None = None,
                      max_days_since_ended: int = 0) -> list[SickLeaveCertificate]:
    """The unit's signed sick-leave certificates as the case engine takes them. With ``today``
    only those of patients with a certificate active on it or ended at most
    ``max_days_since_ended`` days before (every certificate of such a patient: the engine walks
    their whole chain); the others cannot be on the overview."""
    if today is None:
        rows = tx.execute("SELECT doc FROM rehabstod WHERE care_unit = ?", (unit,))
    else:
        since = (today - timedelta(days=max_days_since_ended)).isoformat()
        rows = tx.execute(
            "SELECT doc FROM rehabstod WHERE care_unit = ? AND personnummer IN ("
            "SELECT personnummer FROM rehabstod WHERE care_unit = ? AND start_date <= ? "
            "AND end_date >= ?)", (unit, unit, today.isoformat(), since))
    return [cert for doc in docs(rows) if (cert := sick_leave_certificate(doc)) is not None]


def patient_certificates(tx: Sql, unit: str, personnummer: str) -> list[SickLeaveCertificate]:
    """One patient's signed sick-leave certificates at the unit."""
    rows = tx.execute("SELECT doc FROM rehabstod WHERE care_unit = ? AND personnummer = ?",
                      (unit, personnummer))
    return [cert for doc in docs(rows) if (cert := sick_leave_certificate(doc)) is not None]


def sick_leave_certificate(doc: Doc) -> SickLeaveCertificate | None:
    """The engine's input from a certificate's document; None for content it cannot read."""
    content = LisjpContent.model_validate(doc["content"])
    codes = [icd10.normalise(d.kod) for d in content.diagnoser or () if d.kod]
    found = [SickLeavePeriod(degree=DEGREE_PERCENT[degree], start=start, end=end)
             for degree, start, end in periods(content)]
    if not found:
        return None
    patient, unit, signer = doc["patient"], doc["care_unit"], doc["signer"] or {}
    return SickLeaveCertificate(
        certificate_id=doc["id"], certificate_type=doc["type"],
        personnummer=patient["personnummer"], patient_name=patient.get("name", ""),
        sex=sex(patient["personnummer"]), protected_identity=patient.get("protected_identity",
                                                                        False),
        care_unit_id=unit["hsa_id"], care_giver_id=unit["care_giver_hsa_id"],
        doctor_id=signer.get("hsa_id", unit["hsa_id"]), doctor_name=signer.get("name", ""),
        signed_at=datetime.fromisoformat(doc["signed_at"]),
        diagnosis_code=codes[0] if codes else None, secondary_codes=tuple(codes[1:3]),
        periods=tuple(found), occupations=tuple(content.sysselsattning or ()),
        smittskydd=bool(content.avstangning_smittskydd), revoked=doc["revoked"],
        test=bool(patient.get("test_indicated")),
        open_komplt=doc.get("open_komplt", 0), open_other=doc.get("open_other", 0),
    )
