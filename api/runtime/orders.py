"""Runs the orders' read model (``projections.orders``) and the mail sender.

The view catches up with the store before every read, so a list always shows what the caller
just did. With ``INTYG_SMTP_HOST`` set, ``intyg serve`` also runs the mail sender in a thread:
every ``INTYG_MAIL_INTERVAL_SECONDS`` it works out which notifications are due (ORDERS.md §2,
``domain.orders.bestallning.reminders``; FMU's of §1.8, ``commands.fmu_mail``; Samverkansytan's
reminders, ``commands.samverkan_mail``) and sends those not sent before
(``commands.mail_sender``). Each kind reads only what can be due: the orders' view, the
schedule of spaces and of investigations (``commands.mail_schedule``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar
from uuid import UUID

import structlog
from eventsourcing.application import Application

from commands.clock import Clock
from commands.fmu_mail import fmu_mail_due, investigation_schedule
from commands.investigation_store import InvestigationStore
from commands.mail_sender import MailSender, MailServer
from commands.samverkan_mail import space_mail_due, space_schedule
from commands.settings import Settings
from domain.orders.bestallning.reminders import due_notifications
from domain.orders.calendar import swedish_date
from domain.orders.notification import DueNotification
from projections.orders import OrdersView, mail_facts
from streams.database import Database, Transaction
from streams.order_feed import feed_orders, prepare_orders
from streams.sealing.view_seal import view_seal

log = structlog.get_logger("orders.runtime")
T = TypeVar("T")


class OrdersRuntime:
    def __init__(self, settings: Settings, app: Application[UUID], clock: Clock) -> None:
        self.settings, self.app, self.clock = settings, app, clock
        self.db = Database(settings)
        self.view = OrdersView(view_seal(settings, self.db))
        self._lock = threading.Lock()
        self._prepared = False
        # which spaces and FMU investigations a mail run reads (kept in the store)
        self.space_schedule = space_schedule(app)
        self.fmu_schedule = investigation_schedule(app)

    def catch_up(self) -> None:
        """Apply what the store holds that the view has not seen (its tables made on first
        use, so an app that never serves an order never touches them)."""
        with self._lock:
            if not self._prepared:
                prepare_orders(self.db, self.view)
                self._prepared = True
            while feed_orders(self.app, self.db, self.view):
                pass

    def read(self, query: Callable[[Transaction], T]) -> T:
        """A query on the view once it has caught up with the store."""
        self.catch_up()
        with self.db.transaction() as tx:
            return query(tx)

    def due(self) -> list[DueNotification]:
        today = self.clock().date()
        orders = [due for facts, sent in self.read(mail_facts)
                  for due in due_notifications(facts, sent, today)]
        return orders + self.fmu_due() + self.space_due()

    def space_due(self) -> list[DueNotification]:
        """The Samverkansytan reminders of today, of the spaces the schedule says are due."""
        return space_mail_due(self.app, self.clock().date(), self.space_schedule,
                              self.sender().was_sent)

    def fmu_due(self) -> list[DueNotification]:
        """FMU's notifications of today (ORDERS.md §1.8), addressed from the address book;
        an investigation settled at an earlier run (of this process or one before it) is not
        read again until it changes."""
        s = self.settings
        store = InvestigationStore(self.app, calendar=s.business_calendar, clock=self.clock)
        return fmu_mail_due(store, swedish_date(self.clock()), s.fmu_mail_addresses,
                            self.fmu_schedule, self.sender().was_sent)

    def sender(self, connect: Callable[[MailServer], Any] | None = None) -> MailSender:
        s = self.settings
        server = MailServer(s.smtp_host, s.smtp_port, s.smtp_from, s.mail_link_base,
                            s.smtp_timeout_seconds, s.fmu_mail_link_base,
                            s.space_mail_link_base)
        return MailSender(self.app, server, self.clock, connect)

    def send_due_mail(self, stop: threading.Event | None = None) -> list[DueNotification]:
        """One run of the mail sender over what is due now."""
        return self.sender().send_due(self.due(), stop)

    def run_mail(self, stop: threading.Event) -> None:
        """Send what is due, again every interval, until ``stop`` is set."""
        while not stop.is_set():
            try:
                self.send_due_mail(stop)
            except Exception as error:  # the SMTP server or the store away: next interval
                log.warning("mail_run_failed", error=type(error).__name__)
            stop.wait(self.settings.mail_interval_seconds)

    def close(self) -> None:
        self.db.close()
