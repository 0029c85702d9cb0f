"""Helpers of the document tests: realistic content of every draftable type with Unicode
samples in a free text, a printout's facts, the text a PDF holds, and a rendered page kept as a
test artefact (tests/artefacts/, ignored by git)."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pypdfium2
from pypdf import PdfReader

from api.documents.printed import PrintedCertificate
from domain.certificates.lifecycle import StatusEntry, StatusKind
from domain.content.ag.ag114_v2 import from_v1
from tests.factories.content import maximal_ag114_v1, maximal_lisjp, minimal_ag7804
from tests.type_examples import MAXIMAL, MINIMAL

ARTEFACTS = Path(__file__).resolve().parent / "artefacts" / "pdf"
UNICODE_SAMPLES = ("Smärta ≥ 7/10", "Łódź")
SAMPLE_TEXT = f"{UNICODE_SAMPLES[0]} efter resa till {UNICODE_SAMPLES[1]}"
FREE_TEXT: dict[str, str] = {
    "lisjp": "funktionsnedsattning", "ag7804": "funktionsnedsattning",
    "luse": "sjukdomsforlopp", "luae_na": "sjukdomsforlopp",
    "luae_fs": "funktionsnedsattningDebut", "ag114": "nedsattArbetsformaga",
    "ts-bas": "kommentar", "ts-diabetes": "bedomning.ovrigaKommentarer",
    "tstrk1009": "medicinskaForhallanden", "tstrk1062": "bedomningAvSymptom",
    "db": "identitetStyrkt", "doi": "terminalDodsorsak.beskrivning",
    "af00213": "ovrigt", "af00251": "funktionsnedsattning",
}
"""Per type, the free text that carries the Unicode samples."""
PATIENT = {"personnummer": "191212121212", "name": "Łucja Ström"}
UNIT = {"hsa_id": "SE2321000016-1003", "name": "Vårdcentralen Norr",
        "postal_address": "Storgatan 1", "postal_code": "123 45", "postal_town": "Norrstad",
        "phone": "010-123 45 67"}
SIGNED_AT = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
CODE_LIKE = re.compile(r"\b[A-Z0-9]+_[A-Z0-9_]+\b")
"""A national code as stored (HELT_NEDSATT): it must never reach a printout."""


def realistic_content(type_id: str) -> dict[str, Any]:
    """The fullest example content of the type, with the Unicode samples in a free text."""
    fullest = {"lisjp": maximal_lisjp, "ag114": lambda: from_v1(maximal_ag114_v1()),
               "ag7804": lambda: minimal_ag7804(
                   onskarFormedlaDiagnos=True,
                   diagnoser=[{"kod": "M54.4", "beskrivning": "Lumbago med ischias"}]),
               **MAXIMAL}
    content = (fullest.get(type_id) or MINIMAL[type_id])()
    *groups, name = FREE_TEXT[type_id].split(".")
    target = content
    for group in groups:
        target = target.setdefault(group, {})
    target[name] = SAMPLE_TEXT
    return content


def printed(type_id: str, content: dict[str, Any], *, revoked: bool = False,
            state: str = "SIGNED") -> PrintedCertificate:
    statuses = [StatusEntry(recipient="FKASSA", kind=StatusKind.SENT, at=SIGNED_AT)]
    if revoked:
        statuses.insert(0, StatusEntry(recipient="HSVARD", kind=StatusKind.CANCELLED,
                                       at=datetime(2026, 11, 30, tzinfo=UTC)))
    return PrintedCertificate(
        id="5f0c3c1e-0000-4000-8000-000000000001", type_id=type_id, content_version=2
        if type_id == "ag114" else 1, content=content, patient=PATIENT, care_unit=UNIT,
        signer_name="Ajla Doktor", signed_at=SIGNED_AT if state == "SIGNED" else None,
        state=state, statuses=tuple(statuses))


def pdf_text(body: bytes) -> str:
    """The text of every page, with runs of white space (line breaks) as one space."""
    pages = PdfReader(io.BytesIO(body)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def keep_first_page(body: bytes, name: str) -> Path:
    """Render the first page to PNG under ``ARTEFACTS`` and return where it is."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTEFACTS / f"{name}.png"
    document = pypdfium2.PdfDocument(body)
    try:
        document[0].render(scale=1.5).to_pil().save(target)
    finally:
        document.close()
    return target
