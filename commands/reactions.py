"""What a certificate's lifecycle causes beyond the certificate itself: one named function per
reaction, listed in order by ``reactions_to_signing``, ``reactions_to_revoking`` and
``reactions_to_discarding``.

Signing:
  1. ``mark_signed_in_death_register``: DB and DOI are one per patient; checked again at signing.
  2. ``send_to_default_recipient``: a "sign = send" type goes to its recipient at once.
  3. ``record_child_signed``: the parent notes its child's new state.
  4. ``send_complement_to_parents_recipients``: a complement (KOMPLT) goes where its parent went.
  5. ``close_complemented_questions``: a complement closes the parent's open KOMPLT questions.
Revoking:
  1. ``record_child_revoked``, 2. ``mark_revoked_in_death_register``,
  3. ``close_own_questions``: nothing stays open on a revoked certificate,
  4. ``reopen_complemented_questions``: the parent's KOMPLT questions the complement closed.
Discarding a draft: ``record_child_discarded``, ``mark_discarded_in_death_register``.

Nothing is ever sent for a test-indicated patient. The application loads what is ``Affected``,
runs the reactions and saves the certificate with every aggregate they return, in that order, in
one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from eventsourcing.domain import Aggregate

from commands.conversations import ConversationOf
from commands.death_registers import check_signing
from domain.certificates.certificate import Certificate
from domain.certificates.lifecycle import RelationKind
from domain.certificates.register import DeathRegister
from domain.questions.conversation import Conversation


@dataclass(frozen=True)
class Affected:
    """The aggregates a certificate's lifecycle may touch, loaded by the application."""

    parent: Certificate | None
    register: DeathRegister | None
    conversation_of: ConversationOf


def reactions_to_signing(cert: Certificate, affected: Affected, *, by: str,
                         now: datetime) -> list[Aggregate]:
    parent, register = affected.parent, affected.register
    mark_signed_in_death_register(cert, register)
    send_to_default_recipient(cert, by, now)
    record_child_signed(cert, parent, now)
    send_complement_to_parents_recipients(cert, parent, by, now)
    closed = close_complemented_questions(cert, parent, affected.conversation_of, now)
    return _present(parent, register, closed)


def reactions_to_revoking(cert: Certificate, affected: Affected, *,
                          now: datetime) -> list[Aggregate]:
    parent, register = affected.parent, affected.register
    record_child_revoked(cert, parent, now)
    mark_revoked_in_death_register(cert, register)
    closed = close_own_questions(cert, affected.conversation_of, now)
    reopened = reopen_complemented_questions(cert, parent, affected.conversation_of, now)
    return _present(parent, register, closed, reopened)


def reactions_to_discarding(cert: Certificate, affected: Affected, *,
                            now: datetime) -> list[Aggregate]:
    record_child_discarded(cert, affected.parent, now)
    mark_discarded_in_death_register(cert, affected.register)
    return _present(affected.parent, affected.register)


# --- signing ---------------------------------------------------------------------------
def mark_signed_in_death_register(cert: Certificate, register: DeathRegister | None) -> None:
    if register is not None:
        check_signing(register, cert.id, cert.care_unit.care_giver_hsa_id)
        register.mark_signed(cert.id)


def send_to_default_recipient(cert: Certificate, by: str, now: datetime) -> None:
    cert_type = cert.certificate_type
    if cert_type.sign_sends and cert_type.default_recipient and not cert.patient.test_indicated:
        cert.send(recipient=cert_type.default_recipient, now=now, by=by)


def record_child_signed(cert: Certificate, parent: Certificate | None, now: datetime) -> None:
    if parent is not None:
        parent.record_child_signed(cert.id, now)


def send_complement_to_parents_recipients(cert: Certificate, parent: Certificate | None,
                                          by: str, now: datetime) -> None:
    if parent is not None and _is_complement(cert) and not cert.patient.test_indicated:
        for recipient in parent.recipients_sent_to:
            cert.send(recipient=recipient, now=now, by=by)


def close_complemented_questions(cert: Certificate, parent: Certificate | None,
                                 conversation_of: ConversationOf,
                                 now: datetime) -> Conversation | None:
    if parent is None or not _is_complement(cert):
        return None
    conv = conversation_of(parent.id)
    return conv if conv is not None and conv.close_by_complement(cert.id, now) else None


# --- revoking --------------------------------------------------------------------------
def record_child_revoked(cert: Certificate, parent: Certificate | None, now: datetime) -> None:
    if parent is not None:
        parent.record_child_revoked(cert.id, now)


def mark_revoked_in_death_register(cert: Certificate, register: DeathRegister | None) -> None:
    if register is not None:
        register.mark_revoked(cert.id)


def close_own_questions(cert: Certificate, conversation_of: ConversationOf,
                        now: datetime) -> Conversation | None:
    own = conversation_of(cert.id)
    return own if own is not None and own.close_on_revocation(now) else None


def reopen_complemented_questions(cert: Certificate, parent: Certificate | None,
                                  conversation_of: ConversationOf,
                                  now: datetime) -> Conversation | None:
    if parent is None or not _is_complement(cert):
        return None
    theirs = conversation_of(parent.id)
    if theirs is None or not theirs.reopen_after_complement_revoked(cert.id, now):
        return None
    return theirs


# --- discarding ------------------------------------------------------------------------
def record_child_discarded(cert: Certificate, parent: Certificate | None,
                           now: datetime) -> None:
    if parent is not None:
        parent.record_child_discarded(cert.id, now)


def mark_discarded_in_death_register(cert: Certificate, register: DeathRegister | None) -> None:
    if register is not None:
        register.mark_discarded(cert.id)


def _is_complement(cert: Certificate) -> bool:
    return bool(cert.relation and cert.relation["kind"] == RelationKind.KOMPLT.value)


def _present(*aggregates: Aggregate | None) -> list[Aggregate]:
    return [a for a in aggregates if a is not None]
