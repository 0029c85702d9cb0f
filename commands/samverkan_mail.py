"""The Samverkansytan reminders of the day as mails (issue 15 item 6): the due reminders of each
space that can have one (``domain.samverkan.reminder_mail``), for the mail sender
(``commands.mail_sender``) that sends each once.

A run reads only the spaces its schedule (``commands.mail_schedule``) says are due today: those
changed since the last run and those whose next reminder day came. Having read a space whose
every mail of today was sent already (or that has none), the run stores the next day its
reminders change (``domain.samverkan.reminders.next_reminder_day``; never, when none will);
one with a mail not sent yet is read again on the next run."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID

from eventsourcing.application import Application

from commands.mail_schedule import MailSchedule
from domain.orders.notification import DueNotification
from domain.samverkan.reminder_mail import reminder_mails
from domain.samverkan.reminders import next_reminder_day
from domain.samverkan.space import Space
from domain.topics import topics_of


def space_schedule(app: Application[UUID]) -> MailSchedule:
    """When each space of ``app``'s store is next to be read for its reminders."""
    return MailSchedule(app, "samverkan", topics_of(Space))


def space_mail_due(app: Application[UUID], today: date, schedule: MailSchedule,
                   was_sent: Callable[[DueNotification], bool]) -> list[DueNotification]:
    """The reminder mails due on ``today`` of the spaces ``schedule`` says are due, each then
    scheduled on by ``was_sent`` (the sender's record)."""
    mails: list[DueNotification] = []
    for space_id in schedule.due(today):
        space: Space = app.repository.get(space_id)
        found = reminder_mails(str(space_id), space.facts, today)
        sent = all(map(was_sent, found))  # none found: nothing to send
        schedule.settle(space_id, space.version,
                        next_reminder_day(space.facts, today) if sent else today)
        mails += found
    return mails
