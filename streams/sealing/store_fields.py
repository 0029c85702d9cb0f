"""The patient fields of the orders', the FMU investigations' and the Samverkansytan spaces'
events, as the event store seals them (``streams.sealing.store``): the same fields their topics
seal (``ORDER_SEALED_FIELDS``, ``INVESTIGATION_SEALED_FIELDS``, ``SPACE_SEALED_FIELDS``), but
a value holding the personnummer beside clear parts is sealed part by part, so that a
forgotten patient's event still loads into its aggregate: ``{"personnummer": ""}``, never an
empty object its fold cannot read.

Keyed by event class, not by name: an order's and an investigation's ``OrderReceived`` share a
name and not a single field. An event naming its aggregate's patient (``names``: the path of
the personnummer) is the one whose subject the store keeps; an investigation's later events
without a recorded citizen are sealed under the investigation's own key
(``domain.access.forgetting.investigation_subject``), which ``intyg forget`` destroys with the
citizen's.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from domain.orders.bestallning.order import Bestallning
from domain.orders.fmu.investigation import Investigation
from domain.samverkan.space import Space
from streams.sealing.envelope import associated, is_sealed, open_sealed, seal
from streams.sealing.fields import KeyLookup, MissingDataKeyError, SealedField

ORDER, INVESTIGATION, SPACE = "order", "fmu-investigation", "space"


@dataclass(frozen=True)
class StoredFields:
    kind: str  # which aggregate: ORDER, INVESTIGATION or SPACE
    fields: tuple[SealedField, ...]
    names: str = ""  # the path of the personnummer, on the event that names the patient


def _text(*paths: str, forgotten: Any = "") -> tuple[SealedField, ...]:
    return tuple(SealedField(path, forgotten) for path in paths)


_ORDER_TEXT = StoredFields(ORDER, _text("text"))
_COMMENT = StoredFields(INVESTIGATION, _text("comment", forgotten=None))
STORE_SEALED_FIELDS: dict[type, StoredFields] = {
    Bestallning.OrderReceived: StoredFields(  # type: ignore[attr-defined]
        ORDER, _text("citizen.personnummer", "citizen.background", "purpose",
                     "planned_actions", "case_reference"), names="citizen.personnummer"),
    Bestallning.OrderAccepted: _ORDER_TEXT,  # type: ignore[attr-defined]
    Bestallning.OrderRejected: _ORDER_TEXT,  # type: ignore[attr-defined]
    Bestallning.OrderDeleted: _ORDER_TEXT,  # type: ignore[attr-defined]
    Bestallning.OrderAnswered: _ORDER_TEXT,  # type: ignore[attr-defined]
    Investigation.CitizenRecorded: StoredFields(INVESTIGATION, _text("personnummer"),
                                                names="personnummer"),
    Investigation.UnitAnswered: _COMMENT,
    Investigation.RequestRejected: _COMMENT,
    Investigation.OrderUpdated: _COMMENT,
    Space.SpaceOpened: StoredFields(SPACE, _text("citizen.personnummer"),
                                    names="citizen.personnummer"),
    Space.CertificateLinked: StoredFields(SPACE, _text("periods", forgotten=[])),
    Space.ItemProposed: StoredFields(SPACE, (*_text("title", "text"),
                                             SealedField("measure", None))),
    Space.ContactGiven: StoredFields(SPACE, _text("contact.name", "contact.phone",
                                                  "contact.email")),
    Space.ReplyPosted: StoredFields(SPACE, _text("text")),
}


def _parent(state: dict[str, Any], path: str, copied: bool) -> tuple[dict[str, Any] | None, str]:
    """The object holding the path's last step and that step's name; with ``copied`` every
    object along the path is first replaced by a copy of its own in ``state``."""
    *above, last = path.split(".")
    node = state
    for step in above:
        child = node.get(step)
        if not isinstance(child, dict):
            return None, last
        if copied:
            node[step] = child = dict(child)
        node = child
    return node, last


def seal_fields(state: dict[str, Any], found: StoredFields, index: str,
                data_key: bytes) -> dict[str, Any]:
    """A copy of the event's state with its declared fields sealed under ``data_key`` (a
    null stays null); associated data ``<id>:<version>:<path>``, as on the topics."""
    sealed = dict(state)
    ident, version = str(state["originator_id"]), int(state["originator_version"])
    for field in found.fields:
        parent, name = _parent(sealed, field.path, copied=True)
        if parent is not None and parent.get(name) is not None:
            parent[name] = seal(data_key, index, associated(ident, version, field.path),
                                parent[name])
    return sealed


def field_key_refs(state: dict[str, Any], found: StoredFields) -> set[str]:
    """The blind indexes whose keys the event's sealed fields need (none for a clear row)."""
    refs = set()
    for field in found.fields:
        parent, name = _parent(state, field.path, copied=False)
        if parent is not None and is_sealed(parent.get(name)):
            refs.add(str(parent[name]["key_ref"]))
    return refs


def named_index(state: dict[str, Any], found: StoredFields) -> str | None:
    """The sealed personnummer's key reference on an event naming the patient (None when it
    names none, or holds it clear: a row stored before the store sealed)."""
    parent, name = _parent(state, found.names, copied=False) if found.names else (None, "")
    value = parent.get(name) if parent is not None else None
    return str(value["key_ref"]) if isinstance(value, dict) and is_sealed(value) else None


def named_personnummer(state: dict[str, Any], found: StoredFields) -> str:
    """The clear personnummer on an event naming the patient (empty when none)."""
    parent, name = _parent(state, found.names, copied=False) if found.names else (None, "")
    value = parent.get(name) if parent is not None else None
    return value if isinstance(value, str) else ""


def open_fields(state: dict[str, Any], found: StoredFields, keys: KeyLookup) -> dict[str, Any]:
    """A copy of the state with its sealed fields opened; a destroyed key gives the field's
    ``forgotten`` value. Raises ``UnreadableSealError`` for a key never held or a value that
    does not open (an altered row)."""
    opened = dict(state)
    ident, version = str(state["originator_id"]), int(state["originator_version"])
    for field in found.fields:
        parent, name = _parent(opened, field.path, copied=True)
        if parent is None or not is_sealed(parent.get(name)):
            continue
        ref = str(parent[name]["key_ref"])
        if ref not in keys:
            raise MissingDataKeyError("A sealed value names a data key this store never held.")
        key = keys[ref]
        parent[name] = copy.deepcopy(field.forgotten) if key is None else \
            open_sealed(key, parent[name], associated(ident, version, field.path))
    return opened
