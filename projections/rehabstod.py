"""Rehabstöd's input (DOMAIN.md §7): every signed sick-leave certificate of a unit, as the
case engine in ``domain.sickleave.engine`` takes it, and per unit and patient the timeline the
engine computes cases from (``projections.sick_leave_timelines``). The projection only keeps that
input current; the cases are computed when asked for, as of the day asked.

Each certificate's row keeps the engine's input ready beside the document (column ``engine``:
the ``SickLeaveCertificate`` as compact JSON, checked when the row is written). Whenever a
certificate's row is written, the timeline of its patient at its unit is rebuilt from those
inputs, in the same transaction: the overview and summary then read one row per patient and do
no more than the engine's own work on it.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from domain.content.common.answers import DEGREE_PERCENT
from domain.content.fk.lisjp import LisjpContent, periods
from domain.shared import icd10
from domain.shared.identities import sex
from domain.sickleave.model import SickLeaveCertificate, SickLeavePeriod
from projections import sick_leave_timelines as timelines
from projections.base import DocumentView, Sql, chunks, table_columns
from projections.document import Doc
from projections.sealing import PatientSeal, open_values

SICK_LEAVE_TYPES = ("lisjp",)


class RehabstodView(DocumentView):
    name = "rehabstod"
    holds_patient_data = True
    columns = (("care_unit", "TEXT"), ("care_giver", "TEXT"), ("patient_index", "TEXT"),
               ("signer", "TEXT"), ("start_date", "TEXT"), ("end_date", "TEXT"),
               ("engine", "TEXT"))
    sealed_columns = ("engine",)  # the engine's input names the patient
    # The overview finds a unit's patients by end date, then each one's rows by blind index.
    indexes = (("care_unit", "end_date"), ("care_unit", "patient_index"))

    def __init__(self, seal: PatientSeal | None = None) -> None:
        super().__init__(seal)
        self._written: dict[str, SickLeaveCertificate | None] = {}
        """The engine inputs ``row`` made for the rows being written, by certificate id."""

    def row(self, doc: Doc) -> tuple[Any, ...] | None:
        """None for a certificate it does not list; a forgotten patient's (the personnummer
        read empty: docs/sealing.md) is not listed, though its periods travel clear."""
        if doc["type"] not in SICK_LEAVE_TYPES or doc["state"] != "SIGNED" or \
                not doc["patient"].get("personnummer"):
            return None
        unit = doc["care_unit"]
        cert = sick_leave_certificate(doc)  # None: no period, so no dates either
        self._written[doc["id"]] = cert
        return (unit["hsa_id"], unit["care_giver_hsa_id"],
                self.seal.index(doc["patient"]["personnummer"]),
                (doc["signer"] or {}).get("hsa_id"), cert and cert.start.isoformat(),
                cert and cert.end.isoformat(), cert and stored_input(cert))

    def setup(self, tx: Sql) -> None:
        super().setup(tx)
        timelines.setup(tx)

    def outdated(self, tx: Sql) -> bool:
        """Also when the certificates' table exists without the patients' timelines in the
        current layout (a view written before them would list no patient)."""
        return super().outdated(tx) or (bool(table_columns(tx, self.table))
                                        and timelines.outdated(tx))

    def drop(self, tx: Sql) -> None:
        super().drop(tx)
        timelines.drop(tx)

    def _write(self, tx: Sql, changed: dict[str, Doc]) -> None:
        self._written = {}  # nothing kept from a batch whose transaction failed
        super()._write(tx, changed)

    def written(self, tx: Sql, changed: dict[str, Doc]) -> None:
        """Rebuild the timeline of each patient (at the unit) whose signed certificate changed.
        A signed certificate keeps its unit and patient, so the document names the one row."""
        keys = {(doc["care_unit"]["hsa_id"], doc["patient"]["personnummer"])
                for doc in changed.values()
                if doc["type"] in SICK_LEAVE_TYPES and doc["signed_at"] is not None}
        known, self._written = self._written, {}
        timelines.refresh(tx, self.seal, keys,
                          _inputs_of(tx, self.seal, self.table, keys, known))


def _inputs_of(tx: Sql, seal: PatientSeal, table: str, keys: set[tuple[str, str]],
               known: dict[str, SickLeaveCertificate | None],
               ) -> dict[tuple[str, str], list[SickLeaveCertificate]]:
    """The stored engine inputs of the (unit, personnummer) ``keys``, by key: one query per
    chunk of keys over every unit (row values, so that the (care_unit, patient_index) index
    finds them), and one key lookup to open them all; the rows just written in this
    transaction are taken as ``known`` made them (they read back equal), not opened again."""
    numbers = {(unit, seal.index(personnummer)): personnummer for unit, personnummer in keys}
    wanted = sorted(numbers)
    rows: list[tuple[Any, ...]] = []
    for chunk in chunks(wanted):
        rows += tx.execute(f"SELECT care_unit, patient_index, id, engine FROM {table} "  # noqa: S608
                           "WHERE engine IS NOT NULL AND (care_unit, patient_index) IN "
                           f"({', '.join('(?, ?)' for _ in chunk)})",
                           tuple(value for key in chunk for value in key))
    stored = [row for row in rows if str(row[2]) not in known]
    opened = dict(zip((str(row[2]) for row in stored), _opened_inputs(tx, seal, table, stored),
                      strict=True))
    found: dict[tuple[str, str], list[SickLeaveCertificate]] = {}
    for unit, index, cert_id, _ in rows:
        cert = known[str(cert_id)] if str(cert_id) in known else opened[str(cert_id)]
        if cert is not None:
            found.setdefault((unit, numbers[(unit, index)]), []).append(cert)
    return found


def _opened_inputs(tx: Sql, seal: PatientSeal, table: str, rows: list[tuple[Any, ...]],
                   ) -> list[SickLeaveCertificate | None]:
    """The engine inputs of rows (..., id, engine); None for a forgotten patient's."""
    opened = open_values(tx, seal, [(row[-1], f"{table}.engine:{row[-2]}") for row in rows])
    return [None if stored is None else read_input(stored) for stored in opened]


