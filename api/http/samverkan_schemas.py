"""Request and response bodies of the Samverkansytan routes. Every string and list is
bounded; the free text of items is patient data (stored encrypted, sealed on Kafka)."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from pydantic import Field

from api.http.bounds import BoundedDate
from api.http.schemas import ADDRESS_MOST, CODE_MOST, ID_MOST, NAME_MOST, Body
from domain.content.common.limits import TEXT_MOST
from domain.samverkan.measure import MeasureStatus
from domain.samverkan.roles import ItemKind, Role, Section

PARTICIPANT = {"min_length": 1, "max_length": ID_MOST + 20,
               "pattern": r"^[A-Z]+:[A-Za-z0-9\-.]+$"}


class OpenSpaceIn(Body):
    """One of the citizen's signed lisjp whose sick leave is current today."""

    certificate_id: UUID


class CertificateIn(Body):
    certificate_id: UUID


class InviteIn(Body):
    """``party``: the HSA id (LAKARE, REHABKOORDINATOR), the organisation number
    (ARBETSGIVARE, FORETAGSHALSOVARD) or FKASSA (FORSAKRINGSKASSAN); ``scope``: the
    sections the grant opens."""

    role: Role
    party: str = Field(min_length=1, max_length=ID_MOST, pattern=r"^[A-Za-z0-9\-.]+$")
    scope: list[Section] = Field(default_factory=lambda: list(Section), min_length=1,
                                 max_length=len(Section))


class ConsentIn(Body):
    """The patient's consent for a care participant to contribute: given, or withdrawn."""

    given: bool


class MeasureIn(Body):
    """A plan item's measure: who is responsible, its status, its dates and follow-up."""

    owner: str = Field(min_length=1, max_length=NAME_MOST)
    status: MeasureStatus = MeasureStatus.PLANERAD
    start: BoundedDate | None = None
    end: BoundedDate | None = None
    follow_up: BoundedDate | None = None


class ItemIn(Body):
    """A plan item (with its ``measure``), a message or a document by ``reference`` (e.g. a
    ledger certificate id)."""

    kind: ItemKind
    title: str = Field(min_length=1, max_length=NAME_MOST)
    text: str = Field(default="", max_length=TEXT_MOST)
    reference: str | None = Field(default=None, max_length=ID_MOST)
    measure: MeasureIn | None = None


class ThreadIn(Body):
    """A new dialogue thread: its subject and first message."""

    subject: str = Field(min_length=1, max_length=NAME_MOST)
    text: str = Field(min_length=1, max_length=TEXT_MOST)


class ReplyIn(Body):
    text: str = Field(min_length=1, max_length=TEXT_MOST)


class ContactIn(Body):
    """The caller's own contact details: a name and a phone number or an e-mail."""

    name: str = Field(min_length=1, max_length=NAME_MOST)
    phone: str = Field(default="", max_length=CODE_MOST)
    email: str = Field(default="", max_length=ADDRESS_MOST)


class ContactOut(Body):
    participant: str
    name: str
    phone: str
    email: str


class SpaceChangedOut(Body):
    """After a command: the space's id, version and the log position of its last event;
    ``made``: the new participant's or item's id when the command made one."""

    id: UUID
    version: int
    position: int | None
    made: str | None = None


class ChangeOut(Body):
    event: str
    at: datetime
    by: str


class MeasureOut(Body):
    owner: str
    status: MeasureStatus
    start: date | None
    end: date | None
    follow_up: date | None


class ItemOut(Body):
    id: str
    kind: ItemKind
    author: str
    title: str
    text: str
    reference: str | None
    approved: bool
    history: list[ChangeOut]
    measure: MeasureOut | None = None
    thread: str | None = Field(default=None, description=(
        "A reply's thread: the id of the message that started it."))


class ThreadOut(Body):
    """A dialogue thread as the caller sees it: its first message (``start``, its title the
    subject) and the replies the caller may see, oldest first."""

    id: str
    subject: str
    start: ItemOut
    replies: list[ItemOut]


class ThreadsOut(Body):
    threads: list[ThreadOut]


class ParticipantOut(Body):
    id: str
    role: Role
    party: str
    scope: list[Section]
    active: bool
    consent: bool


class MilestoneOut(Body):
    kind: str
    day: int
    on: date
    reached: bool


class TimelineOut(Body):
    """The sick-day count and the rehabiliteringskedjan's milestones as of today."""

    start: date
    last_certified_day: date
    sick_day: int
    expected_length: int
    milestones: list[MilestoneOut]


class SpaceOut(Body):
    """The space as the caller may see it: ``you`` is their participant id (MEDBORGARE for
    the owner); the participants (removed ones only to the owner); the items they may see;
    the timeline when their grant opens it."""

    id: UUID
    you: str
    participants: list[ParticipantOut]
    items: list[ItemOut]
    timeline: TimelineOut | None
    contacts: list[ContactOut] = Field(default_factory=list, description=(
        "The contact list: each party still in the space that gave its details."))


class PlanOut(Body):
    """The plan för återgång i arbete at a version of the space: its approved plan items
    (the measures), and the day the plan is due when the sick leave is expected to last 60
    days or more."""

    space_id: UUID
    version: int
    due: date | None
    measures: list[ItemOut]


class ReminderOut(Body):
    """``PLAN_DUE_SOON``/``PLAN_OVERDUE``: the plan's deadline (``on``) while no measure is
    approved; ``FOLLOW_UP_DUE``: an open measure's follow-up date (``itemId``)."""

    kind: str
    on: date
    item_id: str | None


class RemindersOut(Body):
    reminders: list[ReminderOut]


class ReadOut(Body):
    """One read of the space by a care or authority participant."""

    at: str
    role: str
    reader: str
    what: str


class ReadsOut(Body):
    reads: list[ReadOut]
