"""The Swedish label of a question of a certificate type, for the complements per question:
the type's name, the question's id and, where the form is modelled, its printed text."""

from __future__ import annotations

from collections.abc import Iterable

from domain.content.registry import CONTENT_SPECS
from domain.shared.catalogue import CERTIFICATE_TYPES


def question_label(key: str) -> str:
    """``<type>:<question id>`` as ``<type name>, fråga <id>: <question text>``."""
    type_id, _, question_id = key.partition(":")
    found = CERTIFICATE_TYPES.get(type_id)
    name = found.name if found is not None else type_id or "Okänd intygstyp"
    label = f"{name}, fråga {question_id}"
    spec = CONTENT_SPECS.get(type_id)
    if spec is None:
        return label
    paths = [path for path, asked in spec.question_ids.items() if asked == question_id]
    text = next((spec.texts.question(path) for path in paths if spec.texts.question(path)), None)
    return f"{label}: {text}" if text else label


def in_form_order(keys: Iterable[str]) -> list[str]:
    """Keys ``<type>:<question id>`` by type (as the registry lists them), then by question id
    read as numbers (``33.2`` after ``33``, ``100`` after ``99``)."""
    order = {type_id: at for at, type_id in enumerate(CERTIFICATE_TYPES)}

    def place(key: str) -> tuple[int, str, tuple[int, ...], str]:
        type_id, _, question_id = key.partition(":")
        parts = question_id.split(".")
        number = tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else ()
        return order.get(type_id, len(order)), type_id, number, question_id

    return sorted(keys, key=place)
