"""The FMU notifications of the day as mails (ORDERS.md §1.8): each investigation's due
notifications (``domain.orders.fmu.notifications``), each addressed as §1.8 says
(``domain.orders.fmu.notifications_mail``), for the mail sender (``commands.mail_sender``) that
sends each once. A notification without an address is left out and logged (type and
investigation id only). An investigation ended with every mail of it sent can be due nothing
more until it changes: the schedule (``commands.mail_schedule``, in the store, so a restarted
process knows it too) marks it settled at its version, and no run reads its history again
until a new event of it clears the mark."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from uuid import UUID

import structlog
from eventsourcing.application import Application

from commands.investigation_store import InvestigationStore
from commands.mail_schedule import MailSchedule
from domain.orders.fmu import fold
from domain.orders.fmu.codes import Phase
from domain.orders.fmu.investigation import Investigation
from domain.orders.fmu.notifications import History, due_notifications
from domain.orders.fmu.notifications_mail import address_of, as_mail, performer_addresses
from domain.orders.fmu.status import phase_of, resolve_status
from domain.orders.notification import DueNotification
from domain.topics import topics_of

log = structlog.get_logger("orders.fmu_mail")


def investigation_schedule(app: Application[UUID]) -> MailSchedule:
    """Which investigations of ``app``'s store a mail run reads: those changed since they
    were settled (at once) and none settled."""
    return MailSchedule(app, "fmu", topics_of(Investigation))


def fmu_mail_due(store: InvestigationStore, today: date, address_book: Mapping[str, str],
                 schedule: MailSchedule, was_sent: Callable[[DueNotification], bool],
                 ) -> list[DueNotification]:
    """Every FMU notification due on ``today`` that has an address: of every investigation,
    or with ``schedule`` of those not settled, each ended one whose every mail ``was_sent``
    (the sender's record) then settled at the version read."""
    mails = []
    for investigation_id in schedule.due(today):
        found, version, ended = _mail_of(store, investigation_id, today, address_book)
        if ended and all(map(was_sent, found)):
            schedule.settle(investigation_id, version, None)
        mails += found
    return mails


def _mail_of(store: InvestigationStore, investigation_id: UUID, today: date,
             address_book: Mapping[str, str]) -> tuple[list[DueNotification], int, bool]:
    """The investigation's mails of ``today``, its version, and whether it has ended."""
    history: History = [(type(e).__name__, vars(e))
                        for e in store.app.repository.event_store.get(investigation_id)]
    facts = None
    for event, data in history:
        facts = fold.apply(facts, event, data)
    assigned = None if facts is None else facts.assigned_unit
    performers = performer_addresses(history)
    mails = []
    for note in due_notifications(str(investigation_id), history, today, store.calendar):
        address = address_of(note, assigned, performers, address_book)
        if address is None:
            log.warning("fmu_mail_without_address", type=note.type.value, role=note.role.value,
                        investigation_id=note.investigation_id)
            continue
        mails.append(as_mail(note, address))
    ended = facts is not None and phase_of(resolve_status(facts, today)) is Phase.AVSLUTAD
    return mails, len(history), ended
