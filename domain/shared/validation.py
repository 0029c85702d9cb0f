"""Validation results shared by every content model."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class IssueCode(StrEnum):
    """Machine codes of validation failures; a client shows its own text per code."""

    MISSING = "MISSING"
    FORBIDDEN = "FORBIDDEN"
    INVALID_FORMAT = "INVALID_FORMAT"
    INVALID_VALUE = "INVALID_VALUE"
    TOO_LONG = "TOO_LONG"
    TOO_MANY = "TOO_MANY"
    DUPLICATE = "DUPLICATE"
    FUTURE_DATE = "FUTURE_DATE"
    OVERLAP = "OVERLAP"
    INVALID_RANGE = "INVALID_RANGE"
    UNKNOWN_CODE = "UNKNOWN_CODE"
    BLANK = "BLANK"
    MIXED_CODE_SYSTEMS = "MIXED_CODE_SYSTEMS"
    MUST_STAND_ALONE = "MUST_STAND_ALONE"
    INCORRECT_COMBINATION = "INCORRECT_COMBINATION"
    BEFORE_BIRTH = "BEFORE_BIRTH"


class ValidationIssue(BaseModel):
    """One failing rule: the national question id, the field path, a code and a message."""

    model_config = ConfigDict(frozen=True)

    question_id: str
    field: str
    code: IssueCode
    message: str
