"""The whole certificate as a document (DOMAIN.md §9, print to PDF; care's printout): the form's
title, whether it is valid, the patient, every answer under its question, and the signature
with the issuing unit."""

from __future__ import annotations

from api.documents.answers import Answer, content_answers
from api.documents.layout import Page
from api.documents.printed import PrintedCertificate
from domain.content.registry import texts_for
from domain.shared.catalogue import certificate_type

ABOUT_THE_DECEASED = frozenset({"db", "doi"})


def certificate_pdf(printed: PrintedCertificate) -> bytes:
    """The PDF of the whole certificate, patient and answers included."""
    texts = texts_for(printed.type_id, printed.content_version)
    return write(printed, content_answers(texts, printed.content))


def write(printed: PrintedCertificate, answers: list[Answer], title: str | None = None,
          notes: tuple[str, ...] = (), with_status: bool = True) -> bytes:
    """A printout of ``answers`` with the certificate's heading, patient and signature, and
    where it was sent unless ``with_status`` is off (a copy for someone else)."""
    kind = certificate_type(printed.type_id)
    page = Page(title or kind.name, f"Intygs-id {printed.id}")
    page.heading(title or kind.name, f"{kind.form} · {kind.name}" if title else kind.form)
    for warning in validity(printed):
        page.banner(warning)
    page.section("Den avlidne" if printed.type_id in ABOUT_THE_DECEASED else "Patient")
    page.facts(patient_facts(printed))
    for note in notes:
        page.note(note)
    page.section("Intygets innehåll")
    for answer in answers:
        page.answer(answer)
    page.section("Underskrift")
    page.facts(signature_facts(printed))
    sent = printed.sent_lines() if with_status else []
    if sent:
        page.section("Status")
        page.facts([("Skickat", line.removeprefix("Skickat ")) for line in sent])
    return page.done()


def validity(printed: PrintedCertificate) -> list[str]:
    """The warnings a reader must see first: revoked (makulerat), or not signed."""
    if printed.revoked_at is not None:
        return [f"MAKULERAT {printed.revoked_at.date().isoformat()} – intyget är återkallat "
                "och gäller inte"]
    if printed.draft_state is not None:
        return [f"UTKAST – {printed.draft_state}. Detta är inget giltigt intyg."]
    return []


def patient_facts(printed: PrintedCertificate) -> list[tuple[str, str]]:
    return [("Namn", printed.patient.get("name", "")),
            ("Personnummer", personnummer_in_words(printed.patient.get("personnummer", "")))]


def signature_facts(printed: PrintedCertificate) -> list[tuple[str, str]]:
    unit = printed.care_unit
    address = ", ".join(part for part in (
        unit.get("postal_address", ""),
        " ".join(p for p in (unit.get("postal_code", ""), unit.get("postal_town", "")) if p),
    ) if part)
    signed = printed.signed_at.date().isoformat() if printed.signed_at else "Ej signerat"
    return [("Signerat av", printed.signer_name), ("Signeringsdatum", signed),
            ("Vårdenhet", unit.get("name", "")), ("Adress", address),
            ("Telefon", unit.get("phone", ""))]


def personnummer_in_words(stored: str) -> str:
    """The 12 stored digits written as people write them: ÅÅÅÅMMDD-NNNN."""
    return f"{stored[:8]}-{stored[8:]}" if len(stored) == 12 and stored.isdigit() else stored
