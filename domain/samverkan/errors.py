"""What a space refuses. Messages name roles, sections and ids only, never patient data."""

from __future__ import annotations

from domain.shared.errors import (
    ForbiddenError,
    InvalidInputError,
    NotFoundError,
    RuleViolationError,
)


class SpaceNotFoundError(NotFoundError):
    @classmethod
    def of(cls, space_id: object) -> SpaceNotFoundError:
        """The one answer for a space the caller may not know of, whether or not it exists."""
        return cls(f"No space {space_id}.")


class SpaceItemNotFoundError(NotFoundError):
    @classmethod
    def of(cls, item_id: object) -> SpaceItemNotFoundError:
        return cls(f"No item {item_id} in the space.")


class SpaceVersionNotFoundError(NotFoundError):
    """A plan asked for at a version the space never had."""


class SpaceActionNotAllowedError(ForbiddenError):
    """A participant of the space tried what their role or scope does not allow."""


class CareConsentMissingError(ForbiddenError):
    """Care contributes only with the patient's recorded consent."""


class ParticipantAlreadyInvitedError(RuleViolationError):
    pass


class ParticipantNotInvitedError(RuleViolationError):
    pass


class ItemAlreadyApprovedError(RuleViolationError):
    pass


class ItemNotApprovedError(RuleViolationError):
    pass


class NoCurrentSickLeaveError(RuleViolationError):
    """A space is opened for a current sick leave: the certificate named is not one."""


class SpaceAlreadyOpenError(RuleViolationError):
    """One space per sick-leave case: this case has one already."""


class InvalidSpaceInputError(InvalidInputError):
    pass
