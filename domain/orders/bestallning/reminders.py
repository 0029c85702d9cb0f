"""Which mails an order is due (ORDERS.md §2): NY_BESTALLNING to the unit when it arrives; while
it is unread (OLAST), NY_BESTALLNING_PAMINNELSE_1 once more calendar days than the form's first
delay have passed since its arrival (counted to today 00:00), and NY_BESTALLNING_PAMINNELSE_2
once more than the second delay have passed and the first reminder was sent.

The national job runs on weekdays only (cron ``MON-FRI``); ``reminders_run_on`` says so.
Calendar days are the rule here: no business-day calendar is needed.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from domain.orders.bestallning.forms import ORDER_FORMS
from domain.orders.bestallning.status import OrderStatus
from domain.orders.notification import DueNotification

NEW_ORDER = "NY_BESTALLNING"
FIRST_REMINDER = "NY_BESTALLNING_PAMINNELSE_1"
SECOND_REMINDER = "NY_BESTALLNING_PAMINNELSE_2"
NOTIFICATION_TYPES = (NEW_ORDER, FIRST_REMINDER, SECOND_REMINDER)


@dataclass(frozen=True)
class OrderFacts:
    """What the rule needs of one order (from the read model)."""

    order_id: str
    status: OrderStatus
    form: str
    received_on: date
    unit_email: str


def days_unread(facts: OrderFacts, today: date) -> int:
    return (today - facts.received_on).days


def is_overdue(facts: OrderFacts, today: date) -> bool:
    """Unread for longer than the form's first reminder delay."""
    form = ORDER_FORMS.get(facts.form)
    return (facts.status is OrderStatus.OLAST and form is not None
            and days_unread(facts, today) > form.first_reminder_days)


def reminders_run_on(today: date) -> bool:
    return today.weekday() < 5


def due_notifications(facts: OrderFacts, sent: Collection[str],
                      today: date) -> list[DueNotification]:
    """The notifications of this order that are due and not sent (``sent``: types sent)."""
    if facts.status is OrderStatus.RADERAD:
        return []
    wanted = [NEW_ORDER]
    form = ORDER_FORMS.get(facts.form)
    if facts.status is OrderStatus.OLAST and form is not None and reminders_run_on(today):
        days = days_unread(facts, today)
        if days > form.first_reminder_days:
            wanted.append(FIRST_REMINDER)
        if days > form.second_reminder_days and FIRST_REMINDER in sent:
            wanted.append(SECOND_REMINDER)
    return [DueNotification(kind, facts.unit_email, facts.order_id)
            for kind in wanted if kind not in sent]
