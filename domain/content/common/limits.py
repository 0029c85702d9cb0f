"""How much a new answer may hold: characters of a text, entries of a list, the size of a number.

Every text and list in a content model has a bound: the national form's own (TYPES.md, DOMAIN.md
§3) where it gives one, declared on the field with ``Limit``, else a default for its kind. The
bounds are checked on new input only (``input_issues``, called when a client's content is parsed):
content stored before a bound existed still loads, and its validation reports an over-long answer
as TOO_LONG on its question, so it cannot be signed until it is shortened.

The JSON Schema of every content model names the same bound (``maxLength`` / ``maxItems``), so a
client sees the limit before it hits it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, GetJsonSchemaHandler
from pydantic.fields import FieldInfo
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from domain.shared.validation import IssueCode, ValidationIssue

TEXT_MOST = 4000
"""A text without a national limit: the longest any national form takes (AG7804's 4000)."""
ITEMS_MOST = 20
"""A repeated answer without a national maximum: more rows than any form has."""
NUMBER_MOST = 1_000_000
"""A number of any form (hours, percent, visual acuity) is finite and within ± this; the form's
own range is for validation to report."""
_BOUND_KEYS = ("maxLength", "maxItems", "minimum", "maximum")


@dataclass(frozen=True)
class Limit:
    """The national bound of one answer: at most ``most`` characters (a text) or entries (a
    list). Put it in the field's ``Annotated[...]``."""

    most: int

    def __get_pydantic_json_schema__(self, core_schema: CoreSchema,
                                     handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        schema = handler(core_schema)
        for branch in schema.get("anyOf", [schema]):
            _bound(branch, self.most)
        return schema


def _bound(schema: dict[str, Any], most: int | None = None) -> None:
    """Add the bound to a string or array schema (and to an array's string items)."""
    if schema.get("type") == "string" and "enum" not in schema:
        schema.setdefault("maxLength", most or TEXT_MOST)
    elif schema.get("type") == "array":
        schema.setdefault("maxItems", most or ITEMS_MOST)
        _bound(schema.get("items", {}))
    elif schema.get("type") in ("integer", "number"):
        schema.setdefault("minimum", -NUMBER_MOST)
        schema.setdefault("maximum", NUMBER_MOST)


def bounded_schema(schema: dict[str, Any]) -> None:
    """``json_schema_extra`` of the content models: the default bound on every text and list
    property that declares none."""
    for prop in schema.get("properties", {}).values():
        for branch in prop.get("anyOf", [prop]):
            _bound(branch)


def without_input_bounds(schema: Any) -> Any:
    """A content schema as stored content may hold it: the bounds left out, since content
    stored before a bound existed may exceed it (the published contract describes that)."""
    if isinstance(schema, dict):
        return {k: without_input_bounds(v) for k, v in schema.items() if k not in _BOUND_KEYS}
    if isinstance(schema, list):
        return [without_input_bounds(item) for item in schema]
    return schema


def input_issues(content: BaseModel, question_ids: Mapping[str, str]) -> list[ValidationIssue]:
    """Every answer of a client's content over its bound, with its question id and path."""
    found: list[ValidationIssue] = []
    _walk(content, "", question_ids, found, None)
    return found


def _walk(model: BaseModel, prefix: str, question_ids: Mapping[str, str],
          found: list[ValidationIssue], question: str | None) -> None:
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        if value is None:
            continue
        alias = info.alias or name
        path = f"{prefix}{alias}"
        here = question or question_ids.get(alias, "content")
        _check(value, _declared(info), path, here, question_ids, found)


def _check(value: Any, most: int | None, path: str, question: str,
           question_ids: Mapping[str, str], found: list[ValidationIssue]) -> None:
    if isinstance(value, str):
        limit = most or TEXT_MOST
        if len(value) > limit:
            found.append(ValidationIssue(
                question_id=question, field=path, code=IssueCode.TOO_LONG,
                message=f"{path} is {len(value)} characters; at most {limit} are allowed."))
    elif isinstance(value, (list, tuple, set, frozenset)):
        limit = most or ITEMS_MOST
        if len(value) > limit:
            found.append(ValidationIssue(
                question_id=question, field=path, code=IssueCode.TOO_MANY,
                message=f"{path} has {len(value)} entries; at most {limit} are allowed."))
            return  # the entries of a list refused as a whole are not looked at one by one
        for index, item in enumerate(value):
            _check(item, None, f"{path}[{index}]", question, question_ids, found)
    elif isinstance(value, BaseModel):
        _walk(value, f"{path}.", question_ids, found, question)
    elif isinstance(value, (int, float)) and not isinstance(value, bool) and not (
            -NUMBER_MOST <= value <= NUMBER_MOST):  # also false for NaN
        found.append(ValidationIssue(
            question_id=question, field=path, code=IssueCode.INVALID_RANGE,
            message=f"{path} must be a finite number from {-NUMBER_MOST} to {NUMBER_MOST}."))


def _declared(info: FieldInfo) -> int | None:
    return next((m.most for m in info.metadata if isinstance(m, Limit)), None)
