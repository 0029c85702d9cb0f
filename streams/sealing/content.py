"""Sealing within a certificate's content, answer by answer (schema version 3).

Which answers are free text is read from the content models (``domain.content``): a string
answer is free text unless the model marks it ``NotFreeText`` (a code, a date, a number);
booleans, numbers and enums never are; an answer of another shape, or one the model does not
know, counts as free text (sealed: the safe side). Objects and lists of objects are walked.

A sealed answer is replaced in place by a ``SealedValue`` whose associated data names its path
under ``data`` (``content.diagnoser.0.beskrivning``), so it opens nowhere else. Once the
patient is forgotten a sealed answer is left out of its object: a reader then gets the model's
default for it (every answer of a draft may be missing), while codes and dates stay.
"""

from __future__ import annotations

import enum
import functools
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, Union

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from domain.content.common.protection import NotFreeText
from domain.content.registry import CONTENT_SPECS, EARLIER_SPECS
from streams.sealing.envelope import ALG, is_sealed

Plan = dict[str, "Rule"]
Rule = Union[bool, "Plan"]
"""True: the answer travels sealed; False: clear; a plan: an object (or a list of objects)
whose answers are each classified."""
SealLeaf = Callable[[str, Any], Any]  # (path under data, clear value) -> sealed value
OpenLeaf = Callable[[str, dict[str, Any]], tuple[bool, Any]]  # -> (opened?, value)
_CLEAR_TYPES = (bool, int, float, date, datetime, enum.Enum)


def _options(kind: Any) -> list[Any]:
    """The alternatives of an optional or union type, None left out."""
    if typing.get_origin(kind) in (Union, types.UnionType):
        return [arg for arg in typing.get_args(kind) if arg is not type(None)]
    return [kind]


def _rule_of_type(kind: Any, marked: bool) -> Rule:
    if typing.get_origin(kind) is typing.Annotated:
        kind, *extra = typing.get_args(kind)
        marked = marked or any(isinstance(item, NotFreeText) for item in extra)
    options = _options(kind)
    if len(options) != 1:
        rules = [_rule_of_type(option, marked) for option in options]
        return any(rule is True or isinstance(rule, dict) for rule in rules)
    only = options[0]
    if typing.get_origin(only) is typing.Literal:
        return False
    if typing.get_origin(only) in (list, tuple):
        elements = [arg for arg in typing.get_args(only) if arg is not Ellipsis]
        return _rule_of_type(elements[0], marked) if len(elements) == 1 else True
    if isinstance(only, type) and issubclass(only, BaseModel):
        return model_plan(only)
    if isinstance(only, type) and issubclass(only, _CLEAR_TYPES):
        return False
    return not (marked and only is str)


def _rule(field: FieldInfo) -> Rule:
    marked = any(isinstance(item, NotFreeText) for item in field.metadata)
    return _rule_of_type(field.annotation, marked)


@functools.cache
def model_plan(model: type[BaseModel]) -> Plan:
    """Each answer of the model (by its stored name, the alias) classified."""
    return {field.alias or name: _rule(field) for name, field in model.model_fields.items()}


@functools.cache
def content_plan(type_id: str, version: int) -> Plan | None:
    """The plan of one certificate type's content in one content version (None: unknown)."""
    specs = {(spec.type_id, spec.version): spec
             for spec in (*CONTENT_SPECS.values(), *EARLIER_SPECS.values())}
    spec = specs.get((type_id, version))
    return model_plan(spec.model) if spec is not None else None


def seal_content(content: Any, plan: Plan | None, seal_leaf: SealLeaf,
                 path: str = "content") -> Any:
    """A copy of the content with every free-text answer sealed (all of them without a plan;
    a null answer stays null)."""
    if isinstance(content, list):
        return [seal_content(item, plan, seal_leaf, f"{path}.{at}")
                for at, item in enumerate(content)]
    if not isinstance(content, dict):
        return seal_leaf(path, content) if content is not None else None
    sealed: dict[str, Any] = {}
    for name, value in content.items():
        rule = True if plan is None else plan.get(name, True)
        if value is None or rule is False:
            sealed[name] = value
        elif rule is True and plan is not None:
            sealed[name] = seal_leaf(f"{path}.{name}", value)
        else:
            sealed[name] = seal_content(value, rule if isinstance(rule, dict) else None,
                                        seal_leaf, f"{path}.{name}")
    return sealed


def open_content(content: Any, open_leaf: OpenLeaf, path: str = "content") -> Any:
    """A copy of the content with every sealed answer opened; one whose key is destroyed is
    left out of its object (or list)."""
    if isinstance(content, list):
        items = (_opened(item, open_leaf, f"{path}.{at}") for at, item in enumerate(content))
        return [value for found, value in items if found]
    if not isinstance(content, dict) or is_sealed(content):
        return content
    opened: dict[str, Any] = {}
    for name, value in content.items():
        if not isinstance(value, dict | list):  # a clear answer: nothing to open or name
            opened[name] = value
            continue
        found, clear = _opened(value, open_leaf, f"{path}.{name}")
        if found:
            opened[name] = clear
    return opened


def _opened(value: Any, open_leaf: OpenLeaf, path: str) -> tuple[bool, Any]:
    if is_sealed(value):
        return open_leaf(path, value)
    return True, open_content(value, open_leaf, path)


def sealed_leaves(content: Any, path: str = "content") -> list[tuple[str, dict[str, Any]]]:
    """Every sealed answer in the content, with its path under ``data``."""
    if is_sealed(content):
        return [(path, content)]
    if isinstance(content, list):
        return [leaf for at, item in enumerate(content)
                for leaf in sealed_leaves(item, f"{path}.{at}")]
    if isinstance(content, dict):
        return [leaf for name, value in content.items()
                for leaf in sealed_leaves(value, f"{path}.{name}")]
    return []


def leaf_refs(content: Any, found: set[str]) -> set[str]:
    """``found`` with the key refs of every sealed answer in the content added (what
    ``sealed_leaves`` finds, walked without naming paths: a reader asks it of every message)."""
    if isinstance(content, dict):
        if content.get("alg") == ALG and "ciphertext" in content:
            found.add(str(content["key_ref"]))
        else:
            for value in content.values():
                if isinstance(value, dict | list):
                    leaf_refs(value, found)
    elif isinstance(content, list):
        for item in content:
            if isinstance(item, dict | list):
                leaf_refs(item, found)
    return found


def holds_sealed(content: Any) -> bool:
    """Whether any answer in the content is still sealed (``sealed_leaves`` is not empty)."""
    if isinstance(content, dict):
        if content.get("alg") == ALG and "ciphertext" in content:
            return True
        return any(holds_sealed(v) for v in content.values() if isinstance(v, dict | list))
    if isinstance(content, list):
        return any(holds_sealed(v) for v in content if isinstance(v, dict | list))
    return False
