"""The Certificate aggregate: one läkarintyg from first draft to revocation (DOMAIN.md §5).

Public methods check the rules (``domain.certificates.rules``) and raise a named error; the
events only assign state, as they re-run on every replay: state and status entries through the
fold the read models call too (``domain.certificates.fold``). ``now`` and ids come from the caller.

Event style, one for every aggregate here and in ``domain.questions``: ``@event("Name")`` on the
private method that applies the event, the creation event on ``__init__``; only an aggregate made
by two creation events (this one) nests them as ``Aggregate.Created`` classes, as one ``__init__``
carries one event. Either way the stored topic is ``module:Aggregate.EventName``, pinned in
``domain.topics``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.certificates import fold
from domain.certificates.lifecycle import (
    CertificateState,
    ChildState,
    RelationKind,
    RevocationReason,
    StatusEntry,
    StatusKind,
)
from domain.certificates.rules import CertificateRules, check_version
from domain.shared.care import CareUnit, Staff
from domain.shared.patient import Patient
from domain.shared.validation import ValidationIssue

LOCK_AFTER = timedelta(days=14)
DISPOSE_AFTER = timedelta(days=90)


class Certificate(CertificateRules, Aggregate):
    """A certificate of one type about one patient, issued by one care unit."""

    class DraftCreated(Aggregate.Created):
        """A doctor (or nurse) started a draft, possibly related to a parent certificate."""

        type_id: str
        content_version: int
        patient: dict[str, Any]
        care_unit: dict[str, Any]
        author: dict[str, Any]
        created_at: datetime
        content: dict[str, Any]
        complete: bool
        relation: dict[str, Any] | None

        def apply(self, aggregate: Certificate) -> None:
            aggregate._begin(self.type_id, self.content_version, self.patient, self.care_unit,
                             self.content, self.created_at)
            aggregate.author = self.author
            aggregate.relation = self.relation
            aggregate._fold("DraftCreated", complete=self.complete)

    class CertificateRegistered(Aggregate.Created):
        """A certificate signed in another issuing system was registered here (intake)."""

        type_id: str
        content_version: int
        patient: dict[str, Any]
        care_unit: dict[str, Any]
        signer: dict[str, Any]
        signed_at: datetime
        content: dict[str, Any]
        source: str
        registered_at: datetime

        def apply(self, aggregate: Certificate) -> None:
            aggregate._begin(self.type_id, self.content_version, self.patient, self.care_unit,
                             self.content, self.registered_at)
            aggregate.author = self.signer
            aggregate._mark_signed("CertificateRegistered", self.signer, self.signed_at)

    # --- creation ------------------------------------------------------------------------
    @classmethod
    def create_draft(
        cls, *, id: UUID, type_id: str, content_version: int, patient: Patient,
        care_unit: CareUnit, author: Staff, now: datetime, content: dict[str, Any],
        complete: bool, relation: dict[str, Any] | None = None,
    ) -> Certificate:
        """A new draft (utkast), DRAFT_COMPLETE if its content already passes validation."""
        return cls._create(
            cls.DraftCreated, id=id, type_id=type_id, content_version=content_version,
            patient=patient.model_dump(), care_unit=care_unit.model_dump(),
            author=author.model_dump(mode="json"), created_at=now, content=content,
            complete=complete, relation=relation,
        )

    @classmethod
    def register(
        cls, *, id: UUID, type_id: str, content_version: int, patient: Patient,
        care_unit: CareUnit, signer: dict[str, Any], signed_at: datetime,
        content: dict[str, Any], source: str, now: datetime,
    ) -> Certificate:
        """A certificate signed in another issuing system, registered here as it is."""
        return cls._create(
            cls.CertificateRegistered, id=id, type_id=type_id, content_version=content_version,
            patient=patient.model_dump(), care_unit=care_unit.model_dump(), signer=signer,
            signed_at=signed_at, content=content, source=source, registered_at=now,
        )

    # --- drafts --------------------------------------------------------------------------
    def edit(
        self, *, content: dict[str, Any], complete: bool, care_unit: CareUnit | None,
        by: Staff, now: datetime, based_on_version: int,
    ) -> None:
        self.check_same_unit(by)
        check_version(self.version, based_on_version)
        self.check_editable_draft()
        unit = (care_unit or self.care_unit).model_dump()
        self._edited(content, complete, unit, by.hsa_id, now)

    def discard(self, *, by: Staff, now: datetime, based_on_version: int) -> None:
        """Throw a draft away (also a locked one). Signed certificates are revoked instead."""
        self.check_same_unit(by)
        check_version(self.version, based_on_version)
        self.check_discardable()
        self._discarded(by.hsa_id, now)

    def lock_if_due(self, now: datetime) -> bool:
        """Lock a draft not signed within 14 days. True if it was locked now."""
        if self.state in _EDITABLE and now - self.created_at >= LOCK_AFTER:
            self._locked(now)
            return True
        return False

    def dispose_if_due(self, now: datetime) -> bool:
        """Dispose of a draft untouched for 3 months. True if it was disposed of now."""
        unsigned = (*_EDITABLE, CertificateState.DRAFT_LOCKED)
        if self.state in unsigned and now - self.last_touched_at >= DISPOSE_AFTER:
            self._disposed(now)
            return True
        return False

    def sign(
        self, *, signer: Staff, now: datetime, issues: list[ValidationIssue],
        based_on_version: int,
    ) -> None:
        """Sign a complete draft. ``issues`` is the validation of the content at ``now``. Who
        signs is decided before the version is compared, so a stranger learns nothing."""
        self.check_same_unit(signer)
        check_version(self.version, based_on_version)
        self.check_signable(signer, issues)
        self._signed(signer.as_signer(), now)

    # --- signed certificates -------------------------------------------------------------
    def send(self, *, recipient: str, now: datetime, by: str) -> bool:
        """Send to a recipient. Sending again to the same one changes nothing (returns False)."""
        self.check_sendable()
        if self.is_sent_to(recipient):
            return False
        self._sent(recipient, now, by)
        return True

    def revoke(self, *, reason: RevocationReason | None, text: str | None, by: str,
               now: datetime) -> bool:
        """Revoke (makulera). Forwarded to every recipient it was sent to. Again: no change.
        A type revoked without a reason (DB, DOI) stores an empty reason and text."""
        self.check_revocable(reason, text)
        if self.is_revoked:
            return False
        self._revoked(reason.value if reason else "", text or "", by, now,
                      self.recipients_sent_to)
        return True

    def archive(self, now: datetime) -> bool:
        """The citizen archives it (status DELETED). Already archived: no change."""
        self.check_signed()
        if self.is_archived:
            return False
        self._archived(now)
        return True

    def restore(self, now: datetime) -> bool:
        self.check_signed()
        if not self.is_archived:
            return False
        self._restored(now)
        return True

    # --- the parent's side of relations --------------------------------------------------
    def record_child(self, child_id: UUID, kind: RelationKind, now: datetime) -> None:
        self._child_created(child_id, kind.value, now)

    def record_child_signed(self, child_id: UUID, now: datetime) -> None:
        self._child_signed(child_id, now)

    def record_child_revoked(self, child_id: UUID, now: datetime) -> None:
        self._child_revoked(child_id, now)

    def record_child_discarded(self, child_id: UUID, now: datetime) -> None:
        self._child_discarded(child_id, now)

    # --- events: they only assign state (they re-run on every replay) --------------------
    def _begin(self, type_id: str, content_version: int, patient: dict[str, Any],
               care_unit: dict[str, Any], content: dict[str, Any], at: datetime) -> None:
        self.type_id = type_id
        self.content_version = content_version
        self.patient_data = patient
        self.care_unit_data = care_unit
        self.content = content
        self.created_at = at
        self.last_touched_at = at
        self.relation: dict[str, Any] | None = None
        self.lifecycle: fold.Lifecycle = fold.BEFORE_CREATION
        self.children: dict[str, dict[str, str]] = {}
        self.signer: dict[str, Any] | None = None
        self.signed_at: datetime | None = None
        self.revocation: dict[str, Any] | None = None

    @event("DraftEdited")
    def _edited(self, content: dict[str, Any], complete: bool, care_unit: dict[str, Any],
                edited_by: str, edited_at: datetime) -> None:
        self.content = content
        self.care_unit_data = care_unit
        self.last_touched_at = edited_at
        self._fold("DraftEdited", complete=complete)

    @event("DraftDiscarded")
    def _discarded(self, discarded_by: str, discarded_at: datetime) -> None:
        self._fold("DraftDiscarded")

    @event("DraftLocked")
    def _locked(self, locked_at: datetime) -> None:
        self._fold("DraftLocked")

    @event("DraftDisposed")
    def _disposed(self, disposed_at: datetime) -> None:
        self._fold("DraftDisposed")

    @event("CertificateSigned")
    def _signed(self, signer: dict[str, Any], signed_at: datetime) -> None:
        self._mark_signed("CertificateSigned", signer, signed_at)

    def _mark_signed(self, event_name: str, signer: dict[str, Any], signed_at: datetime) -> None:
        self.signer = signer
        self.signed_at = signed_at
        self._fold(event_name, signed_at=signed_at)

    @event("CertificateSent")
    def _sent(self, recipient: str, sent_at: datetime, sent_by: str) -> None:
        self._fold("CertificateSent", recipient=recipient, sent_at=sent_at)

    @event("CertificateRevoked")
    def _revoked(self, reason: str, text: str, revoked_by: str, revoked_at: datetime,
                 forwarded_to: list[str]) -> None:
        self.revocation = {"reason": reason, "text": text, "revoked_at": revoked_at}
        self._fold("CertificateRevoked", revoked_at=revoked_at, forwarded_to=forwarded_to)

    @event("CertificateArchived")
    def _archived(self, archived_at: datetime) -> None:
        self._fold("CertificateArchived", archived_at=archived_at)

    @event("CertificateRestored")
    def _restored(self, restored_at: datetime) -> None:
        self._fold("CertificateRestored", restored_at=restored_at)

    @event("ChildCertificateCreated")
    def _child_created(self, child_id: UUID, kind: str, at: datetime) -> None:
        self.children[str(child_id)] = {"kind": kind, "state": ChildState.DRAFT.value}

    @event("ChildCertificateSigned")
    def _child_signed(self, child_id: UUID, at: datetime) -> None:
        self.children[str(child_id)]["state"] = ChildState.SIGNED.value

    @event("ChildCertificateRevoked")
    def _child_revoked(self, child_id: UUID, at: datetime) -> None:
        self.children[str(child_id)]["state"] = ChildState.REVOKED.value

    @event("ChildDraftDiscarded")
    def _child_discarded(self, child_id: UUID, at: datetime) -> None:
        self.children[str(child_id)]["state"] = ChildState.DISCARDED.value

    def _fold(self, event_name: str, **data: Any) -> None:
        """The one meaning of the event for state and statuses (``domain.certificates.fold``,
        which the read models fold too)."""
        self.lifecycle = fold.apply(self.lifecycle, event_name, data)
        self.state = CertificateState(self.lifecycle["state"])
        self.statuses = [StatusEntry.model_validate(s) for s in self.lifecycle["statuses"]]


_EDITABLE = (CertificateState.DRAFT_INCOMPLETE, CertificateState.DRAFT_COMPLETE)
__all__ = ["Certificate", "CertificateState", "ChildState", "StatusEntry", "StatusKind"]
