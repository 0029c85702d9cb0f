"""Sends the due e-mail notifications over SMTP, exactly one per (type, recipient, order), even
across restarts.

Each mail handed to the server is recorded as an event (``SentNotification``, its id derived
from the three), AFTER the server accepted it; before a mail is sent the record is looked up
and, if it is there, the mail is not sent again. The trade-off: at least once. A sender that
stops between mails (or whose server fails a mail) loses none and repeats none on its next run;
only a crash in the instant after the server accepted a mail and before its record is stored
sends that one mail again on the next run, with the same ``Message-ID`` (derived from the same
three), so a mail system can drop the copy. Recording before sending would instead lose that
mail for good, and a lost order notice is worse than a repeated one.

A mail names no patient: a fixed sentence and a link (``domain.orders.bestallning.mail_texts``;
an FMU investigation's, ORDERS.md §1.8: ``domain.orders.fmu.notifications_mail``; a
Samverkansytan reminder's: ``domain.samverkan.reminder_mail``).
Run one sender per event store.
"""

from __future__ import annotations

import smtplib
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any
from uuid import UUID

import structlog
from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import IntegrityError, RecordConflictError

from commands.clock import Clock
from domain.orders.bestallning.mail_texts import mail_text
from domain.orders.fmu.notifications_mail import fmu_mail_text
from domain.orders.notification import DueNotification
from domain.orders.sent_mail import SentNotification
from domain.samverkan.reminder_mail import is_space_mail, space_mail_text

log = structlog.get_logger("orders.mail")


@dataclass(frozen=True)
class MailServer:
    host: str
    port: int
    sender: str
    link_base: str
    timeout: float = 10.0
    fmu_link_base: str = "https://intyg.example/utredningar/"
    space_link_base: str = "https://intyg.example/samverkan/"


class MailSender:
    def __init__(self, app: Application[UUID], server: MailServer, clock: Clock,
                 connect: Callable[[MailServer], Any] | None = None) -> None:
        self.app, self.server, self.clock = app, server, clock
        self._connect = connect or _smtp

    def send_due(self, due: Iterable[DueNotification],
                 stop: threading.Event | None = None) -> list[DueNotification]:
        """Send each due notification not sent before, in a stable order; returns those sent
        now. Stops between mails once ``stop`` is set; an SMTP failure ends the run (what was
        not sent stays due for the next)."""
        sent: list[DueNotification] = []
        connection: Any = None
        try:
            for notification in sorted(set(due)):
                if stop is not None and stop.is_set():
                    break
                if self.was_sent(notification):
                    continue
                connection = connection or self._connect(self.server)
                message = self._message(notification)
                connection.send_message(message)
                self._record(notification, message["Message-ID"])
                sent.append(notification)
        finally:
            if connection is not None:
                _quit(connection)
        return sent

    def was_sent(self, notification: DueNotification) -> bool:
        try:
            self.app.repository.get(notification.record_id)
        except AggregateNotFoundError:
            return False
        return True

    def _message(self, notification: DueNotification) -> EmailMessage:
        if is_space_mail(notification):  # a Samverkansytan reminder
            subject, body = space_mail_text(notification, self.server.space_link_base)
        else:
            subject, body = (fmu_mail_text(notification, self.server.fmu_link_base)
                             if notification.about_investigation
                             else mail_text(notification, self.server.link_base))
        message = EmailMessage()
        message["From"] = self.server.sender
        message["To"] = notification.recipient
        message["Subject"] = subject
        message["Date"] = format_datetime(self.clock())
        domain = self.server.sender.rpartition("@")[2] or "intyg"
        message["Message-ID"] = f"<{notification.record_id}@{domain}>"
        message.set_content(body)
        return message

    def _record(self, notification: DueNotification, message_id: str) -> None:
        try:
            self.app.save(SentNotification.record(notification, message_id, self.clock()))
        except (RecordConflictError, IntegrityError):  # recorded meanwhile by another run
            return
        log.info("notification_sent", type=notification.type, order_id=notification.order_id)


def _smtp(server: MailServer) -> smtplib.SMTP:
    return smtplib.SMTP(server.host, server.port, timeout=server.timeout)


def _quit(connection: Any) -> None:
    try:
        connection.quit()
    except (smtplib.SMTPException, OSError):
        connection.close()
