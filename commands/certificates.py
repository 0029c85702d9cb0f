"""The Certificates application: every use case of a certificate's lifecycle (Webcert +
Intygstjänsten). Each method loads, calls one domain method, saves, returns a CommandResult."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import RecordConflictError
from eventsourcing.utils import EnvType

from commands.clock import Clock, IdFactory, new_id, system_clock
from commands.conversations import load_conversation
from commands.death_registers import DeathRegisters, check_new_draft
from commands.grouped_application import GroupedApplication
from commands.idempotency import claims_for
from commands.reactions import (
    Affected,
    reactions_to_discarding,
    reactions_to_revoking,
    reactions_to_signing,
)
from commands.results import CommandResult, expected, result_of, unchanged
from commands.store_tables import log_pages
from commands.stored_history import read_or_hide
from domain.certificates.certificate import Certificate
from domain.certificates.lifecycle import RelationKind, RevocationReason
from domain.content import registry as contents
from domain.shared.care import CareUnit, Staff
from domain.shared.catalogue import (
    certificate_type,
    check_patient_allowed,
    draftable_type,
    recipient_for,
)
from domain.shared.errors import CertificateNotFoundError, NotAuthorisedError, StaleVersionError
from domain.shared.patient import Patient
from domain.shared.privileges import Privilege, check_privilege
from domain.shared.validation import ValidationIssue
from domain.topics import topics_of


class Certificates(GroupedApplication):
    """The certificate store, its saves group-committed. ``clock`` and ``ids`` are injected;
    real ones by default."""

    name = "certificates"

    def __init__(self, env: EnvType | None = None, *, clock: Clock = system_clock,
                 ids: IdFactory = new_id) -> None:
        super().__init__(env)
        self.clock = clock
        self.ids = ids
        self.death_registers = DeathRegisters(self.repository,
                                              self.env.get("CIPHER_KEY") or self.name)

    # --- reading -------------------------------------------------------------------------
    def get(self, certificate_id: UUID) -> Certificate:
        try:
            cert: Certificate = self.repository.get(certificate_id)
        except AggregateNotFoundError:
            raise CertificateNotFoundError.of(certificate_id) from None
        return cert

    def get_for(self, certificate_id: UUID, by: Staff,
                privilege: Privilege = Privilege.VISA_INTYG) -> Certificate:
        """The certificate, for staff who act for its unit and care giver and whose role holds
        ``privilege`` for its type. Decided before anything about the certificate is told:
        to anyone else it does not exist (the same 404 as an unknown id, ``read_or_hide``)."""
        cert = read_or_hide(self.get, self.repository, certificate_id, CertificateNotFoundError.of,
                            lambda first: by.acts_for(first.care_unit))
        if not by.acts_for(cert.care_unit):
            raise CertificateNotFoundError.of(certificate_id)
        check_privilege(by, privilege, cert.type_id)
        return cert

    def validate_draft(self, certificate_id: UUID,
                       by: Staff | None = None) -> list[ValidationIssue]:
        """What is missing or wrong in the draft, checked as of now (for ``by`` when given)."""
        cert = self.get_for(certificate_id, by) if by else self.get(certificate_id)
        return contents.validate(cert.type_id, cert.content, self.clock().date(), cert.care_unit,
                                 cert.patient.personnummer, cert.content_version)

    # --- drafts --------------------------------------------------------------------------
    def create_draft(self, *, type_id: str, patient: Patient, care_unit: CareUnit,
                     author: Staff, content: dict[str, Any] | None = None) -> CommandResult:
        cert_type = draftable_type(type_id)
        author.check_acts_for(care_unit)
        check_privilege(author, Privilege.SKRIVA_INTYG, cert_type.id)
        return self._new_draft(cert_type.id, patient, care_unit, author, content or {}, None,
                               from_client=True)

    def edit_draft(self, certificate_id: UUID, *, based_on_version: int, content: dict[str, Any],
                   by: Staff, care_unit: CareUnit | None = None) -> CommandResult:
        cert = self.get_for(certificate_id, by, Privilege.SKRIVA_INTYG)
        stored = contents.parse_and_dump(cert.type_id, content, cert.content_version)
        unit = _same_unit(cert.care_unit, care_unit) if care_unit else cert.care_unit
        now = self.clock()
        complete = not contents.validate(cert.type_id, stored, now.date(), unit,
                                         cert.patient.personnummer, cert.content_version)
        cert.edit(content=stored, complete=complete, care_unit=unit, by=by, now=now,
                  based_on_version=based_on_version)
        return self._save(cert)

    def discard_draft(self, certificate_id: UUID, *, based_on_version: int,
                      by: Staff) -> CommandResult:
        cert = self.get_for(certificate_id, by, Privilege.SKRIVA_INTYG)
        now = self.clock()
        cert.discard(by=by, now=now, based_on_version=based_on_version)
        return self._save(cert, *reactions_to_discarding(cert, self._affected(cert), now=now))

    def sign_certificate(self, certificate_id: UUID, *, based_on_version: int,
                         by: Staff) -> CommandResult:
        """Sign, then what signing causes (``commands.reactions``): "sign = send" types go to
        their recipient at once, a complement to the parent's recipients."""
        cert = self.get_for(certificate_id, by, Privilege.SIGNERA_INTYG)
        now = self.clock()
        issues = contents.validate(cert.type_id, cert.content, now.date(), cert.care_unit,
                                   cert.patient.personnummer, cert.content_version)
        cert.sign(signer=by, now=now, issues=issues, based_on_version=based_on_version)
        return self._save(cert, *reactions_to_signing(cert, self._affected(cert), by=by.hsa_id,
                                                      now=now))

    def lock_due_drafts(self) -> int:
        """Lock drafts not signed within 14 days, dispose of those untouched for 3 months."""
        now, changed = self.clock(), 0
        for certificate_id in self._draft_ids():
            cert = self.get(certificate_id)
            disposed = cert.dispose_if_due(now)
            if disposed or cert.lock_if_due(now):
                register = self.death_registers.load(cert.type_id, cert.patient.personnummer)
                if register is not None:
                    (register.mark_discarded if disposed else register.mark_locked)(cert.id)
                self._save(cert, register)
                changed += 1
        return changed

    # --- signed certificates -------------------------------------------------------------
    def send_certificate(self, certificate_id: UUID, *, recipient: str,
                         by: Staff | str) -> CommandResult:
        """Send to ``recipient``. Care staff (a ``Staff``) send their own unit's certificates;
        a bare id (the citizen's ``INVANA``) is trusted to have been authorised by the caller."""
        cert = self.get_for(certificate_id, by) if isinstance(by, Staff) else \
            self.get(certificate_id)
        recipient_for(recipient, cert.type_id)
        cert.send(recipient=recipient, now=self.clock(),
                  by=by.hsa_id if isinstance(by, Staff) else by)
        return self._save(cert)

    def revoke_certificate(self, certificate_id: UUID, *, reason: RevocationReason | None,
                           text: str | None,
                           by: Staff) -> CommandResult:
        """Revoke (makulera), then what revoking causes (``commands.reactions``)."""
        cert = self.get_for(certificate_id, by, Privilege.MAKULERA_INTYG)
        now = self.clock()
        if not cert.revoke(reason=reason, text=text, by=by.hsa_id, now=now):
            return self._save(cert)
        return self._save(cert, *reactions_to_revoking(cert, self._affected(cert), now=now))

    def archive_certificate(self, certificate_id: UUID) -> CommandResult:
        cert = self.get(certificate_id)
        cert.archive(self.clock())
        return self._save(cert)

    def restore_certificate(self, certificate_id: UUID) -> CommandResult:
        cert = self.get(certificate_id)
        cert.restore(self.clock())
        return self._save(cert)

    def register_certificate(self, *, certificate_id: UUID, type_id: str, patient: Patient,
                             care_unit: CareUnit, signer: dict[str, Any], signed_at: datetime,
                             content: dict[str, Any], source: str) -> CommandResult:
        """Intake from another issuing system. An id already registered changes nothing."""
        if certificate_id in self.repository:
            existing = self.get(certificate_id)
            return unchanged(existing, existing.version)
        cert = Certificate.register(
            id=certificate_id, type_id=type_id, content_version=contents.version_of(type_id),
            patient=patient, care_unit=care_unit, signer=signer, signed_at=signed_at,
            content=content, source=source, now=self.clock(),
        )
        return self._save(cert)

    # --- relations -----------------------------------------------------------------------
    def replace_certificate(self, parent_id: UUID, *, by: Staff) -> CommandResult:
        parent = self.get_for(parent_id, by, Privilege.ERSATTA_INTYG)
        parent.check_can_replace()
        return self._new_child(parent, RelationKind.ERSATT, _current_content(parent), by)

    def renew_certificate(self, parent_id: UUID, *, by: Staff) -> CommandResult:
        """Förlängning: a new draft with the content copied but the type's fields cleared."""
        parent = self.get_for(parent_id, by, Privilege.FORNYA_INTYG)
        parent.check_can_renew()
        current = _current_content(parent)
        renewed = contents.renew(parent.type_id, current)
        facts = contents.renewal_facts(parent.type_id, current)
        return self._new_child(parent, RelationKind.FRLANG, renewed, by, facts)

    def complement_certificate(self, parent_id: UUID, *, by: Staff) -> CommandResult:
        parent = self.get_for(parent_id, by, Privilege.SVARA_MED_NYTT_INTYG)
        parent.check_can_complement()
        return self._new_child(parent, RelationKind.KOMPLT, _current_content(parent), by)

    def copy_locked_draft(self, parent_id: UUID, *, by: Staff) -> CommandResult:
        parent = self.get_for(parent_id, by, Privilege.SKRIVA_INTYG)
        parent.check_can_copy()
        return self._new_child(parent, RelationKind.KOPIA, _current_content(parent), by)

    def create_ag7804_from_lisjp(self, lisjp_id: UUID, *, include_diagnosis: bool,
                                 by: Staff) -> CommandResult:
        """The employer's certificate (AG7804) made from a signed LISJP."""
        parent = self.get_for(lisjp_id, by, Privilege.SKRIVA_INTYG)
        parent.check_can_create_from("lisjp", "ag7804")
        content = contents.ag7804_from_lisjp(parent.content, include_diagnosis)
        return self._new_child(parent, RelationKind.CREATED_FROM, content, by, type_id="ag7804")

    def create_doi_from_db(self, db_id: UUID, *, by: Staff) -> CommandResult:
        """The cause-of-death certificate (DOI) made from a signed death certificate (DB)."""
        parent = self.get_for(db_id, by, Privilege.SKRIVA_INTYG)
        parent.check_can_create_from("db", "doi")
        content = contents.doi_from_db(parent.content)
        return self._new_child(parent, RelationKind.CREATED_FROM, content, by, type_id="doi")

    # --- helpers -------------------------------------------------------------------------
    def _new_child(self, parent: Certificate, kind: RelationKind, content: dict[str, Any],
                   by: Staff, facts: dict[str, Any] | None = None,
                   type_id: str | None = None) -> CommandResult:
        relation = {"kind": kind.value, "parent_id": str(parent.id), **(facts or {})}
        child_type = type_id or parent.type_id
        draftable_type(child_type)
        check_privilege(by, Privilege.SKRIVA_INTYG, child_type)
        return self._new_draft(child_type, parent.patient, parent.care_unit, by, content,
                               relation, parent=parent, kind=kind)

    def _new_draft(self, type_id: str, patient: Patient, care_unit: CareUnit, author: Staff,
                   content: dict[str, Any], relation: dict[str, Any] | None,
                   parent: Certificate | None = None, kind: RelationKind | None = None,
                   from_client: bool = False) -> CommandResult:
        check_patient_allowed(certificate_type(type_id), patient.protected_identity)
        register = self.death_registers.load(type_id, patient.personnummer)
        if register is not None:
            check_new_draft(register, care_unit.care_giver_hsa_id)
        stored = contents.parse_and_dump(type_id, content, from_client=from_client)
        now = self.clock()
        complete = not contents.validate(type_id, stored, now.date(), care_unit,
                                         patient.personnummer)
        draft = Certificate.create_draft(
            id=self.ids(), type_id=type_id, content_version=contents.version_of(type_id),
            patient=patient, care_unit=care_unit, author=author, now=now, content=stored,
            complete=complete, relation=relation,
        )
        if parent is not None and kind is not None:
            parent.record_child(draft.id, kind, now)
        if register is not None:
            register.note(draft.id, care_unit.care_giver_hsa_id, now)
        return self._save(draft, parent, register)

    def _affected(self, cert: Certificate) -> Affected:
        """What the certificate's signing, revoking or discarding may touch."""
        register = self.death_registers.load(cert.type_id, cert.patient.personnummer)
        parent = self.get(UUID(cert.relation["parent_id"])) if cert.relation else None
        return Affected(parent=parent, register=register,
                        conversation_of=partial(load_conversation, self.repository))

    def _draft_ids(self) -> list[UUID]:
        return [UUID(str(n.originator_id))
                for page in log_pages(self, 0, topics_of(Certificate.DraftCreated))
                for n in page]

    def _save(self, first: Certificate, *others: Aggregate | None) -> CommandResult:
        """Save in one transaction, with an Idempotency-Key's claim when the request has one."""
        claims = claims_for(expected(first, first.version), first, *others)
        try:
            recordings = self.save(*claims, first, *others)
        except RecordConflictError:
            raise StaleVersionError(
                "Another command changed the certificate at the same time; reload and retry."
            ) from None
        return result_of(first, first.version, recordings)


def _current_content(parent: Certificate) -> dict[str, Any]:
    """The parent's content lifted to its type's current version: children are always written
    in the current version, whatever version the parent was written in."""
    return contents.upcast(parent.type_id, parent.content, parent.content_version)


def _same_unit(current: CareUnit, given: CareUnit) -> CareUnit:
    if given.hsa_id != current.hsa_id or given.care_giver_hsa_id != current.care_giver_hsa_id:
        raise NotAuthorisedError("A draft cannot be moved to another care unit.")
    return given
