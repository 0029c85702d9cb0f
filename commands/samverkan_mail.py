"""The Samverkansytan reminders of the day as mails (issue 15 item 6): the due reminders of each
space that can have one (``domain.samverkan.reminder_mail``), for the mail sender
(``commands.mail_sender``) that sends each once.

A run reads only the spaces its schedule (``commands.mail_schedule``) says are due today: those
changed since the last run and those whose next reminder day came. Having read a space whose
every mail of today was sent already (or that has none), the run stores the next day its
reminders change (``domain.samverkan.reminders.next_reminder_day``; never, when none will);
one with a mail not sent yet is read again on the next run."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from uuid import UUID

from eventsourcing.application import Application

from commands.mail_schedule import MailSchedule
from domain.orders.notification import DueNotification
from domain.samverkan.reminder_mail import reminder_mails
from domain.samverkan.reminders import next_reminder_day
from domain.samverkan.space import Space
from domain.topics import topics_of

_PAGE = 500


def space_schedule(app: Application[UUID]) -> MailSchedule:
    """When each space of ``app``'s store is next to be read for its reminders."""
    return MailSchedule(app, "samverkan", topics_of(Space))


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


def space_mail_due(app: Application[UUID], today: date, schedule: MailSchedule | None = None,
                   was_sent: Callable[[DueNotification], bool] | None = None,
                   ) -> list[DueNotification]:
    """The reminder mails due on ``today``: of every space, or with ``schedule`` of the spaces
    it says are due (each then scheduled on, by ``was_sent``, the sender's record)."""
    ids: Iterable[UUID] = space_ids(app) if schedule is None else schedule.due(today)
    mails: list[DueNotification] = []
    for space_id in ids:
        space: Space = app.repository.get(space_id)
        found = reminder_mails(str(space_id), space.facts, today)
        if schedule is not None:
            sent = not found or (was_sent is not None and all(map(was_sent, found)))
            schedule.settle(space_id, space.version,
                            next_reminder_day(space.facts, today) if sent else today)
        mails += found
    return mails
