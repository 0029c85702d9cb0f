"""What a space holds after its events: the citizen, the participants with their scopes and
consent, the items with their release, the sick-leave periods of the linked certificates.
Value objects, replaced whole by ``fold``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from domain.samverkan.measure import Measure
from domain.samverkan.roles import ItemKind, Role, Section

OWNER = "MEDBORGARE"
"""The citizen's participant key: the owner of every space."""


def participant_key(role: Role, party: str) -> str:
    """One key per (role, party): the HSA id, the organisation number or the authority's id."""
    return f"{role.value}:{party}"


@dataclass(frozen=True)
class Participant:
    key: str
    role: Role
    party: str
    scope: frozenset[Section]
    active: bool = True
    consent: bool = False


@dataclass(frozen=True)
class Change:
    """One step in an item's history: what happened, when and by whom."""

    event: str
    at: datetime
    by: str


@dataclass(frozen=True)
class Item:
    id: str
    kind: ItemKind
    author: str  # a participant key, ``OWNER`` for the citizen
    title: str
    text: str
    reference: str | None
    released: bool
    history: tuple[Change, ...]
    measure: Measure | None = None  # a plan item's measure (``domain.samverkan.measure``)
    thread: str | None = None  # a reply's thread: the id of the message that started it


@dataclass(frozen=True)
class Period:
    certificate_id: str
    start: date
    end: date


@dataclass(frozen=True)
class Contact:
    """How a party is reached: given by the party itself, for the space's contact list."""

    name: str
    phone: str
    email: str


@dataclass(frozen=True)
class Facts:
    citizen: str  # the owner's personnummer: patient data, never logged
    opened_at: datetime
    participants: dict[str, Participant] = field(default_factory=dict)
    items: dict[str, Item] = field(default_factory=dict)
    periods: tuple[Period, ...] = ()
    contacts: dict[str, Contact] = field(default_factory=dict)  # by participant key
