"""The content models a doctor can draft, each with its validator and renewal rule.

Adding a type = one module in domain/ (a pydantic model, ``validate`` and optionally ``renew``)
plus one entry here. Content is stored in events as the JSON of the model (national camelCase
names); these functions take and return that JSON so the aggregate never holds a model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationError

from domain import ag7804, lisjp
from domain.care import CareUnit
from domain.errors import InvalidInputError, RelationNotAllowedError
from domain.validation import IssueCode, ValidationIssue

Validator = Callable[[Any, date, CareUnit], list[ValidationIssue]]
Renewer = Callable[[Any], Any]
RenewalFacts = Callable[[Any], dict[str, Any]]


@dataclass(frozen=True)
class ContentSpec:
    type_id: str
    version: int
    model: type[BaseModel]
    validate: Validator
    question_ids: dict[str, str] = field(default_factory=dict)
    renew: Renewer | None = None
    renewal_facts: RenewalFacts | None = None


def _lisjp_renewal_facts(content: lisjp.LisjpContent) -> dict[str, Any]:
    """The parent's last period end and degree, so the renewal can start the day after."""
    last = lisjp.last_period(content)
    if last is None:
        return {}
    return {"parent_last_period_end": last[0].isoformat(), "parent_last_degree": last[1]}


CONTENT_SPECS: dict[str, ContentSpec] = {
    "lisjp": ContentSpec("lisjp", lisjp.CONTENT_VERSION, lisjp.LisjpContent,
                         lisjp.validate_lisjp, lisjp.QUESTION_IDS, lisjp.renewal_content,
                         _lisjp_renewal_facts),
    "ag7804": ContentSpec("ag7804", ag7804.CONTENT_VERSION, ag7804.Ag7804Content,
                          ag7804.validate_ag7804, ag7804.QUESTION_IDS, ag7804.renewal_content),
}


def version_of(type_id: str) -> int:
    """The current content version of a type; 1 for types registered but not yet modelled."""
    spec = CONTENT_SPECS.get(type_id)
    return spec.version if spec else 1


def parse(type_id: str, raw: dict[str, Any]) -> BaseModel:
    """Parse a client's content into the type's model; refuse wrong shapes with field paths.

    Wrong *shapes* (a list where a text belongs) are refused here; wrong *values* (an unknown
    code, a date in the future) are kept in the draft and reported by validation.
    """
    spec = CONTENT_SPECS[type_id]
    try:
        return spec.model.model_validate(raw)
    except ValidationError as error:
        issues = [
            ValidationIssue(
                question_id=spec.question_ids.get(str(d["loc"][0]), "content") if d["loc"]
                else "content",
                field=".".join(str(part) for part in d["loc"]) or "content",
                code=IssueCode.INVALID_FORMAT,
                message=d["msg"],
            )
            for d in error.errors()
        ]
        message = "The content does not have the shape of the type."
        raise InvalidInputError(message, issues) from None


def dump(content: BaseModel) -> dict[str, Any]:
    """The JSON form stored in events and returned to clients (national camelCase names)."""
    return content.model_dump(mode="json", by_alias=True, exclude_none=True)


def parse_and_dump(type_id: str, raw: dict[str, Any]) -> dict[str, Any]:
    return dump(parse(type_id, raw))


def validate(type_id: str, stored: dict[str, Any], today: date,
             care_unit: CareUnit) -> list[ValidationIssue]:
    spec = CONTENT_SPECS[type_id]
    return spec.validate(spec.model.model_validate(stored), today, care_unit)


def renew(type_id: str, stored: dict[str, Any]) -> dict[str, Any]:
    spec = CONTENT_SPECS[type_id]
    if spec.renew is None:
        raise RelationNotAllowedError(f"Type {type_id} has no renewal rule.")
    return dump(spec.renew(spec.model.model_validate(stored)))


def renewal_facts(type_id: str, stored: dict[str, Any]) -> dict[str, Any]:
    spec = CONTENT_SPECS[type_id]
    if spec.renewal_facts is None:
        return {}
    return spec.renewal_facts(spec.model.model_validate(stored))


def ag7804_from_lisjp(stored_lisjp: dict[str, Any], include_diagnosis: bool) -> dict[str, Any]:
    source = lisjp.LisjpContent.model_validate(stored_lisjp)
    return dump(ag7804.from_lisjp(source, include_diagnosis))
