"""What an investigation's events have established (the facts), as immutable values.

Nothing here is a status: status, phase, deadlines, payment eligibility and due notifications
are derived from these facts, today's date and the calendar (``status``, ``deadlines``,
``payment``, ``notifications``). ``fold.apply`` builds the facts, one event at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from domain.orders.fmu.codes import (
    Answer,
    AssessmentKind,
    CausedBy,
    DocumentKind,
    EndReason,
    Profession,
    SummonsChannel,
    Tolk,
)

ORIGINAL = "original"
"""The statement id of the original utlåtande; a complement's id is the one FK's request got."""


@dataclass(frozen=True)
class InternalRequest:
    """A request from the coordinator to one care unit (InternFörfrågan)."""

    unit: str
    asked_at: datetime
    answer_by: datetime
    direct: bool = False
    answer: Answer | None = None
    answered_at: datetime | None = None


@dataclass(frozen=True)
class Deviation:
    """An avvikelse at a visit, reported by Försäkringskassan (``from_fk``) or by care."""

    deviation_id: str
    caused_by: CausedBy
    at: datetime
    from_fk: bool
    citizen_failed_to_arrive: bool = False


@dataclass(frozen=True)
class VisitBooking:
    """A visit as booked: who meets the patient, when, and how and when they were summoned."""

    visit_id: str
    start: datetime
    end: datetime
    profession: Profession
    summons_channel: SummonsChannel
    summoned_on: date
    tolk: Tolk | None = None

    def as_data(self) -> dict[str, Any]:
        """The fields as a VisitBooked event holds them."""
        return {"visit_id": self.visit_id, "start": self.start, "end": self.end,
                "profession": self.profession.value,
                "summons_channel": self.summons_channel.value,
                "summoned_on": self.summoned_on.isoformat(),
                "tolk": None if self.tolk is None else self.tolk.value}


@dataclass(frozen=True)
class Visit(VisitBooking):
    """A booked visit (besök) as it stands; ``changes`` lists its later changes in order
    (OMBOKAT, AVVIKELSE_MOTTAGEN, AVVIKELSE_RAPPORTERAD, AVBOKAT)."""

    held: bool = False
    cancelled: bool = False
    deviations: tuple[Deviation, ...] = ()
    changes: tuple[str, ...] = ()

    @property
    def booked(self) -> bool:
        """Still TIDBOKAD: neither reported held nor cancelled."""
        return not (self.held or self.cancelled)


@dataclass(frozen=True)
class Statement:
    """The original utlåtande or one komplettering (Intyg), with its deadlines."""

    statement_id: str
    complement: bool
    last_date: date
    questions_received_on: date | None = None
    sent_on: date | None = None
    received_on: date | None = None
    complement_deadline: date | None = None
    """The last day Försäkringskassan may request a complement (sistaDatumKompletteringsbegaran)."""


@dataclass(frozen=True)
class Document:
    """A postal delivery of documents (handling), pending until ``received_on`` is set."""

    kind: DocumentKind
    received_on: date | None = None


@dataclass(frozen=True)
class Facts:
    """Everything the events of one investigation have established."""

    kind: AssessmentKind
    landsting: str
    fk_answer_by: date | None = None
    rejected: bool = False
    requests: tuple[InternalRequest, ...] = ()
    assigned_unit: str | None = None
    assigned_at: datetime | None = None
    ordered_at: datetime | None = None
    updated_at: datetime | None = None
    interpreter_needed: bool = False
    documents: tuple[Document, ...] = ()
    visits: tuple[Visit, ...] = ()
    statements: tuple[Statement, ...] = ()
    ended_reason: EndReason | None = None
    ended_at: datetime | None = None
    payment_ids: dict[str, str] = field(default_factory=dict)
    citizen: str | None = None
    """The personnummer of the citizen the order is about: patient data, shown only through
    access-logged reads."""

    @property
    def ordered(self) -> bool:
        return self.ordered_at is not None

    def request_of(self, unit: str) -> InternalRequest | None:
        return next((r for r in self.requests if r.unit == unit), None)

    def visit(self, visit_id: str) -> Visit | None:
        return next((v for v in self.visits if v.visit_id == visit_id), None)

    def statement(self, statement_id: str) -> Statement | None:
        return next((s for s in self.statements if s.statement_id == statement_id), None)

    @property
    def original(self) -> Statement | None:
        return self.statement(ORIGINAL)

    @property
    def complements(self) -> tuple[Statement, ...]:
        return tuple(s for s in self.statements if s.complement)
