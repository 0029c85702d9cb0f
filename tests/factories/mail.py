"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps every mail it accepted, to read what a
sender really sent. ``refuse_after`` makes it refuse every mail after that many (a server that
fails mid-run); ``hold_after`` keeps the next mail waiting, unanswered, until ``release`` is
set, then refuses it (a sender killed while it waits has had no mail accepted); ``on_mail`` is
called with each mail accepted."""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any, Protocol

from aiosmtpd.controller import Controller

from tests.ports import free_port


def _smtp_ports() -> tuple[int, ...]:
    """Five ports for this process's SMTP test servers: ``INTYG_TEST_SMTP_PORT`` and the four
    after it when set; else five free ones picked once per process, so that two pytest workers
    (each a process, test files of either using the same index) never share one."""
    first = os.environ.get("INTYG_TEST_SMTP_PORT")
    if first:
        return tuple(range(int(first), int(first) + 5))
    picked: list[int] = []
    while len(picked) < 5:
        port = free_port()
        if port not in picked:
            picked.append(port)
    return tuple(picked)


SMTP_PORTS = _smtp_ports()


@dataclass
class Inbox:
    mails: list[EmailMessage] = field(default_factory=list)
    refuse_after: int | None = None
    on_mail: Callable[[EmailMessage], None] | None = None
    hold_after: int | None = None
    holding: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        if self.hold_after is not None and len(self.mails) >= self.hold_after:
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            return "451 Requested action aborted: local error in processing"
        with self._lock:
            if self.refuse_after is not None and len(self.mails) >= self.refuse_after:
                return "451 Requested action aborted: local error in processing"
            mail = message_from_bytes(envelope.content, policy=policy.default)
            assert isinstance(mail, EmailMessage)
            self.mails.append(mail)
        if self.on_mail is not None:
            self.on_mail(mail)
        return "250 OK"

    def kinds(self) -> list[tuple[str, str]]:
        """(subject, To) of each mail, in the order received."""
        return [(str(m["Subject"]), str(m["To"])) for m in self.mails]


@contextmanager
def smtp_server(inbox: Inbox | None = None, port: int = SMTP_PORTS[0]) -> Iterator[Inbox]:
    inbox = inbox or Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()


def body_of(mail: EmailMessage) -> str:
    part = mail.get_body(("plain",))
    return "" if part is None else str(part.get_content())  # type: ignore[attr-defined]


class _Sender(Protocol):
    def send_due_mail(self, stop: threading.Event | None = None) -> list[Any]: ...

    def close(self) -> None: ...


def restarted_after_first_mail(new_sender: Callable[[], _Sender],
                               port: int) -> tuple[Inbox, list[int]]:
    """A sender stopped once its first mail was accepted, then a new one on the same store
    run twice: what arrived, and how many each of the three runs sent."""
    stop = threading.Event()
    with smtp_server(Inbox(on_mail=lambda _: stop.set()), port) as inbox:
        first = new_sender()
        counts = [len(first.send_due_mail(stop))]
        first.close()
        inbox.on_mail = None
        again = new_sender()
        counts += [len(again.send_due_mail()), len(again.send_due_mail())]
        again.close()
    return inbox, counts
