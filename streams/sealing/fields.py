"""Which fields of which message travel sealed, and what a reader gets once the patient's key
is destroyed. The one declared list (pinned by a test): patient identity (personnummer, name)
and free text about the patient (the certificate's answers, message texts and headings, contact
details, complement items, a revocation's text). Ids, types, codes, flags, times and staff
ids stay clear.

The certificate's content is sealed whole: the content models do not yet tell an answer's code
or date from its free text, so no answer of it travels clear (docs/sealing.md).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from streams.sealing.envelope import (
    UnreadableSealError,
    associated,
    is_sealed,
    open_sealed,
    seal,
)


@dataclass(frozen=True)
class SealedField:
    path: str  # under ``data``, dotted
    forgotten: Any  # what a reader gets when the patient's key is destroyed


_PATIENT = (SealedField("patient.personnummer", ""), SealedField("patient.name", ""))
_CONTENT = SealedField("content", {})
_TEXT = SealedField("text", "")
_HEADING = SealedField("heading", None)
SEALED_FIELDS: dict[str, tuple[SealedField, ...]] = {
    "DraftCreated": (*_PATIENT, _CONTENT),
    "CertificateRegistered": (*_PATIENT, _CONTENT),
    "DraftEdited": (_CONTENT,),
    "CertificateRevoked": (_TEXT,),
    "QuestionReceived": (_HEADING, _TEXT, SealedField("contact_info", None),
                         SealedField("complement_items", [])),
    "AnswerReceived": (_TEXT,),
    "ReminderReceived": (_TEXT,),
    "QuestionSent": (_HEADING, _TEXT),
    "AnswerSent": (_TEXT,),
    "CannotComplementAnswered": (_TEXT,),
}
# An order from an authority (intyg.orders.v1): the citizen (personnummer and background) and
# every text the order or the unit's answer carries; ids, codes, the unit and times stay clear.
ORDER_SEALED_FIELDS: dict[str, tuple[SealedField, ...]] = {
    "OrderReceived": (SealedField("citizen", {}), SealedField("purpose", ""),
                      SealedField("planned_actions", ""), SealedField("case_reference", "")),
    "OrderAccepted": (_TEXT,),
    "OrderRejected": (_TEXT,),
    "OrderDeleted": (_TEXT,),
    "OrderAnswered": (_TEXT,),
}
KeyLookup = Mapping[str, bytes | None]  # blind index -> data key, None once forgotten


# An FMU investigation (intyg.fmu.v1): the citizen's personnummer, its one piece of patient data.
INVESTIGATION_SEALED_FIELDS: dict[str, tuple[SealedField, ...]] = {
    "CitizenRecorded": (SealedField("personnummer", ""),),
}

# A Samverkansytan space (intyg.samverkan.v1): the owner's personnummer, the sick-leave periods
# of their certificates, and the free text of every item; roles, parties and ids stay clear.
SPACE_SEALED_FIELDS: dict[str, tuple[SealedField, ...]] = {
    "SpaceOpened": (SealedField("citizen", {}),),
    "CertificateLinked": (SealedField("periods", []),),
    "ItemProposed": (SealedField("title", ""), _TEXT, SealedField("measure", None)),
    "ContactGiven": (SealedField("contact", {}),),
}


def declared(event: str) -> tuple[SealedField, ...]:
    """The sealed fields of a message of this event (none for an event without any). Two
    events may share a name (an order's and an investigation's OrderReceived): only the
    fields a message holds are sealed, so each gets its own."""
    return (SEALED_FIELDS.get(event) or ORDER_SEALED_FIELDS.get(event)
            or INVESTIGATION_SEALED_FIELDS.get(event) or SPACE_SEALED_FIELDS.get(event, ()))


class MissingDataKeyError(UnreadableSealError):
    """A sealed value names a key this database has never held."""


def _parent(data: dict[str, Any], path: str) -> tuple[dict[str, Any] | None, str]:
    *above, last = path.split(".")
    node: Any = data
    for step in above:
        node = node.get(step) if isinstance(node, dict) else None
    return (node if isinstance(node, dict) else None), last


def sealed_paths(value: dict[str, Any]) -> list[tuple[SealedField, dict[str, Any], str]]:
    """The declared fields of the message that are present: (field, its parent, its name)."""
    found: list[tuple[SealedField, dict[str, Any], str]] = []
    data = value.get("data")
    if not isinstance(data, dict):
        return found  # not a message: the reader's contract check names the fault
    for field in declared(str(value.get("event"))):
        parent, name = _parent(data, field.path)
        if parent is not None and name in parent:
            found.append((field, parent, name))
    return found


def _copied_along(value: dict[str, Any]) -> dict[str, Any]:
    """A copy of the message in which every object on a declared path is a copy of its own,
    so replacing a sealed field leaves ``value`` as it was (the rest is shared, unchanged)."""
    copied = dict(value)
    if not isinstance(value.get("data"), dict):
        return copied
    copied["data"] = dict(value["data"])
    for field in declared(str(value.get("event"))):
        node = copied["data"]
        for step in field.path.split(".")[:-1]:
            if not isinstance(node.get(step), dict):
                break
            node[step] = dict(node[step])
            node = node[step]
    return copied


def seal_message(value: dict[str, Any], index: str, data_key: bytes) -> dict[str, Any]:
    """A copy of the (clear) message with its declared fields sealed under ``data_key``; a
    field that is null stays null."""
    sealed = _copied_along(value)
    for field, parent, name in sealed_paths(sealed):
        if parent[name] is not None:
            aad = associated(str(value["id"]), int(value["version"]), field.path)
            parent[name] = seal(data_key, index, aad, parent[name])
    return sealed


def key_refs(value: dict[str, Any]) -> set[str]:
    """The blind indexes whose keys the message's sealed fields need."""
    return {str(parent[name]["key_ref"]) for _, parent, name in sealed_paths(value)
            if is_sealed(parent[name])}


def open_message(value: dict[str, Any], keys: KeyLookup) -> dict[str, Any]:
    """A copy of the message with its sealed fields opened; a field whose key was destroyed
    gets its declared ``forgotten`` value. Raises ``UnreadableSealError`` when a key is not
    there at all or does not open the value (an altered message)."""
    opened = _copied_along(value)
    for field, parent, name in sealed_paths(opened):
        if not is_sealed(parent[name]):
            continue
        ref = str(parent[name]["key_ref"])
        if ref not in keys:
            raise MissingDataKeyError("A sealed value names a data key this store never held.")
        key = keys[ref]
        aad = associated(str(value["id"]), int(value["version"]), field.path)
        parent[name] = copy.deepcopy(field.forgotten) if key is None else \
            open_sealed(key, parent[name], aad)
    return opened


def still_sealed(value: dict[str, Any]) -> list[str]:
    """The declared fields of the message that still hold a sealed value."""
    return [field.path for field, parent, name in sealed_paths(value) if is_sealed(parent[name])]
