"""Patient data rests sealed in the views, as on Kafka (docs/sealing.md): a view finds a patient
by the blind index (HMAC of the normalised personnummer), never by the clear value, and keeps
the personnummer, the name and all free text of a document sealed under the patient's own data
key, so ``intyg forget`` makes the views' copies unreadable too.

A stored document is the document without those fields, plus ``sealed``: them, sealed. A
document whose key is destroyed opens to the forgotten values (an empty personnummer and name,
empty content, no questions), as a view rebuilt after the forget would hold.

Views know the seal by this protocol only; the keys live with the stream
(``streams.sealing.view_seal``), which the runtime hands to ``build_views``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Protocol

import orjson

from projections.sql import Sql

Doc = dict[str, Any]
PRIVATE_FIELDS = ("content", "questions")
"""The document's fields of free text, sealed whole (besides the patient's number and name)."""
_FORGOTTEN = {"personnummer": "", "name": "", "content": {}}
_SEALED_WITH_IDENTITY = ("age",)
"""The patient's age a version 3 message publishes for the statistics: these views do not need
it, so it rests sealed with the personnummer (and a forgotten patient's document has none)."""
Sealable = tuple[str, str, Any]  # (personnummer, associated data, JSON value)


class PatientSeal(Protocol):
    def index(self, personnummer: str) -> str:
        """The patient's blind index (what a view keeps and looks patients up by)."""
        ...

    def seal(self, tx: Sql, values: Sequence[Sealable]) -> list[dict[str, str]]:
        """Each value sealed under its patient's data key (made on first need, in ``tx``)."""
        ...

    def open(self, tx: Sql, sealed: Sequence[tuple[dict[str, str], str]]) -> list[Any]:
        """Each (sealed value, associated data) opened; None where the key is destroyed."""
        ...


def _associated(doc_id: str) -> str:
    return f"view-doc:{doc_id}"


def seal_docs(tx: Sql, seal: PatientSeal, docs: Sequence[Doc]) -> list[Doc]:
    """The documents as they rest: their patient data sealed, everything else as it was."""
    values: list[Sealable] = []
    clear_docs: list[Doc] = []
    for doc in docs:
        patient = dict(doc["patient"])
        private = {"personnummer": patient.pop("personnummer", ""),
                   "name": patient.pop("name", ""),
                   **{fact: patient.pop(fact) for fact in _SEALED_WITH_IDENTITY
                      if fact in patient},
                   **{field: doc[field] for field in PRIVATE_FIELDS if field in doc}}
        clear_docs.append({**{k: v for k, v in doc.items() if k not in PRIVATE_FIELDS},
                           "patient": patient})
        values.append((private["personnummer"], _associated(str(doc["id"])), _sorted(private)))
    return [{**clear, "sealed": sealed}
            for clear, sealed in zip(clear_docs, seal.seal(tx, values), strict=True)]


def open_docs(tx: Sql, seal: PatientSeal, stored: Sequence[Doc]) -> list[Doc]:
    """The documents as the fold wrote them (a forgotten patient's with the forgotten values),
    one key lookup for all of them."""
    opened = seal.open(tx, [(doc["sealed"], _associated(str(doc["id"]))) for doc in stored])
    docs = []
    for doc, private in zip(stored, opened, strict=True):
        private = private if private is not None else _FORGOTTEN
        clear = {k: v for k, v in doc.items() if k != "sealed"}
        clear["patient"] = dict(sorted({
            **clear["patient"], "personnummer": private["personnummer"], "name": private["name"],
            **{fact: private[fact] for fact in _SEALED_WITH_IDENTITY if fact in private}}.items()))
        clear.update({field: private[field] for field in PRIVATE_FIELDS if field in private})
        docs.append(dict(sorted(clear.items())))
    return docs


def seal_values(tx: Sql, seal: PatientSeal, values: Sequence[Sealable]) -> list[str]:
    """Values of rows, each (personnummer, associated data, value), sealed under their
    patients' keys as the columns store them."""
    return [json.dumps(sealed, sort_keys=True) for sealed in seal.seal(tx, values)]


def open_values(tx: Sql, seal: PatientSeal, stored: Sequence[tuple[str, str]]) -> list[Any]:
    """Each (stored column value, associated data) opened, one key lookup for all; None where
    the patient's key is destroyed."""
    return seal.open(tx, [(orjson.loads(value), associated) for value, associated in stored])


def _sorted(value: Any) -> Any:
    """``value`` with every object's keys in order, as the views have always read documents
    back (written with sorted keys): orjson's sorted round trip (a few times faster than a walk
    in Python), or the walk for a value orjson does not take (an integer beyond 64 bits)."""
    try:
        return orjson.loads(orjson.dumps(value, option=orjson.OPT_SORT_KEYS))
    except TypeError:
        return _walked(value)


def _walked(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _walked(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [_walked(v) for v in value]
    return value
