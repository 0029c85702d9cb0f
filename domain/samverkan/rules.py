"""Who may do what in a space: the citizen owns it; an invited participant acts within the
scope of their grant until removed; care contributes only with recorded consent. To anyone
who is not (or no longer) a participant a space does not exist: the unknown id's answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.samverkan.errors import (
    CareConsentMissingError,
    SpaceActionNotAllowedError,
    SpaceNotFoundError,
)
from domain.samverkan.facts import OWNER, Facts, Item, participant_key
from domain.samverkan.roles import CARE, OWNER_ONLY, Action, Role, Section


@dataclass(frozen=True)
class Caller:
    """``party``: the HSA id, the organisation number or the authority's id (empty for the
    citizen); ``by``: the person acting (never a personnummer in a log); ``personnummer``: the
    citizen's own, only on a citizen's call; ``space``: the one space an outside party's token
    is held to."""

    role: Role
    party: str
    by: str
    personnummer: str | None = None
    space: str | None = None


def member_of(facts: Facts, caller: Caller) -> str | None:
    """The caller's participant key in the space, or None when they are not in it."""
    if caller.role is Role.MEDBORGARE:
        return OWNER if caller.personnummer == facts.citizen else None
    found = facts.participants.get(participant_key(caller.role, caller.party))
    return found.key if found is not None and found.active else None


def decide(facts: Facts, space_id: object, caller: Caller, action: Action,
           section: Section | None = None) -> str:
    """The caller's key if they may take ``action`` (on ``section``); else the named refusal,
    a stranger's being the unknown space's."""
    member = member_of(facts, caller)
    if member is None:
        raise SpaceNotFoundError.of(space_id)
    if member == OWNER:
        return member
    if action in OWNER_ONLY:
        raise SpaceActionNotAllowedError(f"Only the citizen may {action.value} in a space.")
    participant = facts.participants[member]
    if section is not None and section not in participant.scope:
        raise SpaceActionNotAllowedError(f"The grant does not open {section.value}.")
    if action is Action.CONTRIBUTE and participant.role in CARE and not participant.consent:
        raise CareConsentMissingError("Care contributes only with the patient's consent.")
    return member


def visible_items(facts: Facts, member: str) -> list[Item]:
    """What a participant sees: their own items and, of the sections their grant opens, those
    the citizen approved; the citizen sees everything."""
    if member == OWNER:
        return list(facts.items.values())
    scope = facts.participants[member].scope
    return [item for item in facts.items.values()
            if item.author == member or (item.released and item.kind.section in scope)]
