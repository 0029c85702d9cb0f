"""Which fields of which message travel sealed, and what a reader gets once the patient's key
is destroyed. The one declared list (pinned by a test): patient identity (personnummer, name)
and free text about the patient (the certificate's answers, message texts and headings, contact
details, complement items, a revocation's text). Ids, types, codes, flags, times and staff
ids stay clear.

The certificate's content is sealed answer by answer from schema version 3 on
(``streams.sealing.content``): its codes, dates, degrees and flags travel clear, its free text
sealed. Version 2 sealed it whole; such messages still open. A version 3 patient also carries,
clear, what Intygsstatistik needs of the personnummer (``PATIENT_FACTS``: the blind index, the
sex and the age on the last day of the sick leave; a DraftEdited the age as ``patient_age``),
so the statistics survive ``intyg forget`` (docs/sealing.md). No birth date travels clear.
"""

from __future__ import annotations

import contextlib
import copy
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from domain.shared.identities import sex
from streams.sealing.content import (
    Plan,
    holds_sealed,
    leaf_refs,
    open_content,
    seal_content,
    sealed_leaves,
)
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
CONTENT_EVENTS = ("DraftCreated", "CertificateRegistered", "DraftEdited")
ANSWERS_SEALED_VERSION = 3
PATIENT_FACTS = ("index", "sex", "age")
"""Clear in a version 3 patient beside the sealed identity. The index and sex repeat the
personnummer and are dropped when it opens; the age (DOMAIN.md section 8, ``streams.sealing.age``)
is a fact of the message's content and stays, so the statistics read the same number whether
the personnummer opens or is forgotten."""
REPEATED_FACTS = ("index", "sex")
EDITED_AGE = "patient_age"
"""A version 3 DraftEdited's clear age of the patient, for its new content."""


# An FMU investigation (intyg.fmu.v1): the citizen's personnummer, and the comments (a unit's
# answer to a request, the coordinator's rejection, Försäkringskassan's updated order).
_COMMENT = SealedField("comment", None)
INVESTIGATION_SEALED_FIELDS: dict[str, tuple[SealedField, ...]] = {
    "CitizenRecorded": (SealedField("personnummer", ""),),
    "UnitAnswered": (_COMMENT,),
    "RequestRejected": (_COMMENT,),
    "OrderUpdated": (_COMMENT,),
}

# A Samverkansytan space (intyg.samverkan.v1): the owner's personnummer, the sick-leave periods
# of their certificates, and the free text of every item; roles, parties and ids stay clear.
SPACE_SEALED_FIELDS: dict[str, tuple[SealedField, ...]] = {
    "SpaceOpened": (SealedField("citizen", {}),),
    "CertificateLinked": (SealedField("periods", []),),
    "ItemProposed": (SealedField("title", ""), _TEXT, SealedField("measure", None)),
    "ContactGiven": (SealedField("contact", {}),),
    "ReplyPosted": (_TEXT,),
}


def declared(event: str) -> tuple[SealedField, ...]:
    """The sealed fields of a message of this event (none for an event without any). Two
    events may share a name (an order's and an investigation's OrderReceived): only the
    fields a message holds are sealed, so each gets its own."""
    return (SEALED_FIELDS.get(event) or ORDER_SEALED_FIELDS.get(event)
            or INVESTIGATION_SEALED_FIELDS.get(event) or SPACE_SEALED_FIELDS.get(event, ()))


class MissingDataKeyError(UnreadableSealError):
    """A sealed value names a key this database has never held."""


@functools.cache
def _steps(path: str) -> tuple[tuple[str, ...], str]:
    """A dotted path split once: the names above the field, and the field's own."""
    *above, last = path.split(".")
    return tuple(above), last


def _parent(data: dict[str, Any], path: str) -> tuple[dict[str, Any] | None, str]:
    above, last = _steps(path)
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
        if field is _CONTENT and by_answer(value):
            continue
        parent, name = _parent(data, field.path)
        if parent is not None and name in parent:
            found.append((field, parent, name))
    return found


def by_answer(value: dict[str, Any]) -> bool:
    """Whether the message's content is sealed answer by answer (version 3 on)."""
    version = value.get("schema_version")
    return (value.get("event") in CONTENT_EVENTS and isinstance(version, int)
            and version >= ANSWERS_SEALED_VERSION)


