"""Intygsstatistik's facts (DOMAIN.md §8), kept without any personnummer.

The view's documents are redacted as they are written: the patient becomes a keyed pseudonym
(of the patient's blind index, so that it is the same once the personnummer is forgotten), the
sex and the age on the last day of the sick leave (as a version 3 message publishes it; the
birth date of an earlier message, to count it from); the content is cut
down to the periods and the main diagnosis.
So the statistics tables cannot be joined back to a person without the key.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import TypeAdapter, ValidationError

from domain.access.entry import patient_index
from domain.content.common.answers import DEGREE_PERCENT, Sjukskrivning
from domain.content.fk.periods import valid_periods
from domain.shared import icd10
from domain.shared.identities import birth_date, sex
from domain.shared.staff_attributes import StaffAttributes
from domain.statistics.facts import (
    SICK_LEAVE_TYPES,
    CertificateFact,
    MessageFact,
    SickLeavePeriod,
    age_on,
    pseudonym,
)
from projections.base import DocumentView, Sql, table_columns
from projections.document import Doc
from projections.statistik import replay, rollups, rows

_REDACTED = "facts"
_CHUNK = 500
_SICK_LEAVE_PERIODS = TypeAdapter(list[Sjukskrivning] | None)
"""LISJP's question 32 (``LisjpContent.sjukskrivningar``), validated on its own."""


class StatistikView(DocumentView):
    name = "statistik"
    columns = (("type", "TEXT"), ("care_unit", "TEXT"), ("care_giver", "TEXT"),
               ("lan", "TEXT"), ("signed", "TEXT"), ("sex", "TEXT"), ("patient", "TEXT"),
               ("counted", "INTEGER"), ("complemented", "INTEGER"), ("sick_leave", "INTEGER"),
               ("fact", "TEXT"), ("doctor_sex", "TEXT"), ("doctor_age", "INTEGER"),
               ("doctor_title", "TEXT"))
    """A new column set is a new view version: a view written with other columns is dropped and
    rebuilt from the stream when its consumer starts (``DocumentView.outdated``)."""
    version = 3  # 2: the pseudonym is made of the patient's blind index; 3: the signer's HSA
    # attributes (sex, age at signing, title)
    indexes = ("patient", "signed", ("care_giver", "signed"), ("care_unit", "signed"),
               ("lan", "signed"))

    def __init__(self, pseudonym_key: str, index_key: str = "") -> None:
        self.pseudonym_key, self.index_key = pseudonym_key, index_key
        self.replaying = False
        """Set for a replay from the start (``before_replay``): the cases wait for its end."""
        self._facts: dict[str, CertificateFact] = {}
        """The facts ``row`` made in the batch being written, by certificate id."""

    def keep(self, doc: Doc) -> Doc:
        patient = doc["patient"]
        if "personnummer" in patient:
            doc["patient"] = self._redacted(patient)
        if _REDACTED not in doc["content"]:
            doc["content"] = {_REDACTED: _content_facts(doc["type"], doc["content"])}
        doc.pop("author", None)
        _note_complement_questions(doc)
        doc.pop("questions", None)  # free text stays out: each message's subject, day and the
        # ids of the questions a request to complement asks about
        if doc.get("signer"):  # the HSA id and the HSA attributes, staff data
            doc["signer"] = {key: doc["signer"][key] for key in ("hsa_id", "attributes")
                             if key in doc["signer"]}
        return doc

    def _redacted(self, patient: dict[str, Any]) -> dict[str, Any]:
        """The patient as the facts need them: a pseudonym of the blind index, the sex and the
        age a version 3 message publishes (docs/sealing.md), from the personnummer or, once it
        is forgotten, from the facts the message carries clear beside it; a version 1 or 2
        message's birth date instead (the age is then counted in ``fact``). Without either,
        forgotten."""
        number, age = str(patient["personnummer"]), patient.get("age")
        if number:
            index, gender = patient_index(number, self.index_key), sex(number)
        elif patient.get("index") and patient.get("sex") and age is not None:
            index, gender = patient["index"], patient["sex"]
        else:
            return {"forgotten": True}  # a version 2 message sealed under a destroyed key
        known = {"age": age} if age is not None else {"birth_date": birth_date(number).isoformat()}
        return {"pseudonym": pseudonym(index, self.pseudonym_key), "sex": gender, **known,
                "test_indicated": bool(patient.get("test_indicated"))}

    def setup(self, tx: Sql) -> None:
        """The tables; and the end of a replay cut short (so a view never answers from
        certificate rows whose cases or rollups were not written)."""
        super().setup(tx)
        rows.setup(tx)
        replay.setup(tx)
        while replay.step(tx):
            pass

    def outdated(self, tx: Sql) -> bool:
        """Also when the row tables lack a table or column this code writes."""
        return super().outdated(tx) or (bool(table_columns(tx, self.table))
                                        and not rows.current(tx))

    def drop(self, tx: Sql) -> None:
        super().drop(tx)
        rows.drop(tx)
        replay.drop(tx)

    def before_replay(self, tx: Sql) -> None:
        """A replay from the start writes the certificate and message rows batch by batch and
        notes whose cases changed (``rows.defer``); cases, rollups and indexes wait for its
        end (``replay``)."""
        self.replaying = True
        replay.begin(tx, (self.table, *rows.CASE_TABLES))

    def after_replay(self, tx: Sql) -> bool:
        """One step of the replay's end (``replay.step``). False when it is done (the view is
        then current, and writes its cases and rollups as they change)."""
        super().setup(tx)  # the certificate rows' indexes, dropped for the replay
        if replay.step(tx):
            return True
        self.replaying = False
        return False

    def row(self, doc: Doc) -> tuple[Any, ...] | None:
        if not _counted_patient(doc):
            return None
        found = self._facts[doc["id"]] = fact(doc)
        return fact_row(found)

    def _write(self, tx: Sql, changed: dict[str, Doc]) -> None:
        """Write the certificate rows, then the messages of the changed certificates, then the
        cases of every patient whose sick-leave facts changed. What the rows held before is
        read once; what they hold after is known from the batch (no second read). A replay
        notes the patients of every sick-leave certificate of the batch instead, and reads
        nothing."""
        self._facts = {}
        if self.replaying:
            super()._write(tx, changed)
            facts = self._messages_written(tx, changed)
            rows.defer(tx, {found.patient for found in facts.values()
                            if found.type_id in SICK_LEAVE_TYPES})
            return
        before_facts, before_counted = _stored(tx, list(changed))
        super()._write(tx, changed)
        facts = self._messages_written(tx, changed)
        rollups.change_certificates(tx, before_counted,
                                    [_counted_key(found) for found in facts.values()
                                     if found.counted])
        moved = {found.patient for cert_id, found in facts.items()
                 if (found.model_dump_json() if found.type_id in SICK_LEAVE_TYPES else None)
                 != before_facts.get(cert_id)}
        rows.recompute(tx, moved, known={cert_id: found for cert_id, found in facts.items()
                                         if found.patient in moved})

    def _messages_written(self, tx: Sql, changed: dict[str, Doc]) -> dict[str, CertificateFact]:
        """Replace the message rows of the changed signed certificates; their facts (as
        ``row`` made them for the certificate rows just written)."""
        signed = {cert_id: doc for cert_id, doc in changed.items() if _counted_patient(doc)}
        with_messages = [cert_id for cert_id, doc in signed.items() if doc.get("messages")]
        rows.write_messages(tx, with_messages, (m for cert_id in with_messages
                                                for m in message_facts(signed[cert_id])))
        return {cert_id: self._facts.get(cert_id) or fact(doc) for cert_id, doc in signed.items()}