def patient_certificates(tx: Sql, seal: PatientSeal, unit: str,
                         personnummer: str) -> list[SickLeaveCertificate]:
    """One patient's signed sick-leave certificates at the unit, found by the blind index."""
    rows = tx.execute("SELECT id, engine FROM rehabstod WHERE care_unit = ? AND "
                      "patient_index = ? AND engine IS NOT NULL",
                      (unit, seal.index(personnummer)))
    return [c for c in _opened_inputs(tx, seal, "rehabstod", rows) if c is not None]


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


ENGINE_LAYOUT = (
    "certificate_id", "certificate_type", "personnummer", "patient_name", "sex",
    "protected_identity", "care_unit_id", "care_giver_id", "doctor_id", "doctor_name",
    "signed_at", "diagnosis_code", "secondary_codes", "periods", "occupations", "smittskydd",
    "revoked", "test", "open_komplt", "open_other",
)
"""The order of the values in the ``engine`` column (a JSON array parses in half the time of an
object). Pinned by a test: another layout needs another column name, so that views written in
the old one are rebuilt (``DocumentView.outdated``)."""


def stored_input(cert: SickLeaveCertificate) -> str:
    """The engine's input as the view keeps it: the checked values as a compact JSON array in
    ``ENGINE_LAYOUT`` order, each period as ``[degree, start, end]``."""
    values = cert.model_dump(mode="json")
    values["periods"] = [[p["degree"], p["start"], p["end"]] for p in values["periods"]]
    return json.dumps([values[name] for name in ENGINE_LAYOUT], separators=(",", ":"))


def read_input(stored: str) -> SickLeaveCertificate:
    """The engine's input back from ``stored_input``. The values were checked when the row was
    written, so they are put together without checking them again (the point of the column)."""
    values = dict(zip(ENGINE_LAYOUT, json.loads(stored), strict=True))
    values["periods"] = tuple(
        SickLeavePeriod.model_construct(degree=degree, start=date.fromisoformat(start),
                                        end=date.fromisoformat(end))
        for degree, start, end in values["periods"])
    signed = values["signed_at"]
    values["signed_at"] = datetime.fromisoformat(signed) if signed else None
    values["secondary_codes"] = tuple(values["secondary_codes"])
    values["occupations"] = tuple(values["occupations"])
    return SickLeaveCertificate.model_construct(set(ENGINE_LAYOUT), **values)
