"""The Samverkansytan reminders of the day as mails (issue 15 item 6): every space's due
reminders (``domain.samverkan.reminder_mail``), for the mail sender (``commands.mail_sender``)
that sends each once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from uuid import UUID

from eventsourcing.application import Application

from domain.orders.notification import DueNotification
from domain.samverkan.reminder_mail import reminder_mails
from domain.samverkan.space import Space
from domain.topics import topics_of

_PAGE = 500


def space_ids(app: Application[UUID]) -> Iterator[UUID]:
    """Every space, in the order they were opened."""
    topics = topics_of(Space.SpaceOpened)
    start = 1
    while True:
        page = app.recorder.select_notifications(start, _PAGE, topics=topics)
        yield from (UUID(str(n.originator_id)) for n in page)
        if len(page) < _PAGE:
            return
        start = page[-1].id + 1


def space_mail_due(app: Application[UUID], today: date) -> list[DueNotification]:
    """Every space's reminder mails due on ``today``."""
    mails: list[DueNotification] = []
    for space_id in space_ids(app):
        space: Space = app.repository.get(space_id)
        mails += reminder_mails(str(space_id), space.facts, today)
    return mails
