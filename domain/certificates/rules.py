"""What a certificate's state allows (DOMAIN.md §5): derived facts and the guards of commands.

A mixin of :class:`domain.certificates.certificate.Certificate`; it only reads state.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from domain.certificates.lifecycle import (
    CertificateState,
    ChildState,
    RelationKind,
    RevocationReason,
    StatusEntry,
    StatusKind,
)
from domain.shared.care import CareUnit, Role, Staff
from domain.shared.catalogue import CertificateType, certificate_type
from domain.shared.errors import (
    CertificateComplementedError,
    CertificateForTestPatientError,
    CertificateNotDraftError,
    CertificateNotSignedError,
    CertificateReplacedError,
    CertificateRevokedError,
    DomainError,
    DraftIncompleteError,
    DraftLockedError,
    DraftNotLockedError,
    InvalidRevocationError,
    RelationNotAllowedError,
    StaleVersionError,
)
from domain.shared.patient import Patient
from domain.shared.privileges import ACTION_PRIVILEGES, Privilege, check_privilege, may
from domain.shared.validation import IssueCode, ValidationIssue


class CertificateRules:
    type_id: str
    state: CertificateState
    statuses: list[StatusEntry]
    children: dict[str, dict[str, str]]
    patient_data: dict[str, Any]
    care_unit_data: dict[str, Any]
    last_touched_at: datetime
    author: dict[str, Any]
    relation: dict[str, Any] | None

    # --- derived facts -------------------------------------------------------------------
    @property
    def certificate_type(self) -> CertificateType:
        return certificate_type(self.type_id)

    @property
    def patient(self) -> Patient:
        # Built without re-validating: a stored fact stays readable when rules tighten.
        return Patient.model_construct(**self.patient_data)

    @property
    def care_unit(self) -> CareUnit:
        return CareUnit.model_construct(**self.care_unit_data)

    @property
    def is_signed(self) -> bool:
        return self.state is CertificateState.SIGNED

    @property
    def is_revoked(self) -> bool:
        return any(s.kind is StatusKind.CANCELLED for s in self.statuses)

    @property
    def is_archived(self) -> bool:
        """The newest of DELETED/RESTORED is DELETED."""
        for entry in self.statuses:
            if entry.kind in (StatusKind.DELETED, StatusKind.RESTORED):
                return entry.kind is StatusKind.DELETED
        return False

    def is_sent_to(self, recipient: str) -> bool:
        return any(s.kind is StatusKind.SENT and s.recipient == recipient for s in self.statuses)

    @property
    def recipients_sent_to(self) -> list[str]:
        sent = [s.recipient for s in reversed(self.statuses) if s.kind is StatusKind.SENT]
        return list(dict.fromkeys(sent))

    def children_of(self, kind: RelationKind, *states: ChildState) -> list[str]:
        return [
            child_id
            for child_id, child in self.children.items()
            if child["kind"] == kind.value and ChildState(child["state"]) in states
        ]

    @property
    def replaced_by_signed(self) -> bool:
        return bool(self.children_of(RelationKind.ERSATT, ChildState.SIGNED))

    @property
    def complemented_by_signed(self) -> bool:
        return bool(self.children_of(RelationKind.KOMPLT, ChildState.SIGNED))

    # --- guards --------------------------------------------------------------------------
    def check_same_unit(self, staff: Staff) -> None:
        staff.check_acts_for(self.care_unit)

    def check_editable_draft(self) -> None:
        """§5: only unsigned drafts may be edited; a locked one can only be copied."""
        if self.state is CertificateState.DRAFT_LOCKED:
            raise DraftLockedError("The draft is locked; it can only be copied or discarded.")
        if not self.state.is_editable_draft:
            raise CertificateNotDraftError(
                f"Only an unsigned draft can be changed; this one is {self.state.value}."
            )

    def check_signable(self, signer: Staff, issues: list[ValidationIssue]) -> None:
        """§5: a doctor (a dentist for its types) of the issuing unit signs a complete, unlocked
        draft; ``issues`` is the validation of the content at signing."""
        self.check_same_unit(signer)
        check_privilege(signer, Privilege.SIGNERA_INTYG, self.type_id)
        if self.state is CertificateState.DRAFT_LOCKED:
            raise DraftLockedError("A locked draft cannot be signed; copy it instead.")
        self.check_editable_draft()
        if issues:
            raise DraftIncompleteError("The draft is not complete.", issues)

    def check_discardable(self) -> None:
        """§5: only an unsigned draft (also a locked one) may be discarded."""
        if not (self.state.is_editable_draft or self.state is CertificateState.DRAFT_LOCKED):
            raise CertificateNotDraftError("Only an unsigned draft can be discarded.")

    def check_signed(self) -> None:
        if not self.is_signed:
            raise CertificateNotSignedError("The certificate is not signed.")

    def _check_signed_not_revoked(self) -> None:
        self.check_signed()
        if self.is_revoked:
            raise CertificateRevokedError("The certificate is revoked.")

    def check_sendable(self) -> None:
        """Signed, not revoked, not replaced by a signed child; never a test certificate."""
        self._check_signed_not_revoked()
        if self.replaced_by_signed:
            raise CertificateReplacedError("The certificate is replaced by a signed certificate.")
        if self.patient.test_indicated:
            raise CertificateForTestPatientError("A test certificate is never sent.")

    def check_revocable(self, reason: RevocationReason | None, text: str | None) -> None:
        """Signed; a reason and a text explaining it, except for the types that revoke without
        one (TYPES.md §0.1: DB and DOI, MAKULERA_INTYG_KRAVER_ANLEDNING unset)."""
        self.check_signed()
        if not self.certificate_type.revocation_needs_reason:
            return
        issues = []
        if reason is None:
            issues.append(ValidationIssue(
                question_id="revoke", field="reason", code=IssueCode.MISSING,
                message=f"A {self.certificate_type.form} revocation needs a reason: "
                        f"{', '.join(RevocationReason)}."))
        if not (text or "").strip():
            issues.append(ValidationIssue(
                question_id="revoke", field="text", code=IssueCode.MISSING,
                message="A revocation needs a text explaining the reason."))
        if issues:
            raise InvalidRevocationError("A revocation needs a reason and a text.", issues)

    def check_can_replace(self) -> None:
        """Signed, not revoked, not already replaced by a live child (draft or signed), not
        complemented by a signed child. Every type but the import-only fk7263."""
        if not self.certificate_type.draftable:
            raise RelationNotAllowedError(f"Type {self.type_id} cannot be replaced.")
        self._check_signed_not_revoked()
        if self.children_of(RelationKind.ERSATT, ChildState.DRAFT, ChildState.SIGNED):
            raise CertificateReplacedError("The certificate is already being replaced.")
        if self.complemented_by_signed:
            raise CertificateComplementedError("The certificate is complemented by a signed one.")

    def check_can_renew(self) -> None:
        """Signed, not revoked, not replaced or complemented by a signed child; renewable types."""
        if not self.certificate_type.renewable:
            raise RelationNotAllowedError(f"Type {self.type_id} cannot be renewed.")
        self._check_signed_not_revoked()
        if self.replaced_by_signed:
            raise CertificateReplacedError("The certificate is replaced by a signed certificate.")
        if self.complemented_by_signed:
            raise CertificateComplementedError("The certificate is complemented by a signed one.")

    def check_can_complement(self) -> None:
        """Not revoked; only the types with questions and answers (ärendekommunikation)."""
        if not self.certificate_type.has_questions:
            raise RelationNotAllowedError(f"Type {self.type_id} has no questions to complement.")
        self._check_signed_not_revoked()

    def check_can_copy(self) -> None:
        """Only a locked draft is copied (KOPIA)."""
        if self.state is not CertificateState.DRAFT_LOCKED:
            raise DraftNotLockedError("Only a locked draft can be copied.")

    def check_can_create_from(self, parent_type: str, child_type: str) -> None:
        """"Created from" (LISJP -> AG7804, DB -> DOI): the parent is a signed, live one."""
        if self.type_id != parent_type:
            raise RelationNotAllowedError(
                f"A {child_type} is created from a {parent_type}, not a {self.type_id}."
            )
        self._check_signed_not_revoked()

    def allowed_actions(self, role: Role | None = None) -> list[str]:
        """What a care user (of ``role``, when given) may do next, for a client to show the
        right buttons."""
        checks = {
            "edit": self.state.is_editable_draft,
            "sign": self.state is CertificateState.DRAFT_COMPLETE,
            "discard": self.state.is_editable_draft or self.state is CertificateState.DRAFT_LOCKED,
            "send": _passes(self.check_sendable) and self.certificate_type.default_recipient
            is not None,
            "revoke": self.is_signed and not self.is_revoked,
            "replace": _passes(self.check_can_replace),
            "renew": _passes(self.check_can_renew),
            "complement": _passes(self.check_can_complement),
            "copy": _passes(self.check_can_copy),
            "create_ag7804": _passes(lambda: self.check_can_create_from("lisjp", "ag7804")),
            "create_doi": _passes(lambda: self.check_can_create_from("db", "doi")),
        }
        return [name for name, allowed in checks.items() if allowed and (
            role is None or may(role, ACTION_PRIVILEGES[name], self.type_id))]


def check_version(current: int, based_on_version: int) -> None:
    """§5: an edit carries the version it was based on; a stale version is a conflict."""
    if based_on_version != current:
        raise StaleVersionError(
            f"The certificate is at version {current}, "
            f"the command was based on version {based_on_version}."
        )


def _passes(check: Any) -> bool:
    try:
        check()
    except DomainError:
        return False
    return True