def _counted_patient(doc: Doc) -> bool:
    """A signed certificate whose patient the view knows. A view rebuilt after ``intyg forget``
    reads that patient's certificates with their fields unopenable and leaves them out (the live
    view keeps what it had: its rows hold a pseudonym, sex and age, no key is needed)."""
    return bool(doc["state"] == "SIGNED" and not doc["patient"].get("forgotten"))


def fact_row(found: CertificateFact) -> tuple[Any, ...]:
    """The ``statistik`` columns of one certificate fact, in ``StatistikView.columns`` order."""
    return (found.type_id, found.care_unit, found.care_giver, found.lan,
            found.signed.isoformat(), found.sex, found.patient, int(found.counted),
            int(found.complemented), int(found.feeds_sick_leave), found.model_dump_json(),
            found.doctor_sex, found.doctor_age, found.doctor_title)


def _counted_key(found: CertificateFact) -> tuple[Any, ...]:
    """The certificate rollup's key (``rows.COUNTED``) of a counted certificate, as its
    ``statistik`` row holds it."""
    return (found.signed.isoformat(), found.type_id, found.lan, found.sex,
            int(found.complemented))


def _stored(tx: Sql, cert_ids: list[str]) -> tuple[dict[str, str], list[tuple[Any, ...]]]:
    """What the ``statistik`` rows of these certificates hold now, in one read: the fact of
    each that feeds sick leave (lisjp, fk7263), and the rollup keys (``rows.COUNTED``) of
    those counted."""
    facts: dict[str, str] = {}
    counted: list[tuple[Any, ...]] = []
    for start in range(0, len(cert_ids), _CHUNK):
        chunk = tuple(cert_ids[start:start + _CHUNK])
        marks = ", ".join("?" for _ in chunk)
        for cert_id, fact_json, is_counted, *key in tx.execute(
                f"SELECT id, fact, counted, {', '.join(rows.COUNTED)} "  # noqa: S608
                f"FROM statistik WHERE id IN ({marks})", chunk):
            if key[1] in SICK_LEAVE_TYPES:
                facts[str(cert_id)] = str(fact_json)
            if is_counted == 1:
                counted.append(tuple(key))
    return facts, counted


