"""Who may do what in a space (ORDERS.md §3): every role against every action, allowed or
denied by the domain's rules; a stranger and a removed participant learn nothing."""

from __future__ import annotations

import pytest

from domain.samverkan.errors import (
    CareConsentMissingError,
    SpaceActionNotAllowedError,
    SpaceNotFoundError,
)
from domain.samverkan.facts import OWNER
from domain.samverkan.roles import Action, ItemKind, Role, Section
from domain.samverkan.rules import Caller, decide, visible_items
from tests.factories import personnummer
from tests.factories.samverkan import NOW, caller_of, key_of, space_with_everyone

PARTICIPANT_ACTIONS = {Action.VIEW_SPACE, Action.VIEW_TIMELINE, Action.CONTRIBUTE,
                       Action.GIVE_CONTACT}
TABLE = [(role, action, role is Role.MEDBORGARE or action in PARTICIPANT_ACTIONS)
         for role in Role for action in Action]


@pytest.mark.parametrize(("role", "action", "allowed"), TABLE,
                         ids=[f"{r.value}-{a.value}" for r, a, _ in TABLE])
def test_each_role_may_take_exactly_its_actions_when_invited_to_every_section(role, action,
                                                                             allowed):
    pnr = personnummer()
    space = space_with_everyone(pnr)
    section = Section.PLAN if action is Action.CONTRIBUTE else None
    if allowed:
        decide(space.facts, space.id, caller_of(role, pnr), action, section)
    else:
        with pytest.raises(SpaceActionNotAllowedError):
            decide(space.facts, space.id, caller_of(role, pnr), action, section)


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.MEDBORGARE])
def test_a_removed_participant_gets_the_unknown_space_answer_when_acting(role):
    pnr = personnummer()
    space = space_with_everyone(pnr)
    space.remove(participant=key_of(role), now=NOW, by="citizen")
    with pytest.raises(SpaceNotFoundError) as refused:
        decide(space.facts, space.id, caller_of(role), Action.VIEW_SPACE)
    assert str(refused.value) == str(SpaceNotFoundError.of(space.id))


def test_a_stranger_and_another_citizen_get_the_unknown_space_answer_when_asking():
    space = space_with_everyone(personnummer())
    for stranger in (Caller(Role.ARBETSGIVARE, "5562345678", "x"),
                     Caller(Role.MEDBORGARE, "", "citizen", personnummer=personnummer())):
        with pytest.raises(SpaceNotFoundError):
            decide(space.facts, space.id, stranger, Action.VIEW_SPACE)


@pytest.mark.parametrize("role", [Role.LAKARE, Role.REHABKOORDINATOR])
def test_care_contributes_only_with_recorded_consent_when_proposing(role):
    """ORDERS.md §3 (lag 2019:1297): care contributes only with the patient's consent."""
    space = space_with_everyone(personnummer(), consent=False)
    with pytest.raises(CareConsentMissingError):
        decide(space.facts, space.id, caller_of(role), Action.CONTRIBUTE, Section.PLAN)
    space.record_consent(participant=key_of(role), given=True, now=NOW, by="citizen")
    decide(space.facts, space.id, caller_of(role), Action.CONTRIBUTE, Section.PLAN)
    space.record_consent(participant=key_of(role), given=False, now=NOW, by="citizen")
    with pytest.raises(CareConsentMissingError):
        decide(space.facts, space.id, caller_of(role), Action.CONTRIBUTE, Section.PLAN)


def test_a_grant_opens_only_its_sections_when_contributing_or_viewing():
    space = space_with_everyone(personnummer(), scope=(Section.DIALOG,))
    employer = caller_of(Role.ARBETSGIVARE)
    decide(space.facts, space.id, employer, Action.CONTRIBUTE, Section.DIALOG)
    for section in (Section.PLAN, Section.TIDSLINJE):
        with pytest.raises(SpaceActionNotAllowedError):
            decide(space.facts, space.id, employer, Action.CONTRIBUTE, section)


def test_an_item_is_seen_by_author_and_citizen_only_until_approved_when_proposed():
    """ORDERS.md §3.2: release per item; a withdrawn approval hides it again, history kept."""
    space = space_with_everyone(personnummer())
    employer, doctor = key_of(Role.ARBETSGIVARE), key_of(Role.LAKARE)
    space.propose(item_id="i1", kind=ItemKind.PLANPUNKT, author=employer, title="Deltid",
                  text="50 % i fyra veckor", reference=None, now=NOW, by="chef")
    seen = {who: [i.id for i in visible_items(space.facts, who)]
            for who in (OWNER, employer, doctor)}
    assert seen == {OWNER: ["i1"], employer: ["i1"], doctor: []}
    space.approve(item_id="i1", now=NOW, by="citizen")
    assert [i.id for i in visible_items(space.facts, doctor)] == ["i1"]
    space.withdraw_approval(item_id="i1", now=NOW, by="citizen")
    assert visible_items(space.facts, doctor) == []
    assert [c.event for c in space.item("i1").history] == [
        "ItemProposed", "ItemApproved", "ApprovalWithdrawn"]


def test_the_citizens_own_item_is_released_at_once_when_written():
    space = space_with_everyone(personnummer())
    space.propose(item_id="c1", kind=ItemKind.MEDDELANDE, author=OWNER, title="Hej",
                  text="Jag vill börja på halvtid", reference=None, now=NOW, by="citizen")
    assert [i.id for i in visible_items(space.facts, key_of(Role.ARBETSGIVARE))] == ["c1"]
