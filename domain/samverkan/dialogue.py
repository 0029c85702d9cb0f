"""Dialogue threads of a space (issue 15 item 5): a thread is started by a message
(``MEDDELANDE``, its title the subject) and continued by replies (``ReplyPosted``). Every
message, the first and each reply, is released as any item is: seen by its author and the
citizen until the citizen approves it; the citizen's own are released when written. A
participant sees a thread whose first message they see, with the replies they see. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from domain.samverkan.errors import SpaceItemNotFoundError
from domain.samverkan.facts import Facts, Item
from domain.samverkan.roles import ItemKind
from domain.samverkan.rules import visible_items


@dataclass(frozen=True)
class Thread:
    start: Item  # the message that started it: its title is the subject
    replies: tuple[Item, ...]


def is_thread_start(item: Item) -> bool:
    return item.kind is ItemKind.MEDDELANDE and item.thread is None


def thread_of(facts: Facts, thread_id: str) -> Item:
    """The message that started thread ``thread_id`` (a reply is not a thread)."""
    found = facts.items.get(thread_id)
    if found is None or not is_thread_start(found):
        raise SpaceItemNotFoundError(f"No thread {thread_id} in the space.")
    return found


def threads_for(facts: Facts, member: str) -> list[Thread]:
    """The threads ``member`` sees, in the order they were started, each with the replies
    ``member`` sees, in the order they were written."""
    seen = visible_items(facts, member)
    return [Thread(start=item, replies=tuple(r for r in seen if r.thread == item.id))
            for item in seen if is_thread_start(item)]


def visible_thread(facts: Facts, member: str, thread_id: str) -> Item:
    """The thread's first message if ``member`` sees it; else the unknown thread's answer."""
    start = thread_of(facts, thread_id)
    if start not in visible_items(facts, member):
        raise SpaceItemNotFoundError(f"No thread {thread_id} in the space.")
    return start
