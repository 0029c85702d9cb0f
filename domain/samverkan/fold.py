"""What each space event means for its facts, written once: the aggregate and any reader of
the published events call ``apply``. ``data`` holds the event's fields by name (dates as ISO
strings, times as datetimes). Pure."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from domain.samverkan.facts import OWNER, Change, Contact, Facts, Item, Participant, Period
from domain.samverkan.measure import measure_from
from domain.samverkan.roles import ItemKind, Role, Section

Data = Mapping[str, Any]


def apply(facts: Facts | None, event: str, data: Data) -> Facts:
    if facts is None:
        return Facts(citizen=str(data["citizen"]["personnummer"]), opened_at=data["at"])
    return _FOLDS[event](facts, data)


def _invited(facts: Facts, data: Data) -> Facts:
    key = data["participant"]
    earlier = facts.participants.get(key)
    consent = earlier.consent if earlier is not None else False
    joined = Participant(key=key, role=Role(data["role"]), party=data["party"],
                         scope=frozenset(Section(s) for s in data["scope"]), consent=consent)
    return replace(facts, participants={**facts.participants, key: joined})


def _participant(field: str, value: bool) -> Callable[[Facts, Data], Facts]:
    def fold(facts: Facts, data: Data) -> Facts:
        key = data["participant"]
        changed = replace(facts.participants[key], **{field: value})  # type: ignore[arg-type]
        return replace(facts, participants={**facts.participants, key: changed})
    return fold


def _proposed(facts: Facts, data: Data) -> Facts:
    item = Item(id=data["item_id"], kind=ItemKind(data["kind"]), author=data["author"],
                title=data["title"], text=data["text"], reference=data["reference"],
                released=data["author"] == OWNER, measure=measure_from(data.get("measure")),
                history=(Change(event="ItemProposed", at=data["at"], by=data["by"]),))
    return replace(facts, items={**facts.items, item.id: item})


def _replied(facts: Facts, data: Data) -> Facts:
    item = Item(id=data["item_id"], kind=ItemKind.MEDDELANDE, author=data["author"], title="",
                text=data["text"], reference=None, released=data["author"] == OWNER,
                thread=data["thread"],
                history=(Change(event="ReplyPosted", at=data["at"], by=data["by"]),))
    return replace(facts, items={**facts.items, item.id: item})


def _release(released: bool, event: str) -> Callable[[Facts, Data], Facts]:
    def fold(facts: Facts, data: Data) -> Facts:
        item = facts.items[data["item_id"]]
        step = Change(event=event, at=data["at"], by=data["by"])
        changed = replace(item, released=released, history=(*item.history, step))
        return replace(facts, items={**facts.items, item.id: changed})
    return fold


def _linked(facts: Facts, data: Data) -> Facts:
    added = tuple(Period(certificate_id=data["certificate_id"],
                         start=date.fromisoformat(p["start"]), end=date.fromisoformat(p["end"]))
                  for p in data["periods"])
    kept = tuple(p for p in facts.periods if p.certificate_id != data["certificate_id"])
    return replace(facts, periods=kept + added)


def _contact(facts: Facts, data: Data) -> Facts:
    given = Contact(**data["contact"])
    return replace(facts, contacts={**facts.contacts, data["participant"]: given})


_FOLDS: dict[str, Callable[[Facts, Data], Facts]] = {
    "ParticipantInvited": _invited,
    "ParticipantRemoved": _participant("active", False),
    "ConsentRecorded": _participant("consent", True),
    "ConsentWithdrawn": _participant("consent", False),
    "ItemProposed": _proposed,
    "ItemApproved": _release(True, "ItemApproved"),
    "ApprovalWithdrawn": _release(False, "ApprovalWithdrawn"),
    "CertificateLinked": _linked,
    "ContactGiven": _contact,
    "ReplyPosted": _replied,
}
