"""The Space aggregate: one collaboration space per sick-leave case, owned by the citizen
(docs/samverkan.md). Each public method checks its rule and raises a named error, then records
one event naming when (``at``) and who acted (``by``); ``fold.apply`` is each event's meaning.
The events are nested here, so their stored topics are
``domain.samverkan.space:Space.<Event>`` (pinned in ``domain.topics``)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.samverkan import fold
from domain.samverkan.dialogue import thread_of
from domain.samverkan.errors import (
    InvalidSpaceInputError,
    ItemAlreadyApprovedError,
    ItemNotApprovedError,
    ParticipantAlreadyInvitedError,
    ParticipantNotInvitedError,
    SpaceItemNotFoundError,
)
from domain.samverkan.facts import Facts, Item, participant_key
from domain.samverkan.measure import Measure
from domain.samverkan.parties import party_of
from domain.samverkan.roles import CARE, INVITABLE, ItemKind, Role, Section


def _periods(periods: Iterable[tuple[date, date]]) -> list[dict[str, str]]:
    return [{"start": start.isoformat(), "end": end.isoformat()} for start, end in periods]


class Space(Aggregate):
    """One space; ``facts`` is all it holds."""

    class Event(Aggregate.Event):
        at: datetime
        by: str

        def apply(self, aggregate: Any) -> None:
            aggregate.facts = fold.apply(getattr(aggregate, "facts", None), type(self).__name__,
                                         self.__dict__)

    class SpaceOpened(Event, Aggregate.Created):
        """The citizen opened the space: ``citizen`` holds their personnummer (patient data,
        encrypted at rest, sealed on Kafka)."""

        citizen: dict[str, str]

    class CertificateLinked(Event):
        """A certificate of the citizen's feeds the timeline with its sick-leave periods."""

        certificate_id: str
        periods: list[dict[str, str]]

    class ParticipantInvited(Event):
        participant: str
        role: str
        party: str
        scope: list[str]

    class ParticipantRemoved(Event):
        participant: str

    class ConsentRecorded(Event):
        """The patient's consent for a care participant to contribute (lag 2019:1297)."""

        participant: str

    class ConsentWithdrawn(Event):
        participant: str

    class ItemProposed(Event):
        """A plan item, a message or a document (``reference``: e.g. a ledger certificate id);
        ``title``, ``text`` and a plan item's ``measure`` are free text, sealed on Kafka."""

        item_id: str
        kind: str
        author: str
        title: str
        text: str
        reference: str | None
        measure: dict[str, str | None] | None

    class ContactGiven(Event):
        """A party's own contact details for the space's contact list (sealed on Kafka)."""

        participant: str
        contact: dict[str, str]

    class ReplyPosted(Event):
        """A reply in a dialogue thread (``thread``: the message that started it); released
        like any item; its ``text`` is free text, sealed on Kafka."""

        item_id: str
        thread: str
        author: str
        text: str

    class ItemApproved(Event):
        item_id: str

    class ApprovalWithdrawn(Event):
        item_id: str

    if TYPE_CHECKING:  # set by the events' ``apply``; not an argument of the constructor
        facts: Facts

    @property
    def citizen(self) -> dict[str, str]:
        """The owner as the relay's sealer looks a space's patient up."""
        return {"personnummer": self.facts.citizen}

    @classmethod
    def open(cls, *, id: UUID, personnummer: str, certificate_id: str,
             periods: Iterable[tuple[date, date]], now: datetime, by: str) -> Space:
        space = cls._create(cls.SpaceOpened, id=id, citizen={"personnummer": personnummer},
                            at=now, by=by)
        space.link_certificate(certificate_id=certificate_id, periods=periods, now=now, by=by)
        return space

    def link_certificate(self, *, certificate_id: str, periods: Iterable[tuple[date, date]],
                         now: datetime, by: str) -> None:
        self.trigger_event(self.CertificateLinked, certificate_id=certificate_id,
                           periods=_periods(periods), at=now, by=by)

    def invite(self, *, role: Role, party: str, scope: Iterable[Section], now: datetime,
               by: str) -> str:
        if role not in INVITABLE:
            raise InvalidSpaceInputError(f"{role.value} cannot be invited.")
        sections = sorted({Section(s).value for s in scope})
        if not sections:
            raise InvalidSpaceInputError("A grant opens at least one section.")
        party = party_of(role, party)
        key = participant_key(role, party)
        found = self.facts.participants.get(key)
        if found is not None and found.active:
            raise ParticipantAlreadyInvitedError(f"{key} is in the space already.")
        self.trigger_event(self.ParticipantInvited, participant=key, role=role.value,
                           party=party, scope=sections, at=now, by=by)
        return key

    def remove(self, *, participant: str, now: datetime, by: str) -> None:
        self._active(participant)
        self.trigger_event(self.ParticipantRemoved, participant=participant, at=now, by=by)

    def record_consent(self, *, participant: str, given: bool, now: datetime, by: str) -> None:
        found = self._active(participant)
        if found.role not in CARE:
            raise InvalidSpaceInputError("Consent is recorded for care participants.")
        event = self.ConsentRecorded if given else self.ConsentWithdrawn
        self.trigger_event(event, participant=participant, at=now, by=by)

    def propose(self, *, item_id: str, kind: ItemKind, author: str, title: str, text: str,
                reference: str | None, now: datetime, by: str,
                measure: Measure | None = None) -> None:
        """``measure``: a plan item's (owner, dates, status, follow-up); only a plan item has
        one."""
        if measure is not None and kind is not ItemKind.PLANPUNKT:
            raise InvalidSpaceInputError("Only a plan item carries a measure.")
        self.trigger_event(self.ItemProposed, item_id=item_id, kind=kind.value, author=author,
                           title=title, text=text, reference=reference,
                           measure=None if measure is None else measure.as_data(), at=now,
                           by=by)

    def reply(self, *, item_id: str, thread: str, author: str, text: str, now: datetime,
              by: str) -> None:
        """A reply to the thread started by message ``thread`` (dialogue, issue 15 item 5)."""
        if not text.strip():
            raise InvalidSpaceInputError("A reply has a text.")
        self.trigger_event(self.ReplyPosted, item_id=item_id, thread=thread_of(self.facts,
                           thread).id, author=author, text=text, at=now, by=by)

    def approve(self, *, item_id: str, now: datetime, by: str) -> None:
        if self.item(item_id).released:
            raise ItemAlreadyApprovedError(f"Item {item_id} is approved already.")
        self.trigger_event(self.ItemApproved, item_id=item_id, at=now, by=by)

    def withdraw_approval(self, *, item_id: str, now: datetime, by: str) -> None:
        if not self.item(item_id).released:
            raise ItemNotApprovedError(f"Item {item_id} is not approved.")
        self.trigger_event(self.ApprovalWithdrawn, item_id=item_id, at=now, by=by)

    def give_contact(self, *, participant: str, name: str, phone: str, email: str,
                     now: datetime, by: str) -> None:
        if not (name.strip() and (phone.strip() or email.strip())):
            raise InvalidSpaceInputError("A contact has a name and a phone number or e-mail.")
        self.trigger_event(self.ContactGiven, participant=participant,
                           contact={"name": name, "phone": phone, "email": email}, at=now,
                           by=by)

    def item(self, item_id: str) -> Item:
        found = self.facts.items.get(item_id)
        if found is None:
            raise SpaceItemNotFoundError.of(item_id)
        return found

    def _active(self, participant: str) -> Any:
        found = self.facts.participants.get(participant)
        if found is None or not found.active:
            raise ParticipantNotInvitedError(f"{participant} is not in the space.")
        return found
