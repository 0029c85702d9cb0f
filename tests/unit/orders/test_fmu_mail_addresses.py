"""DOMAIN.md §10 Intygsbeställning, FMU.

ORDERS.md §1.8, how mail is addressed and what it says: the tilldelad unit's performer e-mail,
else the address book (INTYG_FMU_MAIL_ADDRESSES) for units and landsting; once per (type,
recipient, investigation, subject), an order's mail keeping the key of the three; a fixed
sentence per type with the deadline, the id and the link."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest

from commands.settings import Settings
from domain.orders.fmu.codes import Answer
from domain.orders.fmu.notifications import (
    Notification,
    NotificationType,
    RecipientRole,
    due_notifications,
)
from domain.orders.fmu.notifications_mail import (
    address_of,
    as_mail,
    fmu_mail_text,
    performer_addresses,
)
from domain.orders.notification import DueNotification
from tests.factories import fmu

MON = date(2026, 3, 2)
BOOK = {fmu.LANDSTING: "samordnare@region.example", fmu.UNIT: "enhet@region.example",
        fmu.OTHER_UNIT: "annan@region.example"}
ORDER_ID = "0b6f2a56-8f8e-4a51-9d44-3f0a3c1e7b21"


def _addressed(inv, book=BOOK):
    history = fmu.history(inv)
    performers = performer_addresses(history)
    return {(n.type, address_of(n, inv.facts.assigned_unit, performers, book))
            for n in due_notifications(str(inv.id), history, MON, fmu.CALENDAR)}


def test_the_tilldelad_units_mail_goes_to_its_performer_and_the_landstings_to_the_book():
    """§1.8: utförarens e-post from the tilldelad unit's answer; the landsting's preference
    e-mail for the landsting."""
    addressed = _addressed(fmu.ordered(MON, date(2026, 4, 24)))
    assert (NotificationType.UTREDNING_TILLDELAD, "fmu@example.org") in addressed
    assert (NotificationType.NY_BESTALLNING, "fmu@example.org") in addressed
    assert (NotificationType.NY_EXTERNFORFRAGAN, "samordnare@region.example") in addressed


def test_a_unit_asked_but_not_tilldelad_is_mailed_at_its_address_book_entry():
    """§1.8: a unit that declined has no performer; its request goes to the book's e-mail."""
    inv = fmu.asked(MON, units=(fmu.UNIT, fmu.OTHER_UNIT))
    inv.answer_request(unit=fmu.OTHER_UNIT, answer=Answer.AVBOJ, comment="Nej",
                       performer=None, now=fmu.at(MON), by=fmu.VARDADMIN)
    assert (NotificationType.NY_INTERNFORFRAGAN, "annan@region.example") in _addressed(inv)


def test_a_recipient_without_an_address_gets_no_mail():
    """§1.8: with no performer e-mail and no entry in the book, there is no address (None)."""
    addressed = _addressed(fmu.asked(MON), book={})
    assert addressed == {(NotificationType.NY_EXTERNFORFRAGAN, None),
                         (NotificationType.NY_INTERNFORFRAGAN, None)}


def test_an_orders_mail_keeps_the_record_id_of_its_three_when_fmu_adds_a_subject():
    """Stored records of the orders' mails keep their ids (one per type, recipient, order);
    an FMU reminder's record names its deadline, so a new last date is a new record."""
    order_mail = DueNotification("NY_BESTALLNING", "Enhet@Region.example", ORDER_ID)
    assert order_mail.record_id == UUID("132a3de7-4580-5dc6-887b-69629a19035e")
    assert not order_mail.about_investigation
    reminder = Notification(NotificationType.PAMINNELSE_SLUTDATUM_UTREDNING_PASSERAS,
                            RecipientRole.VARDENHET, fmu.UNIT, ORDER_ID,
                            "original:2026-05-20")
    first = as_mail(reminder, "enhet@region.example")
    moved = as_mail(Notification(reminder.type, reminder.role, reminder.recipient, ORDER_ID,
                                 "original:2026-07-24"), "enhet@region.example")
    assert first.about_investigation
    assert first.record_id == as_mail(reminder, "ENHET@region.example").record_id
    assert len({first.record_id, moved.record_id, order_mail.record_id}) == 3


@pytest.mark.parametrize("kind", list(NotificationType))
def test_every_fmu_type_has_a_swedish_text_with_the_id_and_the_link(kind):
    """§1.8: fixed sentences with only the id, dates and a link; a reminder names its date."""
    mail = DueNotification(kind.value, "enhet@region.example", ORDER_ID, "original:2026-05-20")
    subject, body = fmu_mail_text(mail, "https://intyg.example/utredningar/")
    assert subject and f"Utredning: {ORDER_ID}" in body
    assert f"https://intyg.example/utredningar/{ORDER_ID}" in body
    assert "{" not in body and "original" not in body
    if "PAMINNELSE" in kind.value and kind is not NotificationType.PAMINNELSE_REDOVISA_BESOK:
        assert "2026-05-20" in body


def test_the_address_book_is_read_as_json_from_its_variable(monkeypatch):
    monkeypatch.setenv("INTYG_FMU_MAIL_ADDRESSES",
                       '{"SE2321000016-LT01": "samordnare@region.example"}')
    assert Settings().fmu_mail_addresses == {"SE2321000016-LT01": "samordnare@region.example"}
