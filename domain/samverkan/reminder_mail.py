"""The reminders of a space as e-mails (issue 15 item 6), for the mail sender of the orders
(``commands.mail_sender``), which sends each once.

Who gets them: the citizen and every participant still in the space whose grant opens
``PLAN``, at the e-mail of their own entry in the contact list (a party without one gets
none). What a mail says: a fixed Swedish sentence, the date it is about and a link to the
space: no name, no personnummer, no free text (a measure's title and owner stay in the
space); every recipient may see the plan and its dates there. Each reminder is sent once per
recipient: its record is keyed by (kind, date, measure), so the overdue notice is one mail,
not one a day. Pure."""

from __future__ import annotations

from datetime import date

from domain.orders.notification import DueNotification
from domain.samverkan.facts import OWNER, Facts
from domain.samverkan.reminders import ReminderKind, due_reminders
from domain.samverkan.roles import Section

MAIL_TYPE_PREFIX = "SAMVERKAN_"
_TEXTS = {
    ReminderKind.PLAN_DUE_SOON: (
        "Påminnelse: plan för återgång i arbete",
        "Planen för återgång i arbete ska vara klar senast {date}."),
    ReminderKind.PLAN_OVERDUE: (
        "Påminnelse: planen för återgång i arbete är försenad",
        "Planen för återgång i arbete skulle ha varit klar {date}."),
    ReminderKind.FOLLOW_UP_DUE: (
        "Påminnelse: uppföljning av en åtgärd",
        "En åtgärd i planen för återgång i arbete ska följas upp {date}."),
}


def is_space_mail(notification: DueNotification) -> bool:
    return notification.type.startswith(MAIL_TYPE_PREFIX)


def reminder_mails(space_id: str, facts: Facts, today: date) -> list[DueNotification]:
    """The reminders due ``today``, one mail per reminder and recipient."""
    reminders = due_reminders(facts, today)
    if not reminders:
        return []
    return [DueNotification(type=f"{MAIL_TYPE_PREFIX}{r.kind.value}", recipient=address,
                            order_id=space_id, subject=f"{r.on.isoformat()}|{r.item_id or ''}")
            for r in reminders for address in _addresses(facts)]


def _addresses(facts: Facts) -> list[str]:
    readers = {OWNER} | {key for key, p in facts.participants.items()
                         if p.active and Section.PLAN in p.scope}
    return sorted({c.email.strip() for key, c in facts.contacts.items()
                   if key in readers and c.email.strip()})


def space_mail_text(notification: DueNotification, link_base: str) -> tuple[str, str]:
    """Subject and body: the kind's sentence, the date, and the link to the space."""
    kind = ReminderKind(notification.type.removeprefix(MAIL_TYPE_PREFIX))
    subject, sentence = _TEXTS[kind]
    on = notification.subject.partition("|")[0]
    body = (f"{sentence.format(date=on)}\n\nSamverkansytan: "
            f"{link_base}{notification.order_id}\n")
    return subject, body