def to_seal(value: dict[str, Any]) -> bool:
    """Whether the message has anything to seal: a declared field, or a version 3 content."""
    data = value.get("data")
    return bool(sealed_paths(value)) or (by_answer(value) and isinstance(data, dict)
                                         and data.get("content") is not None)


def sealed_answers(value: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The sealed answers of a version 3 content message, with their paths under ``data``."""
    return sealed_leaves(_content_of(value))


def _content_of(value: dict[str, Any]) -> Any:
    data = value.get("data")
    return data.get("content") if isinstance(data, dict) and by_answer(value) else None


def _with_facts(patient: dict[str, Any], index: str, age: int | None) -> dict[str, Any]:
    """The clear patient with ``PATIENT_FACTS`` added (the index alone for a number that is
    not a personnummer, and no age where none was computed)."""
    number = str(patient.get("personnummer") or "")
    facts: dict[str, Any] = {"index": index}
    with contextlib.suppress(ValueError, IndexError):
        facts["sex"] = sex(number)
    if age is not None:
        facts["age"] = age
    return {**patient, **facts}


def without_published_age(data: dict[str, Any]) -> dict[str, Any]:
    """A version 3 message's ``data`` without the age the relay added (``patient.age``,
    ``patient_age``): what the store's history line holds."""
    found = {key: value for key, value in data.items() if key != EDITED_AGE}
    if isinstance(found.get("patient"), dict) and "age" in found["patient"]:
        found["patient"] = {k: v for k, v in found["patient"].items() if k != "age"}
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


def seal_message(value: dict[str, Any], index: str, data_key: bytes,
                 plan: Plan | None = None, age: int | None = None) -> dict[str, Any]:
    """A copy of the (clear) message with its declared fields sealed under ``data_key``; a
    field that is null stays null. A version 3 content is sealed by ``plan`` (the content
    model's: without one every answer is sealed), and carries ``age`` (``streams.sealing.age``)
    clear: in its patient, or a DraftEdited as ``patient_age``."""
    sealed = _copied_along(value)
    data = sealed.get("data")
    if by_answer(value) and isinstance(data, dict):
        if isinstance(data.get("patient"), dict) and data["patient"].get("personnummer"):
            data["patient"] = _with_facts(data["patient"], index, age)
        elif value.get("event") == "DraftEdited" and age is not None:
            data[EDITED_AGE] = age
        if "content" in data:
            ident, version = str(value["id"]), int(value["version"])
            data["content"] = seal_content(data["content"], plan, lambda path, clear: seal(
                data_key, index, associated(ident, version, path), clear))
    for field, parent, name in sealed_paths(sealed):
        if parent[name] is not None:
            aad = associated(str(value["id"]), int(value["version"]), field.path)
            parent[name] = seal(data_key, index, aad, parent[name])
    return sealed


def key_refs(value: dict[str, Any]) -> set[str]:
    """The blind indexes whose keys the message's sealed fields need."""
    return {str(parent[name]["key_ref"]) for _, parent, name in sealed_paths(value)
            if is_sealed(parent[name])} | leaf_refs(_content_of(value), set())


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
        if field.path == "patient.personnummer" and key is not None:
            for fact in REPEATED_FACTS:
                parent.pop(fact, None)
    if _content_of(opened) is not None:
        opened["data"]["content"] = open_content(
            opened["data"]["content"], lambda path, leaf: _open_leaf(value, keys, path, leaf))
    return opened


def _open_leaf(value: dict[str, Any], keys: KeyLookup, path: str,
               leaf: dict[str, Any]) -> tuple[bool, Any]:
    ref = str(leaf["key_ref"])
    if ref not in keys:
        raise MissingDataKeyError("A sealed value names a data key this store never held.")
    key = keys[ref]
    if key is None:
        return False, None
    return True, open_sealed(key, leaf, associated(str(value["id"]), int(value["version"]), path))


def still_sealed(value: dict[str, Any]) -> list[str]:
    """The declared fields of the message that still hold a sealed value."""
    return [field.path for field, parent, name in sealed_paths(value)
            if is_sealed(parent[name])] + ["content"] * holds_sealed(_content_of(value))
