"""The employer's plan för återgång i arbete as a PDF (SFB 30 kap. 6 §; there is no required
form): the space's approved plan items, each measure with its owner, status, dates and
follow-up, at one version of the space."""

from __future__ import annotations

from datetime import date

from api.documents.layout import Page
from domain.samverkan.facts import Item

TITLE = "Plan för återgång i arbete"
STATUS_WORDS = {"PLANERAD": "Planerad", "PAGAR": "Pågår", "GENOMFORD": "Genomförd",
                "AVBRUTEN": "Avbruten"}


def return_plan_pdf(space_id: str, version: int, due: date | None, items: list[Item]) -> bytes:
    page = Page(TITLE, f"Samverkansytan {space_id} · version {version}")
    page.heading(TITLE, f"Version {version} av planen, så som patienten har godkänt den.")
    page.section("Tidsplan")
    page.facts([("Planen senast", due.isoformat() if due else "Ingen plan krävs ännu")])
    page.section("Åtgärder")
    if not items:
        page.facts([("Åtgärder", "Inga godkända åtgärder ännu")])
    for item in items:
        m = item.measure
        page.facts([("Åtgärd", item.title), ("Beskrivning", item.text)])
        if m is not None:
            page.facts([("Ansvarig", m.owner), ("Status", STATUS_WORDS[m.status.value]),
                        ("Period", f"{_day(m.start)} – {_day(m.end)}"),
                        ("Uppföljning", _day(m.follow_up))])
        page.ln(2)
    return page.done()


def _day(day: date | None) -> str:
    return day.isoformat() if day else "–"
