"""Dialogue threads in a space (issue 15 item 5; ORDERS.md §3.2): each message of a thread,
the first and every reply, is seen by its author and the citizen until the citizen approves
it; the citizen's own are released when written; a participant sees a thread whose first
message they see, with the replies they see."""

from __future__ import annotations

import pytest

from domain.samverkan.dialogue import threads_for, visible_thread
from domain.samverkan.errors import InvalidSpaceInputError, SpaceItemNotFoundError
from domain.samverkan.facts import OWNER
from domain.samverkan.roles import ItemKind, Role, Section
from tests.factories import personnummer
from tests.factories.samverkan import NOW, key_of, space_with_everyone


def _thread(space, author: str = OWNER) -> str:
    space.propose(item_id="t1", kind=ItemKind.MEDDELANDE, author=author, title="Arbetstider",
                  text="Hur ser veckan ut?", reference=None, now=NOW, by="x")
    return "t1"


def test_a_participants_reply_is_seen_only_by_its_author_and_the_citizen_until_approved():
    """ORDERS.md §3.2, release per item, for a reply."""
    space = space_with_everyone(personnummer())
    thread = _thread(space)
    employer, doctor = key_of(Role.ARBETSGIVARE), key_of(Role.LAKARE)
    space.reply(item_id="r1", thread=thread, author=employer, text="Halvtid först", now=NOW,
                by="chef")
    for member, sees in ((OWNER, True), (employer, True), (doctor, False)):
        (found,) = threads_for(space.facts, member)
        assert [r.id for r in found.replies] == (["r1"] if sees else [])
    space.approve(item_id="r1", now=NOW, by="citizen")
    (found,) = threads_for(space.facts, doctor)
    assert [r.id for r in found.replies] == ["r1"]
    assert found.replies[0].thread == thread


def test_the_citizens_reply_is_released_when_written():
    space = space_with_everyone(personnummer())
    thread = _thread(space, author=key_of(Role.ARBETSGIVARE))
    space.reply(item_id="r1", thread=thread, author=OWNER, text="Ja", now=NOW, by="citizen")
    assert space.facts.items["r1"].released
    assert [t.start.id for t in threads_for(space.facts, key_of(Role.LAKARE))] == []


def test_a_thread_is_hidden_from_a_grant_without_dialog_when_listed():
    space = space_with_everyone(personnummer(), scope=(Section.PLAN,))
    _thread(space)
    assert threads_for(space.facts, key_of(Role.ARBETSGIVARE)) == []
    assert [t.start.id for t in threads_for(space.facts, OWNER)] == ["t1"]


def test_a_reply_names_an_existing_thread_start_when_posted():
    space = space_with_everyone(personnummer())
    thread = _thread(space)
    space.reply(item_id="r1", thread=thread, author=OWNER, text="Ja", now=NOW, by="citizen")
    for wrong in ("nope", "r1"):  # unknown, or a reply rather than a thread
        with pytest.raises(SpaceItemNotFoundError):
            space.reply(item_id="r2", thread=wrong, author=OWNER, text="x", now=NOW, by="c")
    with pytest.raises(InvalidSpaceInputError):
        space.reply(item_id="r2", thread=thread, author=OWNER, text="  ", now=NOW, by="c")


def test_an_unreleased_thread_is_unknown_to_a_participant_who_did_not_start_it():
    space = space_with_everyone(personnummer())
    thread = _thread(space, author=key_of(Role.ARBETSGIVARE))
    with pytest.raises(SpaceItemNotFoundError) as refused:
        visible_thread(space.facts, key_of(Role.LAKARE), thread)
    assert str(refused.value) == f"No thread {thread} in the space."
    assert visible_thread(space.facts, key_of(Role.ARBETSGIVARE), thread).id == thread
