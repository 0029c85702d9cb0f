"""The order from an authority (ORDERS.md §2, DOMAIN.md §10): its state machine, who may know of
it, and the mails it is due."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from domain.orders.bestallning.order import Bestallning, OrderNotFoundError, OrderStatusError
from domain.orders.bestallning.reminders import (
    FIRST_REMINDER,
    NEW_ORDER,
    SECOND_REMINDER,
    OrderFacts,
    due_notifications,
    is_overdue,
)
from domain.orders.bestallning.status import OrderStatus, Tab, tab_of
from domain.shared.errors import InvalidInputError
from tests.factories import care_unit, staff_at
from tests.factories.orders import UNIT_EMAIL, order_request

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # a Monday


def _order(unit=None):
    unit = unit or care_unit()
    return unit, Bestallning.receive(order_request(unit), "AF", NOW, uuid.uuid4())


def test_order_is_unread_then_read_on_the_first_view_only_when_the_unit_views_it():
    """DOMAIN.md §10: UNREAD -> READ on the first view."""
    unit, order = _order()
    staff = staff_at(unit)
    assert order.status is OrderStatus.OLAST
    assert order.read(staff, NOW) is True
    assert order.read(staff, NOW) is False
    assert order.status is OrderStatus.LAST


def test_order_goes_read_accepted_done_when_the_unit_handles_it():
    """DOMAIN.md §10: READ -> ACCEPTED -> DONE."""
    unit, order = _order()
    staff = staff_at(unit)
    order.read(staff, NOW)
    order.accept(staff, "", NOW)
    order.mark_done(staff, NOW)
    assert order.status is OrderStatus.KLAR and tab_of(order.status) is Tab.KLARA


def test_unread_order_cannot_be_accepted_rejected_or_done_when_nobody_has_read_it():
    """ORDERS.md §2: a transition from any other state fails (GENERAL_FEL01_SPARA)."""
    unit, order = _order()
    staff = staff_at(unit)
    for act in (lambda: order.accept(staff, "", NOW), lambda: order.reject(staff, "Nej", NOW),
                lambda: order.delete(staff, "", NOW), lambda: order.mark_done(staff, NOW)):
        with pytest.raises(OrderStatusError):
            act()
    assert order.status is OrderStatus.OLAST


def test_rejecting_needs_a_text_when_the_order_is_read():
    """ORDERS.md §2: AVVISA carries a text."""
    unit, order = _order()
    staff = staff_at(unit)
    order.read(staff, NOW)
    with pytest.raises(InvalidInputError):
        order.reject(staff, "  ", NOW)
    order.reject(staff, "Ingen läkare med rätt kompetens.", NOW)
    assert order.status is OrderStatus.AVVISAD and tab_of(order.status) is Tab.AVVISADE


def test_deleted_order_is_a_tombstone_nobody_sees_when_it_was_rejected_and_deleted():
    """ORDERS.md §2: AVVISA_RADERA keeps the audit trail but the order is never shown again."""
    unit, order = _order()
    staff = staff_at(unit)
    order.read(staff, NOW)
    order.delete(staff, "", NOW)
    assert order.status is OrderStatus.RADERAD
    assert [type(e).__name__ for e in order.collect_events()] == \
        ["OrderReceived", "OrderRead", "OrderDeleted"]
    with pytest.raises(OrderNotFoundError):
        order.check_visible_to(staff)


def test_staff_of_another_unit_get_not_found_when_they_ask_for_the_order():
    """ORDERS.md §2: access is limited to the unit's HSA id and its care giver."""
    _, order = _order()
    with pytest.raises(OrderNotFoundError):
        order.read(staff_at(care_unit()), NOW)
    assert order.status is OrderStatus.OLAST


def _facts(status=OrderStatus.OLAST, received=date(2026, 11, 2)):
    return OrderFacts("o-1", status, "AF00213", received, UNIT_EMAIL)


def test_new_order_mail_is_due_once_when_the_order_arrives():
    """ORDERS.md §2: NY_BESTALLNING to the unit's e-mail on creation."""
    due = due_notifications(_facts(received=date(2026, 11, 30)), set(), date(2026, 11, 30))
    assert [(d.type, d.recipient) for d in due] == [(NEW_ORDER, UNIT_EMAIL)]
    assert due_notifications(_facts(received=date(2026, 11, 30)), {NEW_ORDER},
                             date(2026, 11, 30)) == []


def test_first_reminder_is_due_only_after_more_than_seven_days_when_unread():
    """ORDERS.md §2: reminder 1 once the calendar days since arrival are > paminnelse1 (7)."""
    received = date(2026, 11, 2)  # a Monday
    assert due_notifications(_facts(received=received), {NEW_ORDER}, received + timedelta(7)) == []
    due = due_notifications(_facts(received=received), {NEW_ORDER}, received + timedelta(8))
    assert [d.type for d in due] == [FIRST_REMINDER]
    assert is_overdue(_facts(received=received), received + timedelta(8))


def test_second_reminder_needs_the_first_sent_when_unread_over_fourteen_days():
    """ORDERS.md §2: reminder 2 once > paminnelse2 (14), reminder 1 sent, reminder 2 not."""
    received, today = date(2026, 11, 2), date(2026, 11, 17)  # 15 days, a Tuesday
    assert [d.type for d in due_notifications(_facts(received=received), {NEW_ORDER}, today)] \
        == [FIRST_REMINDER]
    assert [d.type for d in due_notifications(_facts(received=received),
                                              {NEW_ORDER, FIRST_REMINDER}, today)] \
        == [SECOND_REMINDER]


def test_no_reminder_is_due_when_the_order_was_read():
    """ORDERS.md §2: the reminder job considers OLAST orders only."""
    assert due_notifications(_facts(OrderStatus.LAST), {NEW_ORDER}, date(2026, 11, 30)) == []


def test_no_reminder_is_due_on_a_weekend_when_the_order_is_unread():
    """ORDERS.md §2: the reminder job runs Monday to Friday."""
    assert due_notifications(_facts(), {NEW_ORDER}, date(2026, 11, 28)) == []  # a Saturday
