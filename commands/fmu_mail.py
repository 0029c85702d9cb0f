"""The FMU notifications of the day as mails (ORDERS.md §1.8): each investigation's due
notifications (``domain.orders.fmu.notifications``), each addressed as §1.8 says
(``domain.orders.fmu.notifications_mail``), for the mail sender (``commands.mail_sender``) that
sends each once. A notification without an address is left out and logged (type and
investigation id only)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from uuid import UUID

import structlog

from commands.investigation_jobs import investigation_ids
from commands.investigation_store import InvestigationStore
from domain.orders.fmu import fold
from domain.orders.fmu.notifications import History, due_notifications
from domain.orders.fmu.notifications_mail import address_of, as_mail, performer_addresses
from domain.orders.notification import DueNotification

log = structlog.get_logger("orders.fmu_mail")


def fmu_mail_due(store: InvestigationStore, today: date,
                 address_book: Mapping[str, str]) -> list[DueNotification]:
    """Every FMU notification due on ``today`` across the store that has an address."""
    return [mail for investigation_id in investigation_ids(store)
            for mail in _mail_of(store, investigation_id, today, address_book)]


def _mail_of(store: InvestigationStore, investigation_id: UUID, today: date,
             address_book: Mapping[str, str]) -> list[DueNotification]:
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
    return mails
