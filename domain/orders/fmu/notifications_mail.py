"""The e-mails of FMU's notifications (ORDERS.md §1.8): where each goes, and what it says.

Where it goes: a unit's notifications go to the e-mail its accepted answer named for the
performer (utförarens e-post), when the unit is the one tilldelad; else, and for every landsting
notification, to the address the address book holds for the unit's or the landsting's HSA id
(``INTYG_FMU_MAIL_ADDRESSES``, the national "preference" e-mail). Without an address, no mail
(the sender says so in its log). Every type is enabled for every recipient (the national
default); there is no per-recipient preference to turn one off.

What it says: a fixed Swedish sentence per type, the investigation's id, the date a reminder
warns about, and a link: no patient data, no free text, not even FK's ids of a statement.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from domain.orders.fmu.codes import Answer
from domain.orders.fmu.notifications import History, Notification, NotificationType, RecipientRole
from domain.orders.notification import DueNotification

T = NotificationType
_TEXTS: dict[NotificationType, tuple[str, str]] = {
    T.NY_EXTERNFORFRAGAN: ("Ny förfrågan om utredning",
                           "Försäkringskassan har skickat en ny förfrågan om utredning."),
    T.SAMTLIGA_INTERNFORFRAGAN_BESVARATS: (
        "Förfrågan besvarad av alla vårdenheter",
        "Alla vårdenheter som fick förfrågan om utredningen har svarat."),
    T.PAMINNELSE_SLUTDATUM_EXTERNFORFRAGAN_PASSERAS: (
        "Påminnelse: svar till Försäkringskassan",
        "Svaret på Försäkringskassans förfrågan om utredning ska lämnas senast {date}."),
    T.AVVIKELSE_RAPPORTERAD_AV_VARDEN: ("Avvikelse rapporterad",
                                       "Vården har rapporterat en avvikelse i utredningen."),
    T.NY_INTERNFORFRAGAN: ("Ny förfrågan om utredning",
                           "Er vårdenhet har fått en förfrågan om att utföra en utredning."),
    T.UTREDNING_TILLDELAD: ("Utredning tilldelad",
                            "Er vårdenhet har tilldelats en utredning."),
    T.PAMINNELSE_SLUTDATUM_INTERNFORFRAGAN_PASSERAS: (
        "Påminnelse: besvara förfrågan",
        "Förfrågan om utredning till er vårdenhet ska besvaras senast {date}."),
    T.NY_BESTALLNING: ("Ny beställning av utredning",
                       "Er vårdenhet har fått en beställning av en utredning."),
    T.UPPDATERAD_BESTALLNING: ("Uppdaterad beställning",
                               "Beställningen av en utredning hos er vårdenhet har uppdaterats."),
    T.PAMINNELSE_SLUTDATUM_UTREDNING_PASSERAS: (
        "Påminnelse: utlåtandets slutdatum närmar sig",
        "Utlåtandet i utredningen ska vara Försäkringskassan till handa senast {date}."),
    T.KOMPLETTERING_BEGARD: ("Komplettering begärd",
                             "Försäkringskassan har begärt en komplettering av ett utlåtande."),
    T.PAMINNELSEDATUM_KOMPLETTERING_PASSERAS: (
        "Påminnelse: kompletteringens slutdatum närmar sig",
        "Kompletteringen i utredningen ska vara Försäkringskassan till handa senast {date}."),
    T.PAMINNELSE_REDOVISA_BESOK: ("Påminnelse: redovisa besök",
                                  "Besöken i utredningen behöver redovisas."),
    T.INGEN_BESTALLNING: ("Ingen beställning",
                          "Försäkringskassan beställde inte utredningen; den är avslutad."),
    T.UTREDNING_AVSLUTAD_PGA_JAV: ("Utredning avslutad på grund av jäv",
                                   "Utredningen är avslutad på grund av jäv."),
    T.AVVIKELSE_MOTTAGEN_AV_FK: ("Avvikelse från Försäkringskassan",
                                 "Försäkringskassan har rapporterat en avvikelse i utredningen."),
    T.UTREDNING_AVSLUTAD_PGA_AVBRUTEN: ("Utredning avbruten",
                                        "Försäkringskassan har avbrutit utredningen."),
    T.SLUTDATUM_UTREDNING_PASSERAT: (
        "Utlåtandets slutdatum har passerat",
        "Utlåtandet i utredningen skulle ha varit Försäkringskassan till handa senast {date}."),
    T.SLUTDATUM_KOMPLETTERING_PASSERAT: (
        "Kompletteringens slutdatum har passerat",
        "Kompletteringen i utredningen skulle ha varit Försäkringskassan till handa "
        "senast {date}."),
}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}$")


def performer_addresses(history: History) -> dict[str, str]:
    """Each unit's performer e-mail, as its latest accepting answer named it."""
    found: dict[str, str] = {}
    for event, data in history:
        performer: Mapping[str, Any] = data.get("performer") or {}
        if event == "UnitAnswered" and data["answer"] == Answer.ACCEPTERA.value and (
                performer.get("email")):
            found[data["unit"]] = str(performer["email"])
    return found


def address_of(notification: Notification, assigned_unit: str | None,
               performers: Mapping[str, str], address_book: Mapping[str, str]) -> str | None:
    """§1.8: the tilldelad unit's performer e-mail, else the address book's; None: no mail."""
    who = notification.recipient
    if notification.role is RecipientRole.VARDENHET and who == assigned_unit and (
            who in performers):
        return performers[who]
    return address_book.get(who) or None


def as_mail(notification: Notification, address: str) -> DueNotification:
    return DueNotification(type=notification.type.value, recipient=address,
                           order_id=notification.investigation_id,
                           subject=notification.subject)


def fmu_mail_text(due: DueNotification, link_base: str) -> tuple[str, str]:
    """Subject and body: the type's sentence (with the deadline, for a reminder), the
    investigation's id and the link to it."""
    subject, sentence = _TEXTS[NotificationType(due.type)]
    day = _DATE.search(due.subject)
    text = sentence.format(date=day.group(0) if day else "")
    body = (f"{text}\n\nUtredning: {due.order_id}\nÖppna utredningen: {link_base}{due.order_id}"
            "\n\nDetta meddelande kan inte besvaras.\n")
    return subject, body
