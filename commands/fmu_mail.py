"""The FMU notifications of the day as mails (ORDERS.md §1.8): each investigation's due
notifications (``domain.orders.fmu.notifications``), each addressed as §1.8 says
(``domain.orders.fmu.notifications_mail``), for the mail sender (``commands.mail_sender``) that
sends each once. A notification without an address is left out and logged (type and
investigation id only). An investigation ended with every mail of it sent can be due nothing
more until it changes: ``Settled`` remembers it, and a run reads none of its history again."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from uuid import UUID

import structlog

from commands.investigation_jobs import investigation_ids
from commands.investigation_store import InvestigationStore
from domain.orders.fmu import fold
from domain.orders.fmu.codes import Phase
from domain.orders.fmu.notifications import History, due_notifications
from domain.orders.fmu.notifications_mail import address_of, as_mail, performer_addresses
from domain.orders.fmu.status import phase_of, resolve_status
from domain.orders.notification import DueNotification

log = structlog.get_logger("orders.fmu_mail")


class Settled:
    """Investigations that can be due no mail until they change, by the version they had:
    ended (§1.8: no reminder after the end) and each mail their history causes sent (or
    without an address). Kept by the process that runs the mail sender; its first run reads
    every investigation."""

    def __init__(self) -> None:
        self._versions: dict[UUID, int] = {}

    def unchanged(self, store: InvestigationStore, investigation_id: UUID) -> bool:
        version = self._versions.get(investigation_id)
        return version is not None and not any(store.app.repository.event_store.get(
            investigation_id, gt=version, limit=1))

    def settle(self, investigation_id: UUID, version: int) -> None:
        self._versions[investigation_id] = version


def fmu_mail_due(store: InvestigationStore, today: date, address_book: Mapping[str, str],
                 settled: Settled | None = None,
                 was_sent: Callable[[DueNotification], bool] | None = None,
                 ) -> list[DueNotification]:
    """Every FMU notification due on ``today`` across the store that has an address; with
    ``settled`` (and ``was_sent``, the sender's record) none of a settled investigation."""
    mails = []
    for investigation_id in investigation_ids(store):
        if settled is not None and settled.unchanged(store, investigation_id):
            continue
        found, version, ended = _mail_of(store, investigation_id, today, address_book)
        if settled is not None and was_sent is not None and ended and all(
                was_sent(mail) for mail in found):
            settled.settle(investigation_id, version)
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
