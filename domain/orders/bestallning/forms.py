"""Order forms (beställningstyper): one per ``typ``, each naming the certificate ordered and the
two reminder delays, in calendar days, for an order left unread.

The national forms live outside the public code; the one public example is the test form that
orders an AF00213 with reminders after 7 and 14 days. We register AF00213 with those delays and
the code system every order form is coded in.
"""

from __future__ import annotations

from dataclasses import dataclass

FORM_CODE_SYSTEM = "fe11ea2d-9c5f-4786-b98f-bd5e6c93ea72"


@dataclass(frozen=True)
class OrderForm:
    code: str
    certificate_type: str
    description: str
    first_reminder_days: int
    second_reminder_days: int


ORDER_FORMS: dict[str, OrderForm] = {
    "AF00213": OrderForm("AF00213", "af00213", "Arbetsförmedlingens medicinska utlåtande", 7, 14),
}
