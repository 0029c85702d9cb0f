"""Which notifications are due for an investigation on a given day (ORDERS.md §1.8): pure,
for the mail sender to consume. Each ``Notification`` has a ``key`` (type, recipient,
investigation, subject); the sender records what it sent and passes those keys back as
``sent``, so each is sent once. A reminder's subject holds the deadline it warns about, so a new
last date (an updated order) makes its reminder due again (the national "ersatts").

Notifications carry ids, types and roles only, never patient data. Preferences (which types a
recipient wants) are the sender's concern; every reminder has its own type (quirk 2, §1.12).
Quirk 1 decided: the internal-request reminder is due from the business day before the
answer-by date, not at once. Deliberate too: the utlåtande reminder stops once the utlåtande
is sent.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from domain.orders.calendar import BusinessCalendar, swedish_date
from domain.orders.fmu import fold
from domain.orders.fmu.codes import Actor, Phase, RequestStatus, Status
from domain.orders.fmu.deadlines import FK_ANSWER_REMINDER_DAYS, REMINDER_DAYS
from domain.orders.fmu.facts import Facts
from domain.orders.fmu.status import phase_of, request_status, resolve_status

History = Sequence[tuple[str, Mapping[str, Any]]]
"""An investigation's events in order: (event class name, its fields by name)."""


class NotificationType(StrEnum):
    NY_EXTERNFORFRAGAN = "NY_EXTERNFORFRAGAN"
    SAMTLIGA_INTERNFORFRAGAN_BESVARATS = "SAMTLIGA_INTERNFORFRAGAN_BESVARATS"
    PAMINNELSE_SLUTDATUM_EXTERNFORFRAGAN_PASSERAS = "PAMINNELSE_SLUTDATUM_EXTERNFORFRAGAN_PASSERAS"
    AVVIKELSE_RAPPORTERAD_AV_VARDEN = "AVVIKELSE_RAPPORTERAD_AV_VARDEN"
    NY_INTERNFORFRAGAN = "NY_INTERNFORFRAGAN"
    UTREDNING_TILLDELAD = "UTREDNING_TILLDELAD"
    PAMINNELSE_SLUTDATUM_INTERNFORFRAGAN_PASSERAS = "PAMINNELSE_SLUTDATUM_INTERNFORFRAGAN_PASSERAS"
    NY_BESTALLNING = "NY_BESTALLNING"
    UPPDATERAD_BESTALLNING = "UPPDATERAD_BESTALLNING"
    PAMINNELSE_SLUTDATUM_UTREDNING_PASSERAS = "PAMINNELSE_SLUTDATUM_UTREDNING_PASSERAS"
    KOMPLETTERING_BEGARD = "KOMPLETTERING_BEGARD"
    PAMINNELSEDATUM_KOMPLETTERING_PASSERAS = "PAMINNELSEDATUM_KOMPLETTERING_PASSERAS"
    PAMINNELSE_REDOVISA_BESOK = "PAMINNELSE_REDOVISA_BESOK"
    INGEN_BESTALLNING = "INGEN_BESTALLNING"
    UTREDNING_AVSLUTAD_PGA_JAV = "UTREDNING_AVSLUTAD_PGA_JAV"
    AVVIKELSE_MOTTAGEN_AV_FK = "AVVIKELSE_MOTTAGEN_AV_FK"
    UTREDNING_AVSLUTAD_PGA_AVBRUTEN = "UTREDNING_AVSLUTAD_PGA_AVBRUTEN"
    SLUTDATUM_UTREDNING_PASSERAT = "SLUTDATUM_UTREDNING_PASSERAT"
    SLUTDATUM_KOMPLETTERING_PASSERAT = "SLUTDATUM_KOMPLETTERING_PASSERAT"


class RecipientRole(StrEnum):
    LANDSTING = "LANDSTING"
    VARDENHET = "VARDENHET"


@dataclass(frozen=True)
class Notification:
    type: NotificationType
    role: RecipientRole
    recipient: str
    investigation_id: str
    subject: str

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.type.value, self.recipient, self.investigation_id, self.subject)


T, L, U = NotificationType, RecipientRole.LANDSTING, RecipientRole.VARDENHET
Due = tuple[NotificationType, RecipientRole, str, str]
ENDING_TYPES = {"INGEN_BESTALLNING": T.INGEN_BESTALLNING, "JAV": T.UTREDNING_AVSLUTAD_PGA_JAV,
                "UTREDNING_AVBRUTEN": T.UTREDNING_AVSLUTAD_PGA_AVBRUTEN}


def due_notifications(investigation_id: str, history: History, today: date,
                      calendar: BusinessCalendar,
                      sent: Collection[tuple[str, str, str, str]] = ()) -> list[Notification]:
    """Every notification due on ``today`` and not in ``sent``: those the events caused, then
    the reminders and overdue notices of the day."""
    facts: Facts | None = None
    found: list[Due] = []
    for position, (event, data) in enumerate(history, start=1):
        facts = fold.apply(facts, event, data)
        following = history[position] if position < len(history) else None
        if not _answered_automatically(event, following):
            found += _caused(event, data, facts, f"event:{position}")
    if facts is not None:
        found += _reminders(facts, today, calendar)
    notes = [Notification(t, role, who, investigation_id, subject)
             for t, role, who, subject in found]
    done = set(sent)
    return [n for n in dict.fromkeys(notes) if n.key not in done]


