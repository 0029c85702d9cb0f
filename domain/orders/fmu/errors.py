"""The rules an investigation refuses, each a named error in one of the shared families.

``code`` is the national error code Försäkringskassan's messages answer with, where one exists
(TA_FEL04 wrong unit, TA_FEL05 unknown visit, TA_FEL07 no last date, TA_FEL13 already ordered).
Messages name statuses, units and ids only, never patient data.
"""

from __future__ import annotations

from domain.shared.errors import (
    ForbiddenError,
    InvalidInputError,
    NotFoundError,
    RuleViolationError,
)


class InvestigationStatusError(RuleViolationError):
    """The transition is not allowed in the investigation's current status."""

    def __init__(self, transition: str, status: str, code: str | None = None) -> None:
        super().__init__(f"{transition} is not allowed in status {status}.")
        self.code = code


class InvestigationAlreadyEndedError(RuleViolationError):
    code = "ALREADY_EXISTS"


class RequestAlreadyAnsweredError(RuleViolationError):
    pass


class UnitAlreadyAskedError(RuleViolationError):
    pass


class DeclineNotAllowedError(RuleViolationError):
    """The region's sole own-regi unit may not decline unless rejection is switched on."""


class NothingToUpdateError(RuleViolationError):
    code = "TA_FEL10"


class NoPendingDocumentsError(RuleViolationError):
    pass


class VisitAlreadyBookedError(RuleViolationError):
    pass


class VisitAlreadyReportedError(RuleViolationError):
    pass


class VisitsStillBookedError(RuleViolationError):
    pass


class ComplementWindowClosedError(RuleViolationError):
    pass


class NotTheAssignedUnitError(ForbiddenError):
    code = "TA_FEL04"


class NotOwnLandstingError(ForbiddenError):
    pass


class InternalRequestNotFoundError(NotFoundError):
    pass


class VisitNotFoundError(NotFoundError):
    code = "TA_FEL05"


class ComplementNotFoundError(NotFoundError):
    pass


class CommentRequiredError(InvalidInputError):
    pass


class LastDateRequiredError(InvalidInputError):
    code = "TA_FEL07"


class InvalidPerformerError(InvalidInputError):
    pass


class InterpreterReportRequiredError(InvalidInputError):
    """A visit booked with an interpreter must be reported DELTAGIT or EJ_DELTAGIT."""


class ExtendedLastDateRequiredError(InvalidInputError):
    """Booking a non-LK profession for an AFU needs FK's new last date (UpdateAssessment)."""


class InvestigationNotFoundError(NotFoundError):
    @classmethod
    def of(cls, investigation_id: object) -> InvestigationNotFoundError:
        """The one answer for an investigation the caller may not know of, whether or not it
        exists."""
        return cls(f"No investigation {investigation_id}.")


class UnknownLandstingError(InvalidInputError):
    """The request names no landsting the service knows (RequestPerformerForAssessment)."""

    code = "TA_FEL01"
