"""The mails about orders, in Swedish: a fixed sentence per type and a link to the order, never
patient data (no personnummer, no name, no free text), as the national service's texts.
A type without a text of its own (the FMU types of ORDERS.md §1.8 to come) gets a neutral one.
"""

from __future__ import annotations

from domain.orders.bestallning.reminders import FIRST_REMINDER, NEW_ORDER, SECOND_REMINDER
from domain.orders.notification import DueNotification

_TEXTS: dict[str, tuple[str, str]] = {
    NEW_ORDER: ("Ny intygsbeställning",
                "En ny beställning av intyg har inkommit till er vårdenhet."),
    FIRST_REMINDER: ("Påminnelse: oläst intygsbeställning",
                     "En beställning av intyg till er vårdenhet är fortfarande oläst."),
    SECOND_REMINDER: ("Andra påminnelsen: oläst intygsbeställning",
                      "En beställning av intyg till er vårdenhet är fortfarande oläst. "
                      "Detta är den sista påminnelsen."),
}
_NEUTRAL = ("Händelse i ett ärende", "Det har hänt något i ett ärende hos er vårdenhet.")


def mail_text(due: DueNotification, link_base: str) -> tuple[str, str]:
    """Subject and body of the mail: the sentence and the link to the order."""
    subject, sentence = _TEXTS.get(due.type, _NEUTRAL)
    body = (f"{sentence}\n\nÖppna ärendet: {link_base}{due.order_id}\n\n"
            "Detta meddelande kan inte besvaras.\n")
    return subject, body