def _content_facts(type_id: str, content: dict[str, Any]) -> dict[str, Any]:
    codes = [row.get("kod") for row in content.get("diagnoser") or () if isinstance(row, dict)]
    diagnosis = icd10.normalise(codes[0]) if codes and codes[0] else None
    found: list[dict[str, Any]] = []
    if type_id == "lisjp":  # only the periods are read: the rest of the content is left be
        found = [{"degree": DEGREE_PERCENT[degree], "start": start.isoformat(),
                  "end": end.isoformat()}
                 for degree, start, end in valid_periods(
                     _SICK_LEAVE_PERIODS.validate_python(content.get("sjukskrivningar")))]
    return {"diagnosis": diagnosis or None, "periods": found}


def fact(doc: Doc) -> CertificateFact:
    """The certificate fact of one signed certificate's redacted document."""
    patient, unit = doc["patient"], doc["care_unit"]
    signed = date.fromisoformat(doc["signed_at"][:10])
    facts = doc["content"][_REDACTED]
    last_day = max((date.fromisoformat(p["end"]) for p in facts["periods"]), default=signed)
    age = patient["age"] if patient.get("age") is not None else \
        age_on(date.fromisoformat(patient["birth_date"]), last_day)  # before version 3
    complemented = any(c["kind"] == "KOMPLT" and c["state"] == "SIGNED"
                       for c in doc["children"])
    return CertificateFact(
        certificate_id=doc["id"], type_id=doc["type"], patient=patient["pseudonym"],
        sex=patient["sex"], age=age, care_unit=unit["hsa_id"],
        care_giver=unit["care_giver_hsa_id"], lan=unit.get("lan", "00"),
        signed=signed, **_doctor(doc.get("signer") or {}, signed),
        periods=tuple(SickLeavePeriod(degree=p["degree"], start=date.fromisoformat(p["start"]),
                                      end=date.fromisoformat(p["end"]))
                      for p in facts["periods"]),
        diagnosis=facts["diagnosis"], revoked=doc["revoked"],
        test=patient["test_indicated"], complemented=complemented,
    )


def _doctor(signer: dict[str, Any], signed: date) -> dict[str, Any]:
    """The signing doctor as the facts know them: HSA id, and the HSA attributes the signer
    carried (a certificate signed without them: unknown; one out of the code lists: unknown)."""
    try:
        known = StaffAttributes.model_validate(signer.get("attributes") or {})
    except ValidationError:
        known = StaffAttributes()
    return {"doctor": signer.get("hsa_id"), "doctor_age": known.age_on(signed),
            "doctor_sex": known.sex, "doctor_title": known.title}


def message_facts(doc: Doc) -> list[MessageFact]:
    """One fact per message (question, answer, reminder) about the certificate."""
    unit = doc["care_unit"]
    return [MessageFact(message_id=m["id"], certificate_id=doc["id"], subject=m["subject"],
                        sent=date.fromisoformat(m["sent"]), care_unit=unit["hsa_id"],
                        care_giver=unit["care_giver_hsa_id"], lan=unit.get("lan", "00"),
                        sex=doc["patient"]["sex"], type_id=doc["type"],
                        complement_questions=tuple(m.get("complement_questions") or ()))
            for m in doc.get("messages") or ()]


def _note_complement_questions(doc: Doc) -> None:
    """Keep on each received request to complement the ids of the questions it asks about
    (the questions, with their free text, are not kept)."""
    questions = doc.get("questions") or {}
    for m in doc.get("messages") or ():
        asked = questions.get(m["id"]) or {}
        items = asked.get("complement_items") or ()
        if "complement_questions" not in m and items:
            m["complement_questions"] = list(dict.fromkeys(
                str(item.get("questionId") or item.get("question_id")) for item in items))
