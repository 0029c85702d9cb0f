"""Domain errors. Each belongs to one family; the API maps families to problem details."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from domain.shared.validation import ValidationIssue


class DomainError(Exception):
    """Base of every rule the domain refuses."""


class NotFoundError(DomainError):
    """The thing asked for does not exist (or must not be revealed)."""


class RuleViolationError(DomainError):
    """The command is well-formed but the certificate's state forbids it."""


class InvalidInputError(DomainError):
    """A value is malformed. Carries the failing fields."""

    def __init__(self, message: str, issues: Sequence[ValidationIssue] = ()) -> None:
        super().__init__(message)
        self.issues = list(issues)


class ForbiddenError(DomainError):
    """The acting user may not do this."""


class VersionConflictError(DomainError):
    """The command was based on a version that is no longer the latest."""


# --- not found -----------------------------------------------------------------------------
class CertificateNotFoundError(NotFoundError):
    @classmethod
    def of(cls, certificate_id: object) -> CertificateNotFoundError:
        """The one answer for a certificate the caller may not know of, whether or not it
        exists."""
        return cls(f"No certificate {certificate_id}.")


# --- invalid input -------------------------------------------------------------------------
class InvalidPersonnummerError(InvalidInputError):
    pass


class UnknownCertificateTypeError(InvalidInputError):
    pass


class UnknownRecipientError(InvalidInputError):
    pass


class DraftIncompleteError(InvalidInputError):
    """Signing was asked for a draft that does not pass validation."""


class InvalidRevocationError(InvalidInputError):
    pass


class InvalidStatisticsScopeError(InvalidInputError):
    """A statistics scope (riket, region, vårdgivare, vårdenhet) with a missing or unknown id."""


class InvalidReportPeriodError(InvalidInputError):
    """A statistics report period that ends before it starts."""


class PseudonymKeyTooShortError(InvalidInputError):
    """The secret key for patient pseudonyms in statistics is missing or too short."""


class InvalidSjukfallSettingsError(InvalidInputError):
    """A Rehabstöd setting (maxGap 0-90, maxDaysSinceEnded 0-14) or a sjukfall filter value out
    of range; each issue names the field."""


# --- rule violations -----------------------------------------------------------------------
class CertificateTypeNotSupportedError(RuleViolationError):
    """The type is in the registry but has no content model yet."""


class RecipientDoesNotTakeTypeError(RuleViolationError):
    pass


class ProtectedIdentityNotAllowedError(RuleViolationError):
    """The type is not issued for a patient with protected identity (sekretessmarkering)."""


class CertificateNotDraftError(RuleViolationError):
    """Only an unsigned draft may be edited, discarded or signed."""


class DraftLockedError(RuleViolationError):
    """A locked draft can only be copied or discarded."""


class DraftNotLockedError(RuleViolationError):
    pass


class CertificateNotSignedError(RuleViolationError):
    pass


class CertificateRevokedError(RuleViolationError):
    pass


class CertificateReplacedError(RuleViolationError):
    """A signed, not revoked child replaces (or complements) this certificate."""


class CertificateComplementedError(RuleViolationError):
    pass


class CertificateForTestPatientError(RuleViolationError):
    """A certificate for a test patient is never sent to a recipient."""


class RelationNotAllowedError(RuleViolationError):
    """The certificate type does not allow this relation (renew, complement, ...)."""


class OtherCareGiverCertificateExistsError(RuleViolationError):
    """A signed, not revoked DB for the patient exists at another care giver: a DB is unique
    across care givers (UNIKT_INTYG, INTYG_FROM_OTHER_VARDGIVARE_EXISTS)."""


class SameCareGiverDraftExistsError(RuleViolationError):
    """An open draft of the type (DB, DOI) for the patient exists at this care giver already
    (UNIKT_UTKAST_INOM_VG, UTKAST_FROM_SAME_VARDGIVARE_EXISTS)."""


class LaterCertificateExistsError(RuleViolationError):
    """A signed DOI created at or after this draft exists at the care giver: the latest
    created DOI is the valid one (INTYG_CREATED_AFTER_EXISTS)."""


class NotAuthorisedError(ForbiddenError):
    """The acting user may not do this to this certificate."""


class CitizenTooYoungError(ForbiddenError):
    """Mina intyg has a minimum age."""


# --- conflicts -----------------------------------------------------------------------------
class StaleVersionError(VersionConflictError):
    pass
