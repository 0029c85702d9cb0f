"""The Spaces application: one method per use case of a Samverkansytan space (ORDERS.md §3;
docs/samverkan.md). Each loads the space for its caller (to anyone not in it, a space does
not exist), lets ``domain.samverkan.rules.decide`` say whether the caller may, calls one
domain method and saves, in the event store the certificates live in."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from eventsourcing.application import Application

from commands.clock import Clock, IdFactory, new_id, system_clock
from commands.samverkan_certificates import sick_leave_periods
from commands.stored import save_changed, stored_or
from domain.access.entry import patient_index
from domain.samverkan.dialogue import visible_thread
from domain.samverkan.errors import (
    SpaceAlreadyOpenError,
    SpaceItemNotFoundError,
    SpaceNotFoundError,
    SpaceVersionNotFoundError,
)
from domain.samverkan.facts import Facts
from domain.samverkan.measure import Measure
from domain.samverkan.roles import Action, ItemKind, Role, Section
from domain.samverkan.rules import Caller, decide, visible_items
from domain.samverkan.space import Space
from domain.samverkan.uploads import upload_reference
from domain.shared.errors import StaleVersionError

_SPACES = uuid.UUID("9b1f4c2e-7d35-4a8e-b6f0-3c58e2a91d47")
Step = Callable[[Space, datetime], None]


@dataclass(frozen=True)
class SpaceResult:
    """The space's id and version after the command, the log position of its last event, and
    the new item's or participant's id when the command made one."""

    id: UUID
    version: int
    position: int | None
    made: str | None = None


class Spaces:
    def __init__(self, app: Application[UUID], index_key: str, *, clock: Clock = system_clock,
                 ids: IdFactory = new_id) -> None:
        self.app, self._index_key, self.clock, self.ids = app, index_key, clock, ids

    # --- reading ---------------------------------------------------------------------------
    def get_for(self, space_id: UUID, caller: Caller, action: Action = Action.VIEW_SPACE,
                section: Section | None = None) -> tuple[Space, str]:
        """The space and the caller's key in it, if they may take ``action``."""
        if caller.space is not None and caller.space != str(space_id):
            raise SpaceNotFoundError.of(space_id)  # a token held to another space
        space = stored_or(self.app, space_id, Space, SpaceNotFoundError.of)
        return space, decide(space.facts, space_id, caller, action, section)

    def facts(self, space_id: UUID, caller: Caller) -> tuple[Facts, str]:
        space, member = self.get_for(space_id, caller)
        return space.facts, member

    def plan(self, space_id: UUID, caller: Caller,
             version: int | None = None) -> tuple[Facts, int]:
        """The space as it stood at ``version`` (now when None) and that version, for its
        plan; who may read it is decided on the space as it is now."""
        space, _ = self.get_for(space_id, caller, Action.VIEW_SPACE, Section.PLAN)
        if version is None or version == space.version:
            return space.facts, space.version
        if not 1 <= version <= space.version:
            raise SpaceVersionNotFoundError(f"The space has no version {version}.")
        earlier: Space = self.app.repository.get(space_id, version=version)
        return earlier.facts, version

    # --- the citizen's -----------------------------------------------------------------------
    def open(self, caller: Caller, certificate_id: UUID) -> SpaceResult:
        """A space for the sick-leave case of one of the citizen's current certificates; one
        per case (its id follows from the citizen's blind index and the case's first day)."""
        personnummer = caller.personnummer or ""
        periods = sick_leave_periods(self.app, certificate_id, personnummer,
                                     self.clock().date())
        first = min(start for start, _ in periods)
        space_id = uuid.uuid5(_SPACES, f"{patient_index(personnummer, self._index_key)}:{first}")
        space = Space.open(id=space_id, personnummer=personnummer,
                           certificate_id=str(certificate_id), periods=periods,
                           now=self.clock(), by=caller.by)
        try:
            return self._save(space)
        except StaleVersionError:
            raise SpaceAlreadyOpenError("The sick-leave case has a space already.") from None

    def link_certificate(self, space_id: UUID, caller: Caller,
                         certificate_id: UUID) -> SpaceResult:
        """Another of the citizen's certificates (a renewal, say) feeds the timeline."""
        space, _ = self.get_for(space_id, caller, Action.LINK_CERTIFICATE)
        periods = sick_leave_periods(self.app, certificate_id, space.facts.citizen, None)
        space.link_certificate(certificate_id=str(certificate_id), periods=periods,
                               now=self.clock(), by=caller.by)
        return self._save(space)

    def invite(self, space_id: UUID, caller: Caller, role: Role, party: str,
               scope: Iterable[Section]) -> SpaceResult:
        made: list[str] = []
        result = self._change(space_id, caller, Action.INVITE, None, lambda s, now: made.append(
            s.invite(role=role, party=party, scope=scope, now=now, by=caller.by)))
        return SpaceResult(result.id, result.version, result.position, made[0])

    def remove(self, space_id: UUID, caller: Caller, participant: str) -> SpaceResult:
        return self._change(space_id, caller, Action.REMOVE, None, lambda s, now: s.remove(
            participant=participant, now=now, by=caller.by))

    def record_consent(self, space_id: UUID, caller: Caller, participant: str,
                       given: bool) -> SpaceResult:
        return self._change(space_id, caller, Action.RECORD_CONSENT, None,
                            lambda s, now: s.record_consent(participant=participant,
                                                            given=given, now=now, by=caller.by))

    def approve(self, space_id: UUID, caller: Caller, item_id: str) -> SpaceResult:
        return self._change(space_id, caller, Action.APPROVE, None, lambda s, now: s.approve(
            item_id=item_id, now=now, by=caller.by))

    def withdraw_approval(self, space_id: UUID, caller: Caller, item_id: str) -> SpaceResult:
        return self._change(space_id, caller, Action.WITHDRAW_APPROVAL, None,
                            lambda s, now: s.withdraw_approval(item_id=item_id, now=now,
                                                               by=caller.by))

    # --- every participant's -------------------------------------------------------------------
    def contribute(self, space_id: UUID, caller: Caller, kind: ItemKind, title: str, text: str,
                   reference: str | None = None, measure: Measure | None = None
                   ) -> SpaceResult:
        """A plan item, a message or a document: seen by its author and the citizen until the
        citizen approves it (the citizen's own are released at once)."""
        item_id = str(self.ids())
        space, member = self.get_for(space_id, caller, Action.CONTRIBUTE, kind.section)
        space.propose(item_id=item_id, kind=kind, author=member, title=title, text=text,
                      reference=reference, now=self.clock(), by=caller.by, measure=measure)
        result = self._save(space)
        return SpaceResult(result.id, result.version, result.position, item_id)

    def reply(self, space_id: UUID, caller: Caller, thread: str, text: str) -> SpaceResult:
        """A reply in a thread the caller sees: released as any message is."""
        item_id = str(self.ids())
        space, member = self.get_for(space_id, caller, Action.CONTRIBUTE, Section.DIALOG)
        visible_thread(space.facts, member, thread)
        space.reply(item_id=item_id, thread=thread, author=member, text=text,
                    now=self.clock(), by=caller.by)
        result = self._save(space)
        return SpaceResult(result.id, result.version, result.position, item_id)

    def upload(self, space_id: UUID, caller: Caller, title: str,
               keep: Callable[[str, str], None]) -> SpaceResult:
        """An uploaded document: ``keep(item_id, personnummer)`` stores the file sealed under
        the citizen's key before its item (released per item as the rest) is saved."""
        item_id = str(self.ids())
        space, member = self.get_for(space_id, caller, Action.CONTRIBUTE, Section.DOKUMENT)
        keep(item_id, space.facts.citizen)
        space.propose(item_id=item_id, kind=ItemKind.DOKUMENT, author=member, title=title,
                      text="", reference=upload_reference(item_id), now=self.clock(),
                      by=caller.by)
        result = self._save(space)
        return SpaceResult(result.id, result.version, result.position, item_id)

    def uploaded(self, space_id: UUID, caller: Caller, item_id: str) -> Facts:
        """The space's facts if ``item_id`` is an uploaded document the caller sees; else
        the unknown document's answer (a removed participant's is the unknown space's)."""
        space, member = self.get_for(space_id, caller, Action.VIEW_SPACE, Section.DOKUMENT)
        if not any(i.id == item_id and i.reference == upload_reference(item_id)
                   for i in visible_items(space.facts, member)):
            raise SpaceItemNotFoundError(f"No document {item_id} in the space.")
        return space.facts

    def give_contact(self, space_id: UUID, caller: Caller, name: str, phone: str,
                     email: str) -> SpaceResult:
        """The caller's own entry in the space's contact list."""
        space, member = self.get_for(space_id, caller, Action.GIVE_CONTACT)
        space.give_contact(participant=member, name=name, phone=phone, email=email,
                           now=self.clock(), by=caller.by)
        return self._save(space)

    # --- helpers -------------------------------------------------------------------------------
    def _change(self, space_id: UUID, caller: Caller, action: Action, section: Section | None,
                step: Step) -> SpaceResult:
        space, _ = self.get_for(space_id, caller, action, section)
        step(space, self.clock())
        return self._save(space)

    def _save(self, space: Space) -> SpaceResult:
        position = save_changed(self.app, space,
                                "Another command changed the space at the same time; retry.")
        return SpaceResult(id=space.id, version=space.version, position=position)
