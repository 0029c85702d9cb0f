"""The answers of the FMU routes: a command's result, and an investigation as the lists and
the detail show it today (ids, codes and dates; the citizen only in the assigned unit's
detail)."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from pydantic import Field

from api.http.schemas import Body


class ChangedOut(Body):
    """After a command: the investigation's id (FK's assessmentId), version, status and the
    log position of its last event; ``replyId`` is a reply's own id (deviationId,
    supplementRequestId) where the message has one."""

    id: UUID
    version: int
    status: str
    position: int | None
    reply_id: str | None = None


class RequestLineOut(Body):
    unit: str
    status: str
    answer_by: datetime
    planning_date: date | None


class OverdueOut(Body):
    fk_answer_overdue: bool
    fk_answer_soon: bool
    statement_overdue: bool
    statement_soon: bool
    complement_overdue: bool
    complement_soon: bool


class PaymentOut(Body):
    paid: bool
    reasons: list[str]
    qualifying_visits: list[str]


class InvestigationOut(Body):
    """One investigation as the lists show it today: ids, codes and dates, no patient data."""

    id: UUID
    kind: str
    landsting: str
    status: str
    phase: str
    next_actor: str
    assigned_unit: str | None
    last_date: date | None
    overdue: bool
    flags: OverdueOut
    payment: PaymentOut
    requests: list[RequestLineOut]


class StepOut(Body):
    """One step of the timeline: what happened, by which actor, who and when."""

    step: str
    actor: str
    by: str
    at: datetime


class InvestigationDetailOut(InvestigationOut):
    timeline: list[StepOut]
    citizen: str | None = Field(default=None, description="The citizen's personnummer: only "
                                "to the assigned unit's vårdadmin, and each such read leaves a "
                                "PDL access entry")


class InvestigationListOut(Body):
    investigations: list[InvestigationOut]
