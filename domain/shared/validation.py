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
    # An order from an authority (Intygsbeställning, domain.orders.bestallning.validation).
    GTA_FEL01 = "GTA_FEL01"  # wrong code system or id root
    GTA_FEL02 = "GTA_FEL02"  # the authority may not order
    GTA_FEL03 = "GTA_FEL03"  # the care unit is not an HSA id
    GTA_FEL04 = "GTA_FEL04"  # the care unit is not its care giver's
    GTA_FEL05 = "GTA_FEL05"  # the personnummer is not normalised (12 digits, valid)
    GTA_FEL06 = "GTA_FEL06"  # the care giver has no organisation number
    GTA_FEL08 = "GTA_FEL08"  # unknown order form
    GTA_FEL09 = "GTA_FEL09"  # the care unit has no e-mail address
    GTA_FEL13 = "GTA_FEL13"  # a text is longer than its limit


class ValidationIssue(BaseModel):
    """One failing rule: the national question id, the field path, a code and a message."""

    model_config = ConfigDict(frozen=True)

    question_id: str
    field: str
    code: IssueCode
    message: str
