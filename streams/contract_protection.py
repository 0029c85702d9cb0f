"""The content schemas' ``x-intyg-protection`` per answer: how each answer of a certificate
type travels in a version 3 message (``streams.sealing.content`` reads it from the models).

``sealed``: the answer is a SealedValue on the wire; ``clear``: it travels as written;
``sealed-per-answer``: an object (or list of objects) whose own answers say.
"""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel

from streams.sealing.content import Rule, model_plan
from streams.wire_types import PROTECTION


def _protection(rule: Rule) -> str:
    if isinstance(rule, dict):
        return "sealed-per-answer"
    return "sealed" if rule else "clear"


def _models_in(kind: Any, found: dict[str, type[BaseModel]]) -> None:
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        if kind.__name__ not in found:
            found[kind.__name__] = kind
            for field in kind.model_fields.values():
                _models_in(field.annotation, found)
        return
    for arg in typing.get_args(kind):
        _models_in(arg, found)


def marked(schema: dict[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    """The content schema of ``model`` with each property's protection (the schema's own
    ``$defs`` included), changed in place and returned."""
    models: dict[str, type[BaseModel]] = {}
    _models_in(model, models)
    for name, each in models.items():
        node = schema if each is model else schema.get("$defs", {}).get(name)
        if not isinstance(node, dict):
            continue
        for answer, rule in model_plan(each).items():
            prop = node.get("properties", {}).get(answer)
            if isinstance(prop, dict):
                prop[PROTECTION] = _protection(rule)
    return schema