def _answered_automatically(event: str, following: tuple[str, Mapping[str, Any]] | None,
                            ) -> bool:
    """§1.4 #1 and #4: a request whose sole own unit the system asks at once tells that unit,
    not the landsting; an answer the system settles at once (assigned or rejected) is no "all
    answered" news for the landsting."""
    if following is None or following[1]["actor"] != Actor.SYSTEM.value:
        return False
    return event in ("RequestReceived", "UnitAnswered")


def _caused(event: str, d: Mapping[str, Any], f: Facts, subject: str) -> list[Due]:
    """§1.4: what each event tells whom at once."""
    unit, lt = f.assigned_unit or "", f.landsting
    both = [(L, lt), (U, unit)]
    pairs: list[tuple[NotificationType, RecipientRole, str]] = []
    if event == "RequestReceived":
        pairs = [(T.NY_EXTERNFORFRAGAN, L, lt)]
    elif event == "UnitsAsked":
        pairs = [(T.NY_INTERNFORFRAGAN, U, u) for u in d["units"]]
    elif event == "UnitAnswered" and f.assigned_unit is None and all(
            r.answer is not None for r in f.requests):
        pairs = [(T.SAMTLIGA_INTERNFORFRAGAN_BESVARATS, L, lt)]
    elif event == "UnitAssigned":
        pairs = [(T.UTREDNING_TILLDELAD, U, unit)]
    elif event == "OrderReceived" or (event == "OrderedDirectly" and d["documents_by_post"]):
        pairs = [(T.NY_BESTALLNING, U, unit)]
    elif event == "OrderUpdated":
        pairs = [(T.UPPDATERAD_BESTALLNING, U, unit)]
    elif event == "DeviationReceived":
        pairs = [(T.AVVIKELSE_MOTTAGEN_AV_FK, role, who) for role, who in both]
    elif event == "DeviationReported":
        pairs = [(T.AVVIKELSE_RAPPORTERAD_AV_VARDEN, L, lt)]
    elif event == "ComplementRequested":
        pairs = [(T.KOMPLETTERING_BEGARD, U, unit)]
    elif event == "InvestigationEnded" and d["reason"] in ENDING_TYPES:
        pairs = [(ENDING_TYPES[d["reason"]], role, who) for role, who in both
                 if who or role is L]
    return [(t, role, who, subject) for t, role, who in pairs]


def _reminders(f: Facts, today: date, calendar: BusinessCalendar) -> list[Due]:
    return list(_reminders_of(f, today, calendar, resolve_status(f, today)))


def _reminders_of(f: Facts, today: date, calendar: BusinessCalendar,
                  status: Status) -> Iterator[Due]:
    """§1.8, the jobs: each reminder once per deadline, none after the end."""
    phase, unit, lt = phase_of(status), f.assigned_unit or "", f.landsting
    if phase is Phase.AVSLUTAD:
        return
    for r in f.requests:
        last_warning = calendar.add_business_days(swedish_date(r.answer_by), -1)
        if request_status(f, r) is RequestStatus.INKOMMEN and today >= last_warning:
            yield (T.PAMINNELSE_SLUTDATUM_INTERNFORFRAGAN_PASSERAS, U, r.unit,
                   f"answer-by:{swedish_date(r.answer_by)}")
    fk_due = f.fk_answer_by
    if f.assigned_unit is None and fk_due is not None and today <= fk_due <= (
            calendar.add_business_days(today, FK_ANSWER_REMINDER_DAYS - 1)):
        yield (T.PAMINNELSE_SLUTDATUM_EXTERNFORFRAGAN_PASSERAS, L, lt, f"fk-answer-by:{fk_due}")
    horizon = calendar.add_business_days(today, REMINDER_DAYS)
    original = f.original
    if original is not None and original.received_on is None:
        subject = f"{original.statement_id}:{original.last_date}"
        if original.sent_on is None and phase is not Phase.REDOVISA_BESOK and (
                today <= original.last_date <= horizon):
            yield (T.PAMINNELSE_SLUTDATUM_UTREDNING_PASSERAS, U, unit, subject)
        if original.last_date < today:
            yield from ((T.SLUTDATUM_UTREDNING_PASSERAT, r, w, subject) for r, w in
                        ((U, unit), (L, lt)))
    for c in f.complements:
        subject = f"{c.statement_id}:{c.last_date}"
        if c.sent_on is None and c.received_on is None:
            if today <= c.last_date < horizon:
                yield (T.PAMINNELSEDATUM_KOMPLETTERING_PASSERAS, U, unit, subject)
            if c.last_date < today:
                yield from ((T.SLUTDATUM_KOMPLETTERING_PASSERAT, r, w, subject) for r, w in
                            ((U, unit), (L, lt)))
    if status is Status.REDOVISA_BESOK:
        yield (T.PAMINNELSE_REDOVISA_BESOK, U, unit, "redovisa-besok")
